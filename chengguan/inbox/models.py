"""The in-app inbox (issue #15, decision 075): one row per message to one person.

``key`` makes sending idempotent: a reminder job that runs every ten minutes, or twice at once,
tells a person about one deadline once (unique per recipient and key).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    class Kind(models.TextChoices):
        DISPATCHED = "dispatched", "新派遣"
        RETURNED = "returned", "退单"
        DUE_SOON = "due_soon", "即将到期"
        OVERDUE = "overdue", "已超期"
        REVIEW = "review", "待法制审核"
        HEARING = "hearing", "听证申请"
        OTHER = "other", "其他"

    bureau_id = models.BigIntegerField("机关")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="接收人",
    )
    kind = models.CharField("类型", max_length=20, choices=Kind)
    title = models.CharField("标题", max_length=200)
    link = models.CharField("链接", max_length=300, blank=True)
    key = models.CharField("去重键", max_length=200)
    created_at = models.DateTimeField("时间")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.title
