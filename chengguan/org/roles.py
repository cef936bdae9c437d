"""Role ids (DESIGN.md §1) and their Chinese names."""

from django.db import models


class Role(models.TextChoices):
    INSPECTOR = "inspector", "信息采集员/监督员"
    CENTER = "center", "受理员/值班长/派遣员"
    HOTLINE = "hotline", "12345受理员"
    HANDLER = "handler", "处置部门"
    OFFICER = "officer", "执法人员"
    REVIEWER = "reviewer", "法制审核员"
    HEAD = "head", "负责人"
    SUPERVISOR = "supervisor", "执法监督"
    ADMIN = "admin", "系统管理员"
    # 三权分立 (GB/T 22239 level 3, decision 071): the security administrator grants roles and
    # revokes credentials; the audit administrator reads the ledger and the security trail only.
    SECURITY = "security", "安全管理员"
    AUDIT = "audit", "审计管理员"
    # --- helper:province --- Issue #16: a supervisor of a province or city body reads the
    # bureaus below it (aggregates and case files, every personal-data read recorded), never writes.
    PROVINCE = "province", "上级主管部门监督员"
    # --- /helper:province ---


# The roles that open the admin site (chengguan/org/admin_site.py).
ADMIN_ROLES: tuple[str, ...] = (Role.ADMIN, Role.SECURITY, Role.AUDIT)
