"""API sessions: bearer tokens (stored hashed), failed-login counts, idempotent replies."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="人员",
    )
    # Only the SHA-256 of the token is kept: a leaked table grants nothing.
    digest = models.CharField("令牌摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("签发时间", auto_now_add=True)
    expires_at = models.DateTimeField("过期时间")
    revoked = models.BooleanField("已吊销", default=False)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.staff} · {self.expires_at:%Y-%m-%d %H:%M}"


class LoginFailure(models.Model):
    username = models.CharField("用户名", max_length=150, db_index=True)
    ip = models.CharField("来源地址", max_length=64, blank=True)
    at = models.DateTimeField("时间", db_index=True)

    class Meta:
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class IdempotentReply(models.Model):
    """The first reply to a write sent with an ``Idempotency-Key``, replayed for the same key."""

    scope = models.CharField("调用方", max_length=80)
    key = models.CharField("幂等键", max_length=200)
    method = models.CharField("方法", max_length=10)
    path = models.CharField("路径", max_length=300)
    body_digest = models.CharField("请求摘要", max_length=64)
    status = models.PositiveSmallIntegerField("状态码")
    content_type = models.CharField("内容类型", max_length=100)
    # Sealed with the data key (core/sealing.py): a reply may carry revealed personal data.
    body = models.BinaryField("应答")
    # When the key was claimed (or its lease renewed); rows expire by it.
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "幂等应答"
        verbose_name_plural = "幂等应答"
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_per_caller"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
