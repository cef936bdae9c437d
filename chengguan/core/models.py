"""Small shared tables: the working calendar and the number counters."""

from __future__ import annotations

from django.db import models


class CalendarDay(models.Model):
    """One day of the State Council's holiday arrangement (CAL-2); the calendar is data, not code."""

    class Source(models.TextChoices):
        PACKAGE = "package", "chinesecalendar 软件包"
        ADMIN = "admin", "管理员录入"
        # Monday–Friday placeholders an administrator chose to use until the State Council's
        # notice is entered; every page warns while a draft year is in use.
        DRAFT = "draft", "暂定（未按国务院通知核对）"

    date = models.DateField("日期", primary_key=True)
    is_workday = models.BooleanField("是否工作日")
    name = models.CharField("节日/调休说明", max_length=40, blank=True)
    source = models.CharField("来源", max_length=10, choices=Source, default=Source.ADMIN)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "工作日历"
        verbose_name_plural = "工作日历"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {'工作日' if self.is_workday else '休息日'}"


class Counter(models.Model):
    """The last number issued per bureau, kind and year; locked while a number is taken."""

    bureau_id = models.BigIntegerField("机关")
    kind = models.CharField("编号类别", max_length=40)
    year = models.PositiveIntegerField("年度")
    value = models.PositiveIntegerField("当前号", default=0)

    class Meta:
        verbose_name = "文号计数器"
        verbose_name_plural = "文号计数器"
        constraints = [
            models.UniqueConstraint(fields=["bureau_id", "kind", "year"], name="counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}〔{self.year}〕{self.value}"


# --- auth (issue 12 item 4: login throttle, password history, security trail) ---
class LoginThrottle(models.Model):
    """Password checks in the current window for one username or one client address.

    One row per key, locked (``select_for_update``) while an attempt is counted, so parallel
    attempts from many workers cannot pass more password checks than the limit.
    """

    key = models.CharField("对象", max_length=220, unique=True)  # "user:NAME" or "ip:ADDRESS"
    count = models.PositiveIntegerField("失败次数", default=0)
    window_start = models.DateTimeField("计数起点")

    class Meta:
        verbose_name = "登录限制"
        verbose_name_plural = "登录限制"

    def __str__(self) -> str:
        return f"{self.key} {self.count}"


class SecurityEvent(models.Model):
    """One security event (login, lock-out, token, password): append-only, never deleted.

    Kept apart from the ledger on purpose: a refused login or request must leave the legal record
    (ledger ``Entry``) unchanged. Plain ids instead of foreign keys, so removing a staff member
    or a unit can never cascade into the trail.
    """

    class Kind(models.TextChoices):
        LOGIN_OK = "login.ok", "登录成功"
        LOGIN_FAILED = "login.failed", "登录失败"
        LOGIN_LOCKED = "login.locked", "登录被锁定"
        LOGOUT = "logout", "退出登录"
        SESSION_EXPIRED = "session.expired", "会话超时"
        TOKEN_ISSUED = "token.issued", "签发令牌"
        TOKEN_ROTATED = "token.rotated", "轮换令牌"
        TOKEN_REVOKED = "token.revoked", "吊销令牌"
        PASSWORD_CHANGED = "password.changed", "修改密码"
        # Decision 073: every 403 a signed-in person meets, and every export of the trail.
        ACCESS_DENIED = "access.denied", "拒绝访问"
        AUDIT_EXPORT = "audit.export", "审计导出"
        # Issue #15: a list exported to a file (it may carry personal data: who took what).
        DATA_EXPORT = "data.export", "数据导出"
        # A search of cases by a requester's phone (personal data used as a key).
        PII_SEARCH = "pii.search", "按个人信息检索"

    at = models.DateTimeField("时间", db_index=True)
    kind = models.CharField("事件", max_length=30, choices=Kind)
    channel = models.CharField("入口", max_length=20, blank=True)  # web / admin / api
    username = models.CharField("用户名", max_length=150, blank=True)
    staff_id = models.BigIntegerField("人员", null=True, blank=True)
    bureau_id = models.BigIntegerField("机关", null=True, blank=True, db_index=True)
    ip = models.CharField("来源地址", max_length=64, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "安全审计事件"
        verbose_name_plural = "安全审计事件"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Append-only: the database triggers refuse UPDATE/DELETE too; this says so earlier.
        if self.pk is not None:
            raise ValueError("安全审计事件只能追加，不能修改")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("安全审计事件只能追加，不能删除")


# --- end auth ---
