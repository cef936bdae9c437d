"""Who sees which cases (ORG-5): handlers their unit's, town/street teams their area's."""

from __future__ import annotations

from django.db.models import Q

from chengguan.org.models import OrgUnit, Staff
from chengguan.org.roles import Role

# Roles that see every case of their bureau (unless they sit in a town/street team).
WIDE_ROLES = frozenset(
    {
        Role.CENTER,
        Role.HOTLINE,
        Role.INSPECTOR,
        Role.HEAD,
        Role.SUPERVISOR,
        Role.ADMIN,
        Role.REVIEWER,
        Role.OFFICER,
    }
)
AREA_KINDS = frozenset({OrgUnit.Kind.TOWN, OrgUnit.Kind.STREET})


def visible_q(actor: Staff) -> Q:
    if not actor.is_active or actor.bureau_id is None:
        return Q(pk__in=[])
    q = Q(bureau_id=actor.bureau_id)
    unit = actor.unit
    if unit is not None and unit.kind in AREA_KINDS:
        return q & (Q(area_unit_id=unit.pk) | Q(unit_id=unit.pk))
    roles = actor.role_ids()
    if roles & WIDE_ROLES:
        return q
    if Role.HANDLER in roles:
        return q & Q(unit_id=actor.unit_id)
    return Q(pk__in=[])
