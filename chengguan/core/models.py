"""Small shared tables: the working calendar and the number counters."""

from __future__ import annotations

from django.db import models


class CalendarDay(models.Model):
    """One day of the State Council's holiday arrangement (CAL-2); the calendar is data, not code."""

    class Source(models.TextChoices):
        PACKAGE = "package", "chinesecalendar 软件包"
        ADMIN = "admin", "管理员录入"
        # Monday–Friday placeholders an administrator chose to use until the State Council's
        # notice is entered; every page warns while a draft year is in use.
        DRAFT = "draft", "暂定（未按国务院通知核对）"

    date = models.DateField("日期", primary_key=True)
    is_workday = models.BooleanField("是否工作日")
    name = models.CharField("节日/调休说明", max_length=40, blank=True)
    source = models.CharField("来源", max_length=10, choices=Source, default=Source.ADMIN)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "工作日历"
        verbose_name_plural = "工作日历"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {'工作日' if self.is_workday else '休息日'}"


class Counter(models.Model):
    """The last number issued per bureau, kind and year; locked while a number is taken."""

    bureau_id = models.BigIntegerField("机关")
    kind = models.CharField("编号类别", max_length=40)
    year = models.PositiveIntegerField("年度")
    value = models.PositiveIntegerField("当前号", default=0)

    class Meta:
        verbose_name = "文号计数器"
        verbose_name_plural = "文号计数器"
        constraints = [
            models.UniqueConstraint(fields=["bureau_id", "kind", "year"], name="counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}〔{self.year}〕{self.value}"
