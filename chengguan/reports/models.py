"""A bureau's own wording of the report's narrative paragraphs; the shipped defaults are template
files under templates/reports/annual/, and a row here with the same key replaces one for one bureau."""

from __future__ import annotations

from django.db import models


class NarrativeTemplate(models.Model):
    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    key = models.CharField(
        "段落标识",
        max_length=60,
        help_text="与 templates/reports/annual/ 下的文件名（不含 .txt）相同",
    )
    body = models.TextField("段落模板", help_text="Django 模板语法，可用 {{ f.键名 }} 引用数字")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "报告段落模板"
        verbose_name_plural = "报告段落模板"
        constraints = [
            models.UniqueConstraint(fields=["bureau", "key"], name="narrative_key_per_bureau"),
        ]

    def __str__(self) -> str:
        return self.key
