"""The annual report's 行政许可 and 建议提案 sections (issue #14 item 6, helper:permits2): the
figures equal a recount of the rows, and the paragraphs and the methods appendix print them."""

from __future__ import annotations

from decimal import Decimal

from chengguan.permits import actions
from chengguan.permits.models import PermitApplication
from chengguan.reports.builder import build
from chengguan.reports.figures import compute, rate
from chengguan.suggestions import actions as sugg
from chengguan.suggestions.models import Reply, Suggestion
from tests.permits.helpers import T0, D, apply, at

Y = 2025


def _permits(demo) -> None:
    reviewer, head = demo.users["reviewer"], demo.users["head"]
    with at(T0):
        on_time = apply(demo)
        actions.accept(on_time.pk, actor=reviewer)
        actions.grant_permit(on_time.pk, actor=head, valid_from=T0, valid_to=D(2025, 12, 31))
        refused = apply(demo)
        actions.accept(refused.pk, actor=reviewer)
        actions.extend_time(refused.pk, actor=head, reason="需现场核查设置场地")
        actions.refuse(refused.pk, actor=head, reasons="设置位置不符合户外广告设施设置规划")
        late = apply(demo)
        actions.accept(late.pk, actor=reviewer)
    with at(D(2025, 8, 1)):  # past the 20 working days: decided late (XK-42)
        actions.grant_permit(
            late.pk, actor=head, valid_from=D(2025, 8, 1), valid_to=D(2025, 12, 31)
        )


def _suggestions(demo) -> None:
    hotline, reviewer = demo.users["hotline"], demo.users["reviewer"]
    with at(T0):
        a = sugg.register(
            actor=hotline, kind="npc", number="报告1号", title="甲", assigned_on=T0, units=["legal"]
        )
        b = sugg.register(
            actor=hotline,
            kind="cppcc",
            number="报告2号",
            title="乙",
            assigned_on=T0,
            units=["legal"],
        )
        sugg.reply(a.pk, actor=reviewer, replied_on=T0, text="已办理")
        sugg.satisfaction(a.pk, actor=hotline, level="satisfied")
    with at(D(2025, 9, 10)):  # after the 3 months (JY-1)
        sugg.reply(b.pk, actor=reviewer, replied_on=D(2025, 9, 10), text="已办理")
        sugg.satisfaction(b.pk, actor=hotline, level="unsatisfied")


def test_permit_and_suggestion_figures_equal_a_recount(demo):
    before = compute(demo.bureau, Y)
    _permits(demo)
    _suggestions(demo)
    f = compute(demo.bureau, Y)

    def grew(key: str) -> int:
        return int(f.value(key)) - int(before.value(key))

    assert (grew("permit_applications"), grew("permit_decided")) == (3, 3)
    assert (grew("permit_granted"), grew("permit_refused"), grew("permit_extended")) == (2, 1, 1)
    assert (grew("suggestions_received"), grew("suggestions_npc"), grew("suggestions_cppcc")) == (
        2,
        1,
        1,
    )
    # Rates against a recount of the whole year's rows.
    decided = PermitApplication.objects.filter(bureau=demo.bureau, decided_on__year=Y)
    assert f.value("permit_on_time_rate") == rate(
        sum(1 for a in decided if not a.decided_late), len(decided)
    )
    assert decided.filter(decided_late=True).exists()
    replies = list(Reply.objects.filter(bureau_id=demo.bureau.pk, replied_on__year=Y))
    assert f.value("suggestions_replied_on_time_rate") == rate(
        sum(1 for r in replies if r.replied_on <= r.due_on), len(replies)
    )
    answered = list(Suggestion.objects.filter(bureau=demo.bureau, satisfaction_on__year=Y))
    assert f.value("suggestions_satisfaction_rate") == rate(
        sum(1 for s in answered if s.satisfaction in ("satisfied", "basically")), len(answered)
    )
    assert isinstance(f.value("suggestions_satisfaction_rate"), Decimal)
    # Another bureau's report counts none of it.
    other = compute(demo.other_bureau, Y)
    assert other.value("permit_applications") == 0 and other.value("suggestions_received") == 0


def test_the_report_prints_the_sections_and_their_methods(demo):
    _permits(demo)
    _suggestions(demo)
    report = build(demo.bureau, Y, with_charts=False)
    text = "\n".join(b.text for b in report.blocks)
    assert "收到行政许可申请" in text and "许可决定按期率" in text
    assert "人大代表建议和政协委员提案" in text and "代表委员满意率" in text
    appendix = [row for b in report.blocks if b.kind == "table" for row in b.rows]
    labels = {row[1]: row[3] for row in appendix}
    assert "XK-42" in labels["许可决定按期率"] and "JY-1" in labels["建议提案按期答复率"]
