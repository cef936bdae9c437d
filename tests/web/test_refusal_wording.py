"""Issue #15 item 5: a refusal shown on a page names fields in Chinese and people by name — no
"字段：note", no "执法人员：officer1". The scan reads every ``details={...}`` key the code raises."""

from __future__ import annotations

import re
from pathlib import Path

from chengguan.core.errors import Forbidden
from chengguan.web.errors import DETAIL_LABELS, refusal

ROOT = Path(__file__).resolve().parents[2] / "chengguan"
DETAILS = re.compile(r"details=\{([^}]*)\}")
KEY = re.compile(r'"([a-z_]+)":')


def test_every_detail_key_the_code_raises_has_a_chinese_label():
    keys: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for block in DETAILS.findall(path.read_text(encoding="utf-8")):
            keys |= set(KEY.findall(block))
    missing = sorted(k for k in keys if k not in DETAIL_LABELS)
    assert not missing, f"detail keys without a Chinese label: {missing}"


def test_people_are_named_not_their_login(demo):
    shown = refusal(Forbidden("x", details={"officers": ["officer1", "officer2"], "chair": "head"}))
    values = {f["key"]: f["value"] for f in shown["fields"]}
    assert values["officers"] == "陈刚、刘洋"
    assert "officer1" not in values["officers"] and values["chair"] != "head"
