"""Role-aware navigation: each link names the roles that have work behind it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from chengguan.org.models import Staff
from chengguan.org.permissions import roles_for
from chengguan.org.roles import ADMIN_ROLES, Role


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    roles: frozenset[str]  # empty = every signed-in user
    # Or the roles of a permission, read when the menu is built: the grants are made in the apps'
    # ready(), after this module may have been imported.
    perm: str = ""

    def allowed_roles(self) -> frozenset[str]:
        return roles_for(self.perm) if self.perm else self.roles


CITY_ROLES = frozenset(
    {Role.INSPECTOR, Role.CENTER, Role.HOTLINE, Role.HANDLER, Role.HEAD, Role.SUPERVISOR}
)
PENALTY_ROLES = frozenset({Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR})

ITEMS = [
    NavItem("worklist", "我的待办", "web:worklist", frozenset()),
    NavItem(
        "report",
        "上报问题",
        "web:citycase_new",
        frozenset({Role.INSPECTOR, Role.CENTER, Role.HOTLINE}),
    ),
    NavItem("citycases", "城管案件", "web:citycase_list", CITY_ROLES),
    NavItem(
        "map",
        "网格地图",
        "web:map",
        frozenset({Role.INSPECTOR, Role.CENTER, Role.HOTLINE, Role.HEAD, Role.SUPERVISOR}),
    ),
    NavItem(
        "dashboard",
        "指挥大屏",
        "web:dashboard",
        frozenset({Role.CENTER, Role.HEAD, Role.SUPERVISOR}),
    ),
    NavItem("penalty_new", "新建处罚案件", "web:penalty_new", frozenset({Role.OFFICER})),
    NavItem("penalties", "行政处罚", "web:penalty_list", PENALTY_ROLES),
    # --- helper:permits2 ---
    NavItem("permits", "行政许可", "web:permit_list", frozenset(), perm="permits.view"),
    NavItem("suggestions", "建议提案", "web:suggestion_list", frozenset(), perm="suggestions.view"),
    # --- /helper:permits2 ---
    NavItem("reports", "年度报告", "web:reports", frozenset(), perm="reports.view"),
    # --- helper:province --- the supervising body's page (decision 085)
    NavItem("province", "所辖机关", "web:province", frozenset(), perm="province.view"),
    # --- /helper:province ---
    # --- helper:insp-web ---
    NavItem("inspections", "行政检查", "web:inspection_day", frozenset(), perm="inspections.view"),
    NavItem(
        "inspection_approvals",
        "检查审批",
        "web:inspection_approvals",
        frozenset(),
        perm="inspections.approve",
    ),
    # --- /helper:insp-web ---
    # --- helper:demo --- decision 089
    NavItem(
        "calendar_notice",
        "节假日录入",
        "web:calendar_notice",
        frozenset(),
        perm="org.calendar.notice",
    ),
    # --- /helper:demo ---
    # --- helper:service ---
    NavItem("guidance", "服务型执法", "web:guidance_points", frozenset(), perm="guidance.view"),
    # --- /helper:service ---
]


def items_for(user: Staff, current: str = "") -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for item in ITEMS:
        roles = item.allowed_roles()
        if roles and not user.has_role(*roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # that part of the UI is not built yet
            continue
        out.append(
            {"key": item.key, "label": item.label, "url": url, "current": item.key == current}
        )
    if user.is_superuser or user.has_role(*ADMIN_ROLES):
        out.append({"key": "admin", "label": "系统管理", "url": "/admin/", "current": False})
    return out
