"""The four kinds of refusal, and how each becomes the API error envelope (API.md "Conventions").

A refusal is raised, never returned: the action's transaction rolls back, so a refused action writes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Violation:
    """One broken rule, as a check function reports it."""

    rule: str  # rule id from LEGAL-RULES.md, e.g. "XF-58"
    message: str  # Chinese, says what to do instead
    article: str = ""  # e.g. "《中华人民共和国行政处罚法》第五十八条"
    details: Mapping[str, Any] = field(default_factory=dict)


class ChengguanError(Exception):
    status: int = 400
    code: str = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        article: str = "",
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.article = article
        self.details: dict[str, Any] = dict(details or {})

    def envelope(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "article": self.article,
                "details": self.details,
            }
        }


class Invalid(ChengguanError):
    """Malformed or missing input (400). ``details`` maps field → Chinese message."""

    status = 400
    code = "invalid"


def raise_invalid(errors: Mapping[str, str]) -> None:
    """Raise the field errors collected by an action's input checks as one ``Invalid``; none: no-op."""
    if errors:
        raise Invalid("填写有误：" + "；".join(errors.values()), details=errors)


class Unauthenticated(ChengguanError):
    status = 401
    code = "unauthenticated"


class Forbidden(ChengguanError):
    status = 403
    code = "forbidden"


class NotFound(ChengguanError):
    """Unknown, or not visible to this user: the two are deliberately indistinguishable."""

    status = 404
    code = "not_found"


class ProcedureError(ChengguanError):
    """Refused by law or procedure (409); ``code`` is the rule id, or ``state``."""

    status = 409

    def __init__(
        self,
        rule: str,
        message: str,
        *,
        article: str = "",
        details: Mapping[str, Any] | None = None,
        violations: Iterable[Violation] = (),
    ) -> None:
        extra = dict(details or {})
        rest = list(violations)
        if rest:
            extra["violations"] = [
                {"code": v.rule, "message": v.message, "article": v.article} for v in rest
            ]
        super().__init__(message, code=rule, article=article, details=extra)
        self.rule = rule


class StateError(ProcedureError):
    """The action is not possible in the current status (409 ``state``)."""

    def __init__(self, message: str, *, details: Mapping[str, Any] | None = None) -> None:
        super().__init__("state", message, details=details)


class Throttled(ChengguanError):
    status = 429
    code = "throttled"


class TooLarge(ChengguanError):
    status = 413
    code = "too_large"


class UnsupportedType(ChengguanError):
    status = 415
    code = "unsupported_type"


def enforce(violations: Iterable[Violation]) -> None:
    """Raise the first violation as a ProcedureError, carrying the others in ``details``."""
    found = list(violations)
    if not found:
        return
    first = found[0]
    raise ProcedureError(
        first.rule,
        first.message,
        article=first.article,
        details=first.details,
        violations=found[1:],
    )
