"""The content of a decision (LEGAL-RULES §10.3): records a decision's legality depends on."""

from __future__ import annotations

from django.db import models

from chengguan.penalties.models.case import PenaltyCase


class SeparateAct(models.Model):
    """XF-29.2: the legal reviewer's recorded finding that two cases of the same party with similar
    facts close in time are separate acts, so the second may be fined too."""

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="separate_acts", verbose_name="案件"
    )
    other = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="+", verbose_name="相近的另一案件"
    )
    reviewer = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="确认人"
    )
    reason = models.TextField("认定为另一违法行为的理由")
    confirmed_on = models.DateField("确认日期")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "另一违法行为确认"
        verbose_name_plural = "另一违法行为确认"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "other"], name="separateact_once_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.case} ≠ {self.other}"
