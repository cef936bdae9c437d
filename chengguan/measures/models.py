"""查封、扣押 (行政强制法 §§22–28): a compulsory measure attached to a penalty case, from the seizure
on the spot to the release or the disposal of the items."""

from __future__ import annotations

import datetime as dt

from django.db import models

from chengguan.core import clock
from chengguan.measures.states import Status


class Seizure(models.Model):
    class Kind(models.TextChoices):
        SEAL = "seal", "查封"
        SEIZE = "seize", "扣押"

    Status = Status

    class ReleaseReason(models.TextChoices):
        # QZ-28's grounds, plus QZ-19's refused (or never given) approval and the officer's own call.
        NO_VIOLATION = "no_violation", "当事人没有违法行为"
        UNRELATED = "unrelated", "查封扣押的场所、设施或者财物与违法行为无关"
        NO_LONGER_NEEDED = "no_longer_needed", "已作出处理决定，不再需要查封扣押"
        EXPIRED = "expired", "查封扣押期限已经届满"
        NOT_APPROVED = "not_approved", "负责人不批准（紧急情况事后未获批准）"
        OTHER = "other", "其他不再需要采取查封扣押措施的情形"

    class Handling(models.TextChoices):
        CONFISCATE = "confiscate", "依决定没收"
        AUCTION = "auction", "依法拍卖（变卖）"
        DESTROY = "destroy", "依法销毁"
        TRANSFER = "transfer", "随案移送"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        related_name="seizures",
        verbose_name="案件",
    )
    kind = models.CharField("措施种类", max_length=8, choices=Kind)
    status = models.CharField("状态", max_length=12, choices=Status)
    # QZ-24 (decision 077): the 决定书 states why and on what basis; blank input takes the case's
    # facts and its power item's basis, so the record never lacks them.
    reason = models.TextField("查封扣押理由", blank=True)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    # QZ-24: the 清单 — each item's name, quantity, unit, an optional note and an optional photo
    # (the SHA-256 of a blob of the bureau's evidence store).
    items = models.JSONField("物品清单", default=list)
    # Photos of the whole lot (SHA-256 of evidence blobs), beside or instead of per-item photos.
    photos = models.JSONField("整批照片", default=list, blank=True)
    # QZ-26: the custody record — where the items are kept and in what condition they were taken.
    place = models.CharField("保管地点", max_length=200)
    condition = models.CharField("物品状况", max_length=500)
    emergency = models.BooleanField("当场实施（紧急情况）", default=False)
    held_at = models.DateTimeField("实施时间")
    held_on = models.DateField("实施日期")
    held_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="实施人"
    )
    # QZ-18: the officers who showed their certificates, with the numbers shown.
    certificates = models.JSONField("出示证件", default=list)
    party_present = models.BooleanField("当事人到场", default=True)
    party_signed = models.BooleanField("当事人签名", default=True)
    witnesses = models.JSONField("见证人", default=list, blank=True)
    approved_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准负责人",
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    report_by = models.DateTimeField("补批截止", null=True, blank=True)
    decide_by = models.DateField("期限届满日")
    extended_on = models.DateField("延长日期", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长天数", null=True, blank=True)
    extension_reason = models.TextField("延长理由", blank=True)
    extended_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准延长",
    )
    released_on = models.DateField("解除日期", null=True, blank=True)
    release_reason = models.CharField("解除理由", max_length=20, choices=ReleaseReason, blank=True)
    release_note = models.TextField("解除说明", blank=True)
    returned_on = models.DateField("退还日期", null=True, blank=True)
    # QZ-28: the return receipt — who took the items back, whether they signed, a photo of it.
    returned_to = models.CharField("领取人", max_length=60, blank=True)
    receipt_signed = models.BooleanField("领取人已签收", default=False)
    receipt_photo = models.CharField("退还签收单照片", max_length=64, blank=True)
    released_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="解除人",
    )
    disposed_on = models.DateField("处理日期", null=True, blank=True)
    handling = models.CharField("处理方式", max_length=12, choices=Handling, blank=True)
    handling_note = models.TextField("处理说明", blank=True)
    disposed_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="处理人",
    )

    class Meta:
        verbose_name = "查封扣押"
        verbose_name_plural = "查封扣押"
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["bureau", "status"], name="seizure_bureau_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def open(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.HELD)

    def days_left(self, on: dt.date | None = None) -> int | None:
        """QZ-25: calendar days until the period ends (0 = last day, negative = overdue); None
        once the measure is over."""
        if not self.open:
            return None
        return (self.decide_by - (on or clock.today())).days

    @property
    def days_left_today(self) -> int | None:
        return self.days_left()

    def report_overdue(self, now: dt.datetime | None = None) -> bool:
        """QZ-19: taken in an emergency and still not approved after 24 hours: release at once."""
        return (
            self.status == self.Status.PENDING
            and self.report_by is not None
            and (now or clock.now()) > self.report_by
        )

    @property
    def report_overdue_now(self) -> bool:
        return self.report_overdue()

    def photo_shas(self) -> set[str]:
        """Every evidence file this measure refers to (lot, items, return receipt)."""
        shas = {str(p) for p in self.photos or []}
        shas |= {
            str(i["photo"]) for i in self.items or [] if isinstance(i, dict) and i.get("photo")
        }
        if self.receipt_photo:
            shas.add(self.receipt_photo)
        return shas
