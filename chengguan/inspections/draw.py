"""The 双随机 draw (SJ-1) as a pure function of its seed and its canonical inputs, so anyone holding
the ledger entry (seed + sha256 of the inputs) and the inputs can recompute it.

``random.Random(str)`` seeds from the string's SHA-512 (seed version 2), independent of
PYTHONHASHSEED and of the platform, so the same seed and inputs give the same draw everywhere.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any


@dataclass(frozen=True)
class Drawn:
    entities: list[int]
    pairs: list[list[str]]


def canonical(inputs: dict[str, Any]) -> str:
    return json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def inputs_hash(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(inputs).encode("utf-8")).hexdigest()


def size(population: int, *, count: int | None, ratio: Decimal | None) -> int:
    """How many objects a plan draws: its count, or its ratio of the population rounded up (a
    ratio never rounds a non-empty population down to nothing); never more than there are."""
    if count is not None:
        return min(count, population)
    wanted = (Decimal(ratio or 0) * population).to_integral_value(rounding=ROUND_CEILING)
    return min(int(wanted), population)


def draw(seed: str, entities: Sequence[int], officers: Sequence[str], n: int) -> Drawn:
    """Draw ``n`` objects, then for each a pair of two distinct officers.

    The inputs are sorted first so their order as read from the database cannot change the draw."""
    if len(set(officers)) < 2:
        raise ValueError("at least two distinct officers are needed")
    rng = random.Random(seed)
    pool = sorted(set(entities))
    people = sorted(set(officers))
    chosen = sorted(rng.sample(pool, n))
    pairs = [sorted(rng.sample(people, 2)) for _ in chosen]
    return Drawn(entities=chosen, pairs=pairs)


def recompute(seed: str, inputs: dict[str, Any]) -> Drawn:
    return draw(seed, inputs["entities"], inputs["officers"], int(inputs["n"]))
