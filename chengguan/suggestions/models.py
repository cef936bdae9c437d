"""人大代表建议 / 政协委员提案 (LEGAL-RULES §12, JY-1): receipt, the lead and co-handling units,
the reply deadline, the replies, the delegate's satisfaction and the redo when unsatisfied."""

from __future__ import annotations

from django.db import models

from chengguan.suggestions.states import Kind, Level, Status


class Suggestion(models.Model):
    Status = Status

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    kind = models.CharField("类别", max_length=6, choices=Kind)
    number = models.CharField("建议（提案）号", max_length=40)
    title = models.CharField("标题", max_length=300)
    assigned_on = models.DateField("交办日期")
    # The first unit leads (主办); the others co-handle (协办).
    lead_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="主办单位"
    )
    units = models.ManyToManyField("org.OrgUnit", related_name="+", verbose_name="承办单位")
    due_on = models.DateField("答复期限")
    redo_due = models.DateField("重新办理期限", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.OPEN)
    satisfaction = models.CharField("满意度", max_length=12, choices=Level, blank=True)
    satisfaction_on = models.DateField("反馈日期", null=True, blank=True)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "人大建议和政协提案"
        ordering = ["bureau_id", "-assigned_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "kind", "number"], name="suggestion_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Reply(models.Model):
    """One reply (答复); a redo adds another, the first stays on record."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.PROTECT, related_name="replies", verbose_name="建议提案"
    )
    round = models.PositiveSmallIntegerField("轮次", default=1)
    replied_on = models.DateField("答复日期")
    due_on = models.DateField("答复期限")
    # JY-1: a reply after its deadline is stored, and marked late.
    late = models.BooleanField("逾期答复", default=False)
    document = models.CharField("答复文号", max_length=100, blank=True)
    text = models.TextField("答复内容")
    replied_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="答复人"
    )

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["suggestion_id", "round"]

    def __str__(self) -> str:
        return f"{self.suggestion_id} 第{self.round}次答复"
