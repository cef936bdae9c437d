"""Public disclosure (双公示) of penalty decisions: what was published, when it was due (SZ-3), until
when it stays public (GS-2), and its withdrawal (XF-48).

The GS-1 record is a snapshot taken at publication, kept encrypted because it holds the party's ID
number in clear; every public reader goes through ``masking.public_record``.
"""

from __future__ import annotations

from django.db import models

from chengguan.core.pii import EncryptedTextField


class Publication(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", "公示中"
        WITHDRAWN = "withdrawn", "已撤下"

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    penalty_case = models.ForeignKey(
        "penalties.PenaltyCase",
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name="处罚案件",
    )
    decision_number = models.CharField("处罚决定书文号", max_length=60)
    party_kind = models.CharField("相对人类别", max_length=12)
    decided_on = models.DateField("处罚决定日期")
    due_on = models.DateField("应公示日期")
    published_on = models.DateField("公示日期")
    on_time = models.BooleanField("按期公示")
    expires_on = models.DateField("公示截止期")
    # JSON of the GS-1 fields in clear, encrypted at rest (PI-1).
    record = EncryptedTextField("公示数据项")
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.PUBLISHED)
    withdraw_reason = models.CharField("撤下原因", max_length=200, blank=True)
    withdraw_trigger_on = models.DateField("撤下事由发生日期", null=True, blank=True)
    withdraw_due = models.DateField("应撤下日期", null=True, blank=True)
    withdrawn_on = models.DateField("撤下日期", null=True, blank=True)
    withdrawn_on_time = models.BooleanField("按期撤下", null=True, blank=True)
    published_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="公示人"
    )

    class Meta:
        verbose_name = "处罚决定公示"
        verbose_name_plural = "处罚决定公示"
        ordering = ["bureau_id", "-published_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["penalty_case"],
                condition=models.Q(status="published"),
                name="one_live_publication_per_case",
            ),
        ]
        indexes = [
            models.Index(fields=["bureau", "status", "expires_on"], name="publication_public")
        ]

    def __str__(self) -> str:
        return self.decision_number
