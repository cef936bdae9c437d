"""The 全过程记录 on the penalty case page names every ledger action in Chinese."""

from __future__ import annotations

from chengguan.demo.context import DemoContext
from chengguan.ledger.models import Entry
from chengguan.web.views.penalties import entry_label


def test_every_penalty_action_in_the_demo_ledger_has_a_chinese_label(demo: DemoContext) -> None:
    actions = set(
        Entry.objects.filter(action__startswith="penalty.").values_list("action", flat=True)
    )
    assert "penalty.remedy.record" in actions  # the demo records a 行政复议
    unlabelled = sorted(a for a in actions if entry_label(a) == a)
    assert unlabelled == []
