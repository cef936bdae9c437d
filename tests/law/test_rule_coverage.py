"""Every rule the code enforces is broken by at least one test that names its id.

The registry also holds ids that are only cited (a calendar convention, a disclosure data item); those
never reach the code as a refusal. An id the code uses — in ``violation("XF-63", ...)`` or a helper that
passes it on — must appear literally in some test, so a rule added without its refusal test fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from chengguan.law.registry import RULES

ROOT = Path(__file__).resolve().parents[2]
RULE_ID = re.compile(r"^[A-Z]{2,4}-\d+(\.\d+)?$")


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and RULE_ID.match(node.value)
    }


def _ids_used_by_code() -> set[str]:
    used: set[str] = set()
    for path in (ROOT / "chengguan").rglob("*.py"):
        if path.name == "registry.py" or "migrations" in path.parts:
            continue
        used |= _string_constants(path)
    return used & set(RULES)


def _ids_named_by_tests() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py"))
    return {
        rule_id for rule_id in RULES if re.search(rf"(?<![\w-]){re.escape(rule_id)}(?![\d.])", text)
    }


def test_every_rule_the_code_uses_is_named_by_a_test() -> None:
    untested = sorted(_ids_used_by_code() - _ids_named_by_tests())
    assert not untested, f"rule ids used by the code but named by no test: {untested}"


def test_the_scan_sees_the_rules_it_should() -> None:
    # Guards the scanner itself: a known refusal and a known test must both be seen.
    assert "XF-63" in _ids_used_by_code()
    assert "XF-63" in _ids_named_by_tests()
    assert "XF-85" not in _ids_used_by_code() or "XF-85" in _ids_named_by_tests()
