"""XK-32's one-time notice as a property: for any submitted and named materials, the notice is
accepted exactly when it names every required material not submitted, and nothing else."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from chengguan.permits import checks
from chengguan.permits.models import PermitApplication
from tests.permits.helpers import MATERIALS

subsets = st.lists(st.sampled_from([*MATERIALS, "营业执照", "其他"]), unique=True)


@given(submitted=subsets, named=subsets)
def test_the_notice_passes_only_when_complete_and_exact(submitted, named):
    app = PermitApplication(materials=submitted)
    found = checks.one_time_notice(app, required=MATERIALS, missing=named)
    lacking = {m for m in MATERIALS if m not in submitted}
    ok = bool(lacking) and set(named) == lacking
    assert (found == []) == ok
    assert all(v.rule == "XK-32" and v.article for v in found)


@given(submitted=subsets)
def test_a_second_notice_is_always_refused(submitted):
    app = PermitApplication(materials=submitted, materials_requested_on=dt.date(2025, 6, 3))
    lacking = [m for m in MATERIALS if m not in submitted]
    found = checks.one_time_notice(app, required=MATERIALS, missing=lacking)
    assert [v.rule for v in found] == ["XK-32"]
