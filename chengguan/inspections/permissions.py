"""Who may do what in 行政检查 (role → permission), registered once from ``InspectionsConfig.ready()``."""

from __future__ import annotations

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "inspections.view": {Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR, Role.ADMIN},
        # The 名录库 is kept by the officers who inspect and by the legal office.
        "inspections.entity.add": {Role.OFFICER, Role.REVIEWER, Role.ADMIN},
        # --- helper:inspections2 --- the whole register at once: the legal office's task
        "inspections.entity.import": {Role.REVIEWER, Role.ADMIN},
        # SJ-2: the legal office or the head puts the draw's result on the portal.
        "inspections.plan.publish": {Role.REVIEWER, Role.HEAD},
        # The yearly figures (国办发〔2024〕54号: frequency statistics in the yearly report).
        "inspections.figures": {Role.HEAD, Role.SUPERVISOR, Role.REVIEWER},
        # --- /helper:inspections2 ---
        # JC-1: the 检查事项清单 is drawn up by the legal office and published.
        "inspections.item.manage": {Role.REVIEWER, Role.ADMIN},
        "inspections.plan.create": {Role.OFFICER, Role.REVIEWER},
        # JC-2/SJ-1: the head approves plans and inspections.
        "inspections.plan.approve": {Role.HEAD},
        "inspections.plan.draw": {Role.REVIEWER, Role.HEAD},
        "inspections.approve": {Role.HEAD},
        # JC-3: only officers inspect; every step on site is theirs.
        "inspections.create": {Role.OFFICER},
        "inspections.inspect": {Role.OFFICER},
    }
)
