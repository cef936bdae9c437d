"""行政许可 (LEGAL-RULES §12): the kinds a bureau grants (XK-1), applications with the statutory
clock in working days (XK-32, XK-42), the decision (XK-38) and its publication (XK-40), and the
outbox of status messages to the provincial 一网通办 platform."""

from __future__ import annotations

from django.db import models

from chengguan.core.pii import EncryptedTextField
from chengguan.permits.states import ApplicantKind, Channel, Status


class PermitKind(models.Model):
    """XK-1: one kind of permit the bureau grants, as bureau data (not code)."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    # The unit that handles the kind (承办科室); empty = any unit of the bureau.
    unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="承办单位",
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("许可事项名称", max_length=200)
    legal_basis = models.TextField("设定依据")
    # The names of the required materials; an application names the ones it submits (XK-32).
    materials = models.JSONField("申请材料清单", default=list)
    validity_days = models.PositiveIntegerField("有效期（日）", null=True, blank=True)
    conditions = models.TextField("许可证载明的条件", blank=True)
    active = models.BooleanField("受理中", default=True)

    class Meta:
        verbose_name = "行政许可事项"
        verbose_name_plural = "行政许可事项"
        ordering = ["bureau_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "code"], name="permit_kind_code"),
        ]

    def __str__(self) -> str:
        return self.name


class PermitApplication(models.Model):
    Status = Status

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="承办单位",
    )
    number = models.CharField("申请编号", max_length=40)
    kind = models.ForeignKey(
        PermitKind, on_delete=models.PROTECT, related_name="applications", verbose_name="许可事项"
    )
    applicant_kind = models.CharField("申请人类型", max_length=12, choices=ApplicantKind)
    applicant_name = models.CharField("申请人", max_length=200)
    # PI-1: an ID number is personal data, encrypted at rest as citycases stores phones.
    applicant_id = EncryptedTextField("身份证号码或统一社会信用代码")
    applicant_phone = EncryptedTextField("联系电话", blank=True, default="")
    location = models.CharField("地点", max_length=300, blank=True)
    period = models.CharField("期限（申请）", max_length=100, blank=True)
    materials = models.JSONField("已提交材料", default=list)
    received_on = models.DateField("收到申请日期")
    channel = models.CharField("申请渠道", max_length=8, choices=Channel, default=Channel.COUNTER)
    external_number = models.CharField("一网通办申请编号", max_length=64, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.RECEIVED)
    accept_by = models.DateField("受理或告知期限")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    missing = models.JSONField("一次性告知补正材料", default=list, blank=True)
    materials_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    supplemented_on = models.DateField("补正日期", null=True, blank=True)
    decide_by = models.DateField("决定期限", null=True, blank=True)
    extended = models.BooleanField("已延长期限", default=False)
    extension_reason = models.TextField("延长理由", blank=True)
    extended_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="批准延长的负责人",
    )
    # XK-42: a running excluded period (听证、专家评审、检验检测) and the working days excluded so far.
    paused_on = models.DateField("扣除期间开始", null=True, blank=True)
    pause_reason = models.CharField("扣除期间事由", max_length=200, blank=True)
    excluded_workdays = models.PositiveIntegerField("已扣除工作日", default=0)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="决定人",
    )
    # XK-42: a decision after decide_by is recorded as late, never refused.
    decided_late = models.BooleanField("逾期作出决定", default=False)
    reasons = models.TextField("不予许可理由", blank=True)
    remedies = models.TextField("救济途径", blank=True)
    valid_from = models.DateField("有效期自", null=True, blank=True)
    valid_to = models.DateField("有效期至", null=True, blank=True)
    conditions = models.TextField("许可条件", blank=True)
    # --- helper:stalls --- an application for a place at a 便民临时摊点 (kind XK-TD)
    stall_point = models.ForeignKey(
        "permits.StallPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="申请点位",
    )
    pledge_signed = models.BooleanField("已签署经营承诺书", default=False)
    stall_place = models.PositiveIntegerField("摊位号", null=True, blank=True)
    allocation = models.ForeignKey(
        "permits.StallAllocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="分配批次",
    )
    # --- /helper:stalls ---
    publish_by = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    # --- helper:portal --- empty for an application from the public portal (decision 088)
    created_by = models.ForeignKey(
        "org.Staff",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="登记人",
    )
    # The applicant follows a portal application by its number AND a query code, kept only as a
    # keyed hash (core.pii.query_code_digest), as a public city case is (issue #12 item 3).
    query_code_digest = models.CharField("查询码摘要", max_length=64, blank=True, default="")
    goods = models.CharField("经营品种", max_length=200, blank=True, default="")
    # --- /helper:portal ---
    created_at = models.DateTimeField("登记时间")

    # --- helper:portal --- the clear code, set once by the action that created it (not stored)
    query_code: str = ""
    # --- /helper:portal ---

    class Meta:
        verbose_name = "行政许可申请"
        verbose_name_plural = "行政许可申请"
        ordering = ["bureau_id", "-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "number"], name="permit_number"),
            # The platform's number makes intake idempotent: one application per number.
            models.UniqueConstraint(
                fields=["bureau", "external_number"],
                condition=~models.Q(external_number=""),
                name="permit_external_number",
            ),
            # --- helper:stalls --- one keeper per place of a point, whatever runs at once
            models.UniqueConstraint(
                fields=["stall_point", "stall_place"],
                condition=models.Q(stall_place__isnull=False),
                name="permit_stall_place",
            ),
            # --- /helper:stalls ---
        ]
        indexes = [models.Index(fields=["bureau", "status"], name="permit_bureau_status")]

    def __str__(self) -> str:
        return f"行政许可申请 {self.number}"


class PermitStatusMessage(models.Model):
    """One status message for 一网通办, written in the transaction of the status change it tells;
    delivery state lives here, apart from the workflow's state."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    application = models.ForeignKey(
        PermitApplication, on_delete=models.PROTECT, related_name="messages", verbose_name="申请"
    )
    status = models.CharField("状态", max_length=20)
    payload = models.JSONField("报文", default=dict)
    created_at = models.DateTimeField("生成时间")
    attempts = models.PositiveIntegerField("发送次数", default=0)
    last_error = models.TextField("最近错误", blank=True)
    sent_at = models.DateTimeField("送达时间", null=True, blank=True)
    receipt = models.JSONField("回执", null=True, blank=True)

    class Meta:
        verbose_name = "一网通办状态消息"
        verbose_name_plural = "一网通办状态消息"
        ordering = ["id"]
        indexes = [models.Index(fields=["sent_at"], name="permit_message_unsent")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.status}"


# --- helper:stalls ---
class StallPoint(models.Model):
    """瓜果季便民临时摊点 (XK-1, the bureau's own 管理规定): a polygon on the map, open in its season
    and daily hours, with a number of places the allocation never exceeds."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    name = models.CharField("点位名称", max_length=100)
    # A GeoJSON Polygon/MultiPolygon (lon, lat), checked with shapely by the action.
    geometry = models.JSONField("范围（GeoJSON）")
    season_from = models.DateField("季节开始")
    season_to = models.DateField("季节结束")
    opens_at = models.TimeField("每日开放时间")
    closes_at = models.TimeField("每日结束时间")
    capacity = models.PositiveIntegerField("摊位数")
    rules = models.TextField("管理规定", blank=True)
    # --- helper:permits2 --- street trading reported inside the open point goes to the unit that
    # manages it (a 服务 matter), not to the enforcement squad; empty = the routing table decides.
    unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="管理单位",
    )
    # --- /helper:permits2 ---
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "便民临时摊点"
        verbose_name_plural = "便民临时摊点"
        ordering = ["bureau_id", "season_from", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "name"], name="stall_point_name"),
            models.CheckConstraint(
                condition=models.Q(season_to__gte=models.F("season_from")),
                name="stall_point_season",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="stall_point_hours"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="stall_point_capacity"),
        ]

    def __str__(self) -> str:
        return self.name


class StallAllocation(models.Model):
    """One allocation run of a point's places (first come or lottery); a lottery is reproducible
    from the seed and the sha256 of its canonical inputs, both also in the ledger entry."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    point = models.ForeignKey(
        StallPoint, on_delete=models.PROTECT, related_name="allocations", verbose_name="点位"
    )
    method = models.CharField("分配方式", max_length=12)
    seed = models.CharField("随机种子", max_length=64, blank=True)
    inputs = models.JSONField("输入", default=dict)
    inputs_hash = models.CharField("输入摘要", max_length=64)
    chosen = models.JSONField("获配申请", default=list)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="分配人"
    )
    created_at = models.DateTimeField("分配时间")

    class Meta:
        verbose_name = "摊位分配"
        verbose_name_plural = "摊位分配"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.point_id} {self.method}"


# --- /helper:stalls ---


# --- helper:permits2 ---
class PermitLink(models.Model):
    """What a city case or a penalty case says about the permit of the matter (issue #14): it
    breaks the named permit (``permit`` set), or the activity has none (无证: ``permit`` empty,
    ``kind`` the permit it lacks). The case side holds the foreign key to this row (permits sit
    below the case workflows); a new statement is a new row, so the history stays."""

    bureau = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="所属机关"
    )
    kind = models.ForeignKey(
        PermitKind, on_delete=models.PROTECT, related_name="links", verbose_name="许可事项"
    )
    permit = models.ForeignKey(
        PermitApplication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_links",
        verbose_name="涉及的许可",
    )
    note = models.CharField("说明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        "org.Staff", on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "案件涉及的许可"
        verbose_name_plural = "案件涉及的许可"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"无证（{self.kind_id}）" if self.permit_id is None else f"许可 {self.permit_id}"

    @property
    def unlicensed(self) -> bool:
        return self.permit_id is None


# --- /helper:permits2 ---
