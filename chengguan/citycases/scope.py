"""Who sees which cases (ORG-5): handlers their unit's, town/street teams their area's.

Also which bureaus take reports from the public at all (the portal and Open311 both ask).
"""

from __future__ import annotations

from django.db.models import Q

from chengguan.citycases.models import Category
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


# --- helper:rollups ---
def sees_whole_bureau(actor: Staff) -> bool:
    """Whether ``visible_q(actor)`` is the whole bureau: then its indicators can come from the
    bureau's rollup (decision 092); a unit's or an area's are recounted from its cases."""
    if not actor.is_active or actor.bureau_id is None:
        return False
    unit = actor.unit
    if unit is not None and unit.kind in AREA_KINDS:
        return False
    return bool(actor.role_ids() & WIDE_ROLES)


# --- /helper:rollups ---


def serving_bureaus() -> list[OrgUnit]:
    """The bureaus that serve the public: those with at least one public, active category.

    The one rule behind the portal's bureau choice and Open311's default jurisdiction (when exactly
    one bureau serves, a caller need not name it). Ordered by code so a choice list is stable.
    """
    ids = Category.objects.filter(public=True, active=True).values("bureau_id")
    return list(OrgUnit.objects.filter(kind=OrgUnit.Kind.BUREAU, pk__in=ids).order_by("code"))
