"""The bureau's organisation: units, staff, roles, enforcement certificates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction

from chengguan.core import clock
from chengguan.core.models import SecurityEvent
from chengguan.core.pii import EncryptedTextField
from chengguan.core.security.events import record_event
from chengguan.org.roles import Role


class OrgUnit(models.Model):
    """A node of a bureau's tree. The root is the bureau itself and ``bureau`` points to itself."""

    class Kind(models.TextChoices):
        BUREAU = "bureau", "城市管理局"
        CENTER = "center", "指挥中心"
        LEGAL = "legal", "法制股"
        OFFICE = "office", "科室"
        BRIGADE = "brigade", "执法大队"
        SQUAD = "squad", "执法中队"
        TOWN = "town", "乡镇综合执法队"
        STREET = "street", "街道综合执法队"
        DEPARTMENT = "department", "处置部门"
        # --- helper:province --- Issue #16: the supervising bodies above bureaus. Each is the
        # root of its own tree (``bureau`` points to itself, so its staff's reads are on its own
        # chain) and reads the bureaus below it; it never owns a case.
        PROVINCE = "province", "省级城市管理主管部门"
        CITY = "city", "市级城市管理主管部门"
        # --- /helper:province ---

    bureau = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="所属机关",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        verbose_name="上级单位",
    )
    # --- helper:province --- a bureau's (or a city body's) supervising body; only on roots.
    oversight = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="overseen",
        null=True,
        blank=True,
        verbose_name="上级主管部门",
    )
    # --- /helper:province ---
    code = models.CharField("单位代码", max_length=40)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=20, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind)
    division_code = models.CharField("行政区划代码", max_length=12, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    external = models.BooleanField("局外单位", default=False)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["bureau_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "code"], name="orgunit_code_per_bureau"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_bureau(self) -> bool:
        return self.kind == self.Kind.BUREAU

    # --- helper:province ---
    @property
    def is_oversight_body(self) -> bool:
        return self.kind in (self.Kind.PROVINCE, self.Kind.CITY)

    # --- /helper:province ---


class Staff(AbstractUser):
    """A person who signs in. ``bureau`` scopes everything they may see; every account has one."""

    bureau = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="所属机关",
    )
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name="所在单位",
    )
    full_name = models.CharField("姓名", max_length=40, blank=True)
    # ORG-2: auxiliary staff assist but never sign as the enforcing officer.
    is_auxiliary = models.BooleanField("协管员/辅助人员", default=False)
    # XF-58: a first-time legal reviewer needs legal-professional qualification.
    legal_qualified = models.BooleanField("具有法律职业资格", default=False)
    post = models.CharField("岗位", max_length=40, blank=True)
    # GB/T 22239 level 3 (decision 072): a password set by someone else (an administrator, the
    # demo outside demo mode) is changed by its holder at the next login; passwords expire.
    must_change_password = models.BooleanField("下次登录须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    REQUIRED_FIELDS = ["email", "bureau"]

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A new password ends every API token of the old one (issue #12 item 4); Django's session
        # hash already ends the other browser sessions. set_password() leaves ``_password`` set
        # until the row is saved.
        new_password = getattr(self, "_password", None) is not None
        password_changed = self.pk is not None and new_password
        changed_at = clock.now()
        if new_password:
            self.password_changed_at = changed_at
            fields = kwargs.get("update_fields")
            if fields is not None:
                kwargs["update_fields"] = {*fields, "password_changed_at"}
        with transaction.atomic():
            super().save(*args, **kwargs)
            if new_password and self.has_usable_password():
                PasswordHistory.objects.create(staff=self, password=self.password, at=changed_at)
            if password_changed:
                from chengguan.api.auth import revoke_all  # api's models load after org's

                revoke_all(self, reason="密码已修改")
                record_event(
                    kind=SecurityEvent.Kind.PASSWORD_CHANGED, username=self.username, staff=self
                )

    def password_expired(self, now: dt.datetime | None = None) -> bool:
        days = settings.PASSWORD_MAX_AGE_DAYS
        if not days or self.password_changed_at is None:
            return False
        return (now or clock.now()) - self.password_changed_at > dt.timedelta(days=days)

    def role_ids(self) -> set[str]:
        cached = getattr(self, "_role_ids", None)
        if cached is None:
            cached = set(self.roles.values_list("role", flat=True))
            self._role_ids = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_ids() & set(roles))


class RoleAssignment(models.Model):
    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="roles", verbose_name="人员"
    )
    role = models.CharField("角色", max_length=20, choices=Role)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="role_assignments", verbose_name="单位"
    )

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        constraints = [
            models.UniqueConstraint(fields=["staff", "role", "unit"], name="role_once_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.get_role_display()} · {self.unit}"


class Certificate(models.Model):
    """An enforcement certificate (执法证). Expiry is computed; suspension and cancellation are recorded."""

    class Status(models.TextChoices):
        VALID = "valid", "有效"
        SUSPENDED = "suspended", "暂扣"
        CANCELLED = "cancelled", "注销"
        EXPIRED = "expired", "过期"

    class Reason(models.TextChoices):
        LEFT_POST = "left_post", "脱离执法岗位"
        RETIRED = "retired", "退休"
        TRANSFERRED = "transferred", "工作调整"
        DISCIPLINE = "discipline", "违纪违法"
        OTHER = "other", "其他"

    bureau = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    holder = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="certificates", verbose_name="持证人"
    )
    number = models.CharField("证件编号", max_length=40)
    kind = models.CharField("证件种类", max_length=40, default="行政执法证")
    issuer = models.CharField("发证机关", max_length=100, blank=True)
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至")
    # Stored status is never "expired": expiry follows from the date, see effective_status().
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.VALID)
    reason = models.CharField("变更原因", max_length=20, choices=Reason, blank=True)
    reason_text = models.CharField("原因说明", max_length=200, blank=True)
    status_changed_at = models.DateTimeField("状态变更时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "执法证件"
        verbose_name_plural = "执法证件"
        ordering = ["holder_id", "-issued_on"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "number"], name="certificate_number_unique"),
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("issued_on")),
                name="certificate_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.holder}）"

    def effective_status(self, on: dt.date) -> str:
        if self.status == self.Status.VALID and self.expires_on < on:
            return self.Status.EXPIRED
        return self.status

    def is_valid(self, on: dt.date) -> bool:
        return self.effective_status(on) == self.Status.VALID and self.issued_on <= on


class PasswordHistory(models.Model):
    """The hashes of a person's earlier passwords, so a new one cannot repeat the last N (072)."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="password_history", verbose_name="人员"
    )
    password = models.CharField("密码哈希", max_length=128)
    at = models.DateTimeField("设置时间")

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.staff} · {self.at:%Y-%m-%d}"


# --- helper:security ---
class TotpDevice(models.Model):
    """A person's TOTP second factor (decision 079). One per person; replaced only after a reset.

    ``last_step`` is the RFC 6238 time step of the last code accepted: a code of that step or an
    earlier one is refused, so a code seen over a shoulder cannot be used a second time.
    """

    staff = models.OneToOneField(
        Staff, on_delete=models.CASCADE, related_name="totp_device", verbose_name="人员"
    )
    # The shared secret, base32, encrypted with the data key (PI-1); never shown after enrolment.
    secret = EncryptedTextField("密钥")
    created_at = models.DateTimeField("生成时间")
    confirmed_at = models.DateTimeField("启用时间", null=True, blank=True)
    last_step = models.BigIntegerField("最近使用的时间步", default=0)

    class Meta:
        verbose_name = "二次验证（TOTP）"
        verbose_name_plural = "二次验证（TOTP）"

    def __str__(self) -> str:
        return f"{self.staff} TOTP"

    @property
    def bureau_id(self) -> int | None:
        bureau_id: int | None = self.staff.bureau_id
        return bureau_id


class RecoveryCode(models.Model):
    """A one-time code for a lost phone: only its keyed hash is kept; used once, then dead."""

    device = models.ForeignKey(
        TotpDevice, on_delete=models.CASCADE, related_name="recovery_codes", verbose_name="设备"
    )
    digest = models.CharField("摘要", max_length=64, unique=True)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "恢复码"
        verbose_name_plural = "恢复码"

    def __str__(self) -> str:
        return f"恢复码 {self.pk}"


# --- /helper:security ---
