"""The provincial exchange's outbox (decision 094): one row per version of a record pushed to the
provincial 执法监督 / 运管服 platform, with its delivery state and receipt; and the watermark of
each bureau's ledger chain up to which records were collected."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    PENALTY_CASE = "penalty_case", "行政处罚案件"
    INSPECTION = "inspection", "行政检查"
    PERMIT = "permit", "行政许可"
    ANNUAL = "annual", "年度数据（SZ-4）"


class ExchangeRecord(models.Model):
    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    kind = models.CharField("数据类别", max_length=16, choices=Kind)
    source_id = models.CharField("业务对象编号", max_length=60)
    version = models.PositiveIntegerField("版本")
    # bureau code, kind, source and version: the platform keeps one record per key, so a message
    # delivered twice (a lost receipt, two senders) stays one record there.
    key = models.CharField("报送键", max_length=160)
    payload = models.JSONField("报文")
    payload_sha256 = models.CharField("报文摘要", max_length=64)
    ledger_seq = models.PositiveBigIntegerField("触发的记录序号", null=True, blank=True)
    created_at = models.DateTimeField("生成时间")
    attempts = models.PositiveIntegerField("发送次数", default=0)
    last_error = models.TextField("最近错误", blank=True)
    next_attempt_at = models.DateTimeField("下次发送时间", null=True, blank=True)
    sent_at = models.DateTimeField("送达时间", null=True, blank=True)
    receipt = models.JSONField("回执", null=True, blank=True)
    receipt_id = models.CharField("平台回执编号", max_length=100, blank=True)

    class Meta:
        verbose_name = "省级数据交换报文"
        verbose_name_plural = "省级数据交换报文"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "key"], name="exchange_key_unique"),
            models.UniqueConstraint(
                fields=["bureau", "kind", "source_id", "version"], name="exchange_version_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["sent_at", "next_attempt_at"], name="exchange_unsent"),
            models.Index(fields=["bureau", "kind", "source_id"], name="exchange_source"),
            models.Index(fields=["bureau", "created_at"], name="exchange_day"),
        ]

    def __str__(self) -> str:
        return self.key


class Watermark(models.Model):
    """The last ledger entry (seq on the bureau's chain) whose subject was collected."""

    bureau = models.OneToOneField(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="+",
        verbose_name="所属机关",
    )
    seq = models.PositiveBigIntegerField("已采集至序号", default=0)
    collected_at = models.DateTimeField("采集时间", null=True, blank=True)

    class Meta:
        verbose_name = "数据交换采集位置"
        verbose_name_plural = "数据交换采集位置"

    def __str__(self) -> str:
        return f"{self.bureau_id}@{self.seq}"
