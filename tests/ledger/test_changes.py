"""``ledger.changes``: the old and new values of an edit (decision 062)."""

from __future__ import annotations

from decimal import Decimal

from chengguan.ledger.changes import changes, snapshot
from chengguan.org.models import OrgUnit


def test_only_changed_keys_are_kept() -> None:
    before = {"name": "甲", "limit": Decimal("1.00"), "note": ""}
    after = {"name": "乙", "limit": Decimal("1"), "note": ""}
    assert changes(before, after) == {"old": {"name": "甲"}, "new": {"name": "乙"}}
    assert changes(after, after) == {"old": {}, "new": {}}


def test_a_key_new_to_the_row_has_no_old_value() -> None:
    assert changes({}, {"published_on": "2024-06-01"}) == {
        "old": {"published_on": None},
        "new": {"published_on": "2024-06-01"},
    }


def test_a_related_row_is_recorded_by_its_key() -> None:
    parent = OrgUnit(pk=7, code="p", name="上级")
    unit = OrgUnit(pk=8, code="u", name="单位", parent=parent)
    assert snapshot(unit, ["code", "parent"]) == {"code": "u", "parent": 7}
