"""Each generated 文书: its number, format, the SHA-256 of the file handed out and the file itself."""

from __future__ import annotations

from django.db import models

from chengguan.core import clock
from chengguan.documents.kinds import Format, Kind


class DocumentNumber(models.Model):
    """The 文号 of one kind of 文书 for one case, taken the first time it is generated and kept."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        related_name="document_numbers",
        verbose_name="案件",
    )
    kind = models.CharField("文书种类", max_length=24, choices=Kind)
    number = models.CharField("文号", max_length=60)
    created_at = models.DateTimeField("编号时间", auto_now_add=True)

    class Meta:
        verbose_name = "文书文号"
        verbose_name_plural = "文书文号"
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="document_number_per_case_kind"),
            models.UniqueConstraint(fields=["bureau", "number"], name="document_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number


class Document(models.Model):
    """One generation of one 文书. Regenerating keeps the 文号 and adds a row with the new hash."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="案件",
    )
    kind = models.CharField("文书种类", max_length=24, choices=Kind)
    number = models.CharField("文号", max_length=60)
    format = models.CharField("格式", max_length=8, choices=Format)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("字节数")
    # The bytes as printed, in the ledger's content-addressed store (decision 031). Null only for
    # rows generated before files were kept: their hash still proves which file was handed out.
    blob = models.ForeignKey(
        "ledger.Blob",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="留存文件",
    )
    # clock.now, not auto_now_add: the pre-review compares this with the case's dates, and the
    # demo and tests generate 文书 at moved times.
    created_at = models.DateTimeField("生成时间", default=clock.now)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="生成人"
    )

    class Meta:
        verbose_name = "执法文书"
        verbose_name_plural = "执法文书"
        ordering = ["case_id", "kind", "-id"]
        indexes = [models.Index(fields=["case", "kind"], name="document_case_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
