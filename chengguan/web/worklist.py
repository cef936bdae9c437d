"""我的待办: what each user has to do now, from every domain, ordered by due time.

Each domain contributes a ``Source``: a count and the first N items ordered by due time. A page is
the merge of the first ``page * size`` items of every source, so the database sorts and the web layer
only merges a page's worth of rows.

The sources (``worklist_sources``) import this module and register with ``@source``;
``WebConfig.ready()`` imports them, so this module never imports a source back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from chengguan.core import clock
from chengguan.org.models import Staff


@dataclass
class Filters:
    q: str = ""
    kind: str = ""  # "" | "city" | "penalty"
    overdue: bool = False


@dataclass
class WorkItem:
    kind: str
    kind_label: str
    number: str
    title: str
    status_label: str
    todo: str  # what this user is expected to do next
    due: dt.datetime | None
    url: str
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < clock.now()

    @property
    def sort_key(self) -> tuple[int, dt.datetime]:
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        return (0, self.due) if self.due is not None else (1, far)


@dataclass
class Source:
    kind: str
    count: Callable[[], int]
    first: Callable[[int], list[WorkItem]]


SourceFactory = Callable[[Staff, Filters], Source | None]
_FACTORIES: list[SourceFactory] = []


def source(factory: SourceFactory) -> SourceFactory:
    _FACTORIES.append(factory)
    return factory


@dataclass
class WorkPage:
    items: list[WorkItem]
    count: int
    page: int
    size: int
    kinds: list[str] = field(default_factory=list)  # the kinds of work this user has at all
    count_is_estimate: bool = False  # --- helper:rollups --- count stopped at its cap

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def worklist(user: Staff, filters: Filters, page: int = 1, size: int = 20) -> WorkPage:
    sources = [s for f in _FACTORIES if (s := f(user, filters)) is not None]
    kinds = [s.kind for s in sources]
    if filters.kind:
        sources = [s for s in sources if s.kind == filters.kind]
    count = sum(s.count() for s in sources)
    page = max(1, min(page, max(1, -(-count // size))))
    upto = page * size
    merged: list[WorkItem] = []
    for s in sources:
        merged.extend(s.first(upto))
    merged.sort(key=lambda item: item.sort_key)
    return WorkPage(
        items=merged[(page - 1) * size : upto], count=count, page=page, size=size, kinds=kinds
    )
