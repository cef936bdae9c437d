"""A small declarative description of an action's form, rendered by templates/web/_action_form.html."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from chengguan.core.errors import Invalid


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text | textarea | select | radio | checkbox | multi | number | date | file
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    initial: Any = ""
    help: str = ""


@dataclass
class ActionForm:
    action: str
    label: str
    fields: list[Field]
    primary: bool = True
    open: bool = False  # shown unfolded: the main next step


def flag(data: QueryDict, name: str) -> bool:
    return data.get(name, "") in {"1", "true", "on"}


def date(data: QueryDict, name: str, label: str) -> dt.date:
    raw = data.get(name, "").strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise Invalid(f"{label}无效", details={name: "应为日期（年-月-日）"}) from exc


def as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def open_first_primary(forms: list[ActionForm]) -> list[ActionForm]:
    for form in forms:
        if form.primary:
            form.open = True
            break
    return forms


def refill(forms: list[ActionForm], action: str, data: QueryDict) -> None:
    """Issue #15 item 2: after a refusal the refused form shows what was entered — ticks, radios,
    texts — not blanks. A file cannot be put back into a file input by the page (browsers forbid
    it); the refusal message asks for it again."""
    for form in forms:
        if form.action != action:
            continue
        form.open = True
        for fld in form.fields:
            if fld.kind == "file":
                continue
            if fld.kind == "multi":
                fld.initial = data.getlist(fld.name)
            elif fld.kind == "checkbox":
                fld.initial = flag(data, fld.name)
            elif fld.name in data:
                fld.initial = data.get(fld.name, "")
