"""The full-process record (全过程记录): an append-only hash chain per bureau, and evidence blobs.

UPDATE and DELETE of an Entry are refused by database triggers (migration 0002), not only by code.
"""

from __future__ import annotations

from django.db import models


class Entry(models.Model):
    bureau_id = models.BigIntegerField("机关", db_index=False)
    seq = models.PositiveBigIntegerField("序号")
    at = models.DateTimeField("时间")
    actor_id = models.BigIntegerField("操作人", null=True, blank=True)
    actor_name = models.CharField("操作人姓名", max_length=60, blank=True)
    action = models.CharField("动作", max_length=60)
    subject_type = models.CharField("对象类型", max_length=60, blank=True)
    subject_id = models.CharField("对象编号", max_length=100, blank=True)
    # Canonical JSON text, hashed byte for byte: never re-encoded after writing.
    payload = models.TextField("内容", default="{}")
    prev_hash = models.CharField("前一条哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64)
    # 2 = HMAC with the ledger key (chain.KEYED); NULL = an entry written before the keyed chain,
    # plain SHA-256. Nullable so adding the column touches no row (the triggers refuse UPDATE).
    version = models.PositiveSmallIntegerField("哈希版本", null=True, blank=True)

    class Meta:
        verbose_name = "全过程记录"
        verbose_name_plural = "全过程记录"
        ordering = ["bureau_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["bureau_id", "seq"], name="ledger_seq_per_chain"),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="ledger_subject")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class ChainHead(models.Model):
    """The tip of one bureau's chain; its row lock serialises appends to that chain."""

    bureau_id = models.BigIntegerField("机关", primary_key=True)
    seq = models.PositiveBigIntegerField("最新序号", default=0)
    hash = models.CharField("最新哈希", max_length=64)

    class Meta:
        verbose_name = "记录链头"
        verbose_name_plural = "记录链头"

    def __str__(self) -> str:
        return f"{self.bureau_id}#{self.seq}"


class Blob(models.Model):
    """An evidence file, addressed by its SHA-256; the bytes live under BLOB_ROOT."""

    sha256 = models.CharField("SHA-256", max_length=64, primary_key=True)
    bureau_id = models.BigIntegerField("机关")
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    original_name = models.CharField("原文件名", max_length=200, blank=True)
    captured_at = models.DateTimeField("采集时间", null=True, blank=True)
    lon = models.FloatField("经度", null=True, blank=True)
    lat = models.FloatField("纬度", null=True, blank=True)
    device = models.CharField("采集设备", max_length=100, blank=True)
    uploaded_by_id = models.BigIntegerField("上传人", null=True, blank=True)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "证据文件"
        verbose_name_plural = "证据文件"

    def __str__(self) -> str:
        return f"{self.original_name or self.sha256[:12]}"


class BlobLink(models.Model):
    """One use of an evidence file: the bureau and the name it was stored under (a city case's
    photo is named after the case). Blobs are shared by content hash; the link is per use, so the
    same bytes uploaded to a second case are that case's photo too."""

    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="links")
    bureau_id = models.BigIntegerField("机关")
    name = models.CharField("文件名", max_length=200)
    linked_by_id = models.BigIntegerField("上传人", null=True, blank=True)
    linked_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "证据文件使用"
        verbose_name_plural = "证据文件使用"
        constraints = [
            models.UniqueConstraint(fields=["blob", "bureau_id", "name"], name="ledger_blob_link"),
        ]
        indexes = [models.Index(fields=["bureau_id", "name"], name="ledger_bloblink_name")]

    def __str__(self) -> str:
        return self.name
