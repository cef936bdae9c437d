"""Correction orders (责令限期改正, ZL-1) and their follow-up check (复查)."""

from __future__ import annotations

from django.db import models

from .case import PenaltyCase


class CorrectionOrder(models.Model):
    """ZL-1: an order with a concrete deadline; an officer checks after it whether it was obeyed.

    An order found not performed is a ground for a case or for a heavier level (``performed`` False).
    """

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="corrections", verbose_name="案件"
    )
    content = models.TextField("责令改正内容")
    issued_on = models.DateField("责令日期")
    deadline = models.DateField("改正期限")
    issued_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="责令人"
    )
    checked_on = models.DateField("复查日期", null=True, blank=True)
    checked_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="复查人",
    )
    performed = models.BooleanField("已按期改正", null=True, blank=True)
    check_note = models.TextField("复查情况", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "责令限期改正"
        verbose_name_plural = "责令限期改正"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"责令改正（期限{self.deadline:%Y-%m-%d}）"
