"""SJ-1 as a property over the real draw action: whatever the pool and the recusals, a draw either
refuses with SJ-1 (fewer than two eligible) or pairs two distinct certified, non-recused officers
per object, and verifies."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengguan.core.errors import ProcedureError
from chengguan.inspections import actions, queries
from chengguan.org.checks import valid_certificate
from chengguan.org.models import Staff
from tests.inspections.helpers import T0, at, entity, items

NAMES = ["officer1", "officer2", "officer_nocert", "town_officer1", "town_officer2", "head"]


class _Rollback(Exception):
    """Undo one example's rows (a savepoint), so examples do not see each other's plans."""


def _eligible(demo: Any, pool: set[str], recused: set[str]) -> set[str]:
    people = (
        Staff.objects.filter(username__in=pool)
        if pool
        else Staff.objects.filter(bureau=demo.bureau, roles__role="officer").distinct()
    )
    return {
        p.username
        for p in people
        if p.has_role("officer")
        and not p.is_auxiliary
        and valid_certificate(p, T0) is not None
        and p.username not in recused
    }


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pool=st.sets(st.sampled_from(NAMES)),
    recused=st.sets(st.sampled_from(NAMES), max_size=3),
    # a non-printable seed is refused (test below); the property is about the draws
    seed=st.text(min_size=1, max_size=12).filter(str.isprintable),
    count=st.integers(min_value=1, max_value=4),
)
def test_every_drawn_pair_is_two_eligible_officers(demo, pool, recused, seed, count):
    reviewer, head = demo.users["reviewer"], demo.users["head"]
    with at(T0), pytest.raises(_Rollback), transaction.atomic():
        items(demo)
        for n in range(1, 4):
            entity(demo, n)
        plan = actions.create_plan(
            actor=reviewer,
            year=2025,
            item="JC-R1",
            count=count,
            officers=sorted(pool),
            recused=sorted(recused),
        )
        actions.approve_plan(plan.pk, actor=head)
        eligible = _eligible(demo, pool, recused)
        if len(eligible) < 2:
            with pytest.raises(ProcedureError) as refused:
                actions.draw_plan(plan.pk, actor=head, seed=seed)
            assert refused.value.code == "SJ-1"
        else:
            drawn = actions.draw_plan(plan.pk, actor=head, seed=seed)
            assert len(drawn.drawn_entities) == min(count, 3) == len(drawn.drawn_pairs)
            for pair in drawn.drawn_pairs:
                assert len(pair) == 2 and pair[0] != pair[1]
                assert set(pair) <= eligible
            assert queries.draw_verified(drawn)["reproduced"] is True
        raise _Rollback


@pytest.mark.parametrize("seed", ["a\x00b", "tab\there", "line\nbreak", "中\u200b文"])
def test_a_seed_that_cannot_be_published_is_refused_and_nothing_changes(demo, seed):
    from chengguan.core.errors import Invalid
    from chengguan.inspections.models import InspectionPlan
    from chengguan.ledger.models import Entry

    reviewer, head = demo.users["reviewer"], demo.users["head"]
    with at(T0):
        items(demo)
        for n in range(1, 4):
            entity(demo, n)
        plan = actions.create_plan(
            actor=reviewer,
            year=2025,
            item="JC-R1",
            count=2,
            officers=["officer1", "officer2", "town_officer1", "town_officer2"],
        )
        actions.approve_plan(plan.pk, actor=head)
        before = (list(InspectionPlan.objects.filter(pk=plan.pk).values()), Entry.objects.count())
        with pytest.raises(Invalid) as refused:
            actions.draw_plan(plan.pk, actor=head, seed=seed)
        assert "随机种子" in refused.value.message and "seed" in refused.value.details
        after = (list(InspectionPlan.objects.filter(pk=plan.pk).values()), Entry.objects.count())
        assert after == before
