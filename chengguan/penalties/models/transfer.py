"""移送: a suspected crime to the judiciary (XF-27) or a matter outside the bureau's powers to the
competent body (XF-22). A transferred case is suspended: no penalty decision follows (decision 076)."""

from __future__ import annotations

from django.db import models

from .case import PenaltyCase


class Transfer(models.Model):
    class Kind(models.TextChoices):
        JUDICIAL = "judicial", "涉嫌犯罪移送司法机关"
        COMPETENT_BODY = "competent_body", "移送有管辖权的机关"

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="transfers", verbose_name="案件"
    )
    kind = models.CharField("移送类别", max_length=16, choices=Kind)
    to = models.CharField("接收机关", max_length=100)
    reason = models.TextField("移送理由")
    # XF-27 (国务院令第310号第五条): the 3 days run from the report of the suspected crime.
    reported_on = models.DateField("发现或报告日期")
    decided_on = models.DateField("移送决定日期")
    approved_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="批准负责人",
    )
    handed_over_on = models.DateField("移交案卷日期")
    receipt = models.CharField("接收回执", max_length=100)
    late_reason = models.TextField("逾期理由", blank=True)
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "案件移送"
        verbose_name_plural = "案件移送"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.to}"


class Disposal(models.Model):
    """XF-74: confiscated goods (没收的非法财物) sold at public auction or disposed of as the State
    provides (destruction with witnesses), recorded against the decision that confiscated them."""

    class Method(models.TextChoices):
        AUCTION = "auction", "公开拍卖"
        DESTRUCTION = "destruction", "销毁"
        STATE_RULES = "state_rules", "按国家有关规定处理"

    case = models.ForeignKey(
        PenaltyCase, on_delete=models.PROTECT, related_name="disposals", verbose_name="案件"
    )
    method = models.CharField("处置方式", max_length=16, choices=Method)
    items = models.TextField("处置物品")
    disposed_on = models.DateField("处置日期")
    # Auction: who sold them and the proceeds paid into the treasury (第七十四条第二款).
    auctioneer = models.CharField("拍卖机构", max_length=100, blank=True)
    proceeds = models.DecimalField(
        "拍卖款（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    treasury_voucher = models.CharField("上缴国库凭证号", max_length=60, blank=True)
    # Destruction: the witnesses present; other handling: the provision it follows.
    witnesses = models.JSONField("见证人", default=list, blank=True)
    basis = models.CharField("处理依据", max_length=200, blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "罚没物品处置"
        verbose_name_plural = "罚没物品处置"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()}（{self.disposed_on:%Y-%m-%d}）"
