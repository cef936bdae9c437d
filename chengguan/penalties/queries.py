"""Reads of penalty cases: scope, compliance (what is wrong now, what is due next), figures."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from chengguan.core import clock, links
from chengguan.core.errors import NotFound, Violation
from chengguan.core.rules import local
from chengguan.core.workdays import CalendarMissing
from chengguan.law import queries as law_queries
from chengguan.law.registry import violation
from chengguan.org.models import OrgUnit, Staff
from chengguan.org.permissions import require
from chengguan.penalties import checks, money, periods
from chengguan.penalties.models import (
    CertificateShown,
    Discussion,
    Evidence,
    Hearing,
    Payment,
    PaymentArrangement,
    PenaltyCase,
    Preservation,
    Recusal,
    RemedyProceeding,
    Review,
)
from chengguan.penalties.states import OPEN, Status

OUT = PenaltyCase.Outcome


def cases(reader: Staff) -> QuerySet[PenaltyCase]:
    """The reader's bureau; a town/street team member sees only the team's cases (ORG-5)."""
    require(reader, "penalties.view")
    rows = PenaltyCase.objects.filter(bureau_id=reader.bureau_id)
    unit = reader.unit
    if (
        unit is not None
        and unit.kind in (OrgUnit.Kind.TOWN, OrgUnit.Kind.STREET)
        and not reader.has_role("head", "reviewer", "supervisor", "admin")
    ):
        rows = rows.filter(unit=unit)
    return rows.select_related("power_item", "party", "unit")


def case(reader: Staff, case_id: int) -> PenaltyCase:
    found = cases(reader).filter(pk=case_id).first()
    if found is None:
        raise NotFound("未找到该行政处罚案件，或您无权查看")
    return found


def _safe(fn: Any) -> dt.date | None:
    return periods.maybe(fn)


def enforcement_window(c: PenaltyCase) -> tuple[dt.date, dt.date] | None:
    """(last day of the 复议/诉讼 periods, last day to apply to the court, QZ-53), or None when the
    decision is not served, carries no fine, or the calendar does not reach that far yet (CAL-2).

    The display form of ``money.enforcement_window``, which the enforcement action uses and which
    raises CAL-2 instead of answering None."""
    if not c.fine_amount:
        return None
    try:
        return money.enforcement_window(c)
    except CalendarMissing:
        return None


def _last_demand(c: PenaltyCase) -> Any:
    demands = sorted(c.demands.all(), key=lambda d: (d.served_on, d.pk))
    return demands[-1] if demands else None


def deadlines(c: PenaltyCase) -> dict[str, dt.date | None]:
    # Uses the prefetched notices when the caller loaded them (the API does).
    notices = sorted(c.notices.all(), key=lambda n: n.pk)
    notice = notices[-1] if notices else None
    execution: dict[str, dt.date | None] = {}
    if c.status in (Status.SERVED, Status.ENFORCEMENT) and c.fine_amount:
        demand = _last_demand(c)
        window = enforcement_window(c)
        execution = {
            "demand_perform_by": demand.perform_by if demand else None,
            "remedy_periods_end": window[0] if window else None,
            "enforcement_apply_by": window[1] if window else None,
        }
    return {
        "register_by": c.register_by,
        "decide_by": c.extension_until or c.decide_by,
        "statement_by": notice.statement_by if notice else None,
        "hearing_request_by": notice.hearing_request_by if notice else None,
        "serve_by": c.serve_by,
        "pay_by": c.pay_by,
        "publish_by": c.publish_by,
        "filing_due": c.filing_due,
        **execution,
        **_evidence_and_cash_deadlines(c),
    }


def open_preservations(c: PenaltyCase) -> list[Preservation]:
    """Items preserved by registration still waiting for a decision (XF-56)."""
    return [p for p in c.preservations.all() if p.status == Preservation.Status.PRESERVED]


def preservation_due(p: Preservation) -> dt.date | None:
    if p.decide_by is not None or p.preserved_on is None:
        return p.decide_by
    preserved = p.preserved_on
    return _safe(lambda: periods.preservation_decide_by(preserved))


def cash_steps(c: PenaltyCase) -> list[tuple[str, dt.date | None, Payment]]:
    """On-the-spot cash not yet in the bank (XF-71): ("hand_in" | "deposit", due date, payment)."""
    out: list[tuple[str, dt.date | None, Payment]] = []
    remitted = {r.payment_id: r for r in c.remittances.all()}
    for pm in c.payments.all():
        if pm.channel != Payment.Channel.ON_SPOT:
            continue
        r = remitted.get(pm.pk)
        if r is None:
            paid = pm.paid_on
            out.append(("hand_in", _safe(lambda d=paid: periods.cash_hand_in_by(d)), pm))
        elif r.deposited_on is None:
            handed = r.handed_in_on
            out.append(("deposit", _safe(lambda d=handed: periods.cash_deposit_by(d)), pm))
    return out


def _evidence_and_cash_deadlines(c: PenaltyCase) -> dict[str, dt.date | None]:
    found: dict[str, dt.date | None] = {}
    dues = [preservation_due(p) for p in open_preservations(c)]
    if dues:
        found["preservation_decide_by"] = min((d for d in dues if d), default=None)
    steps = cash_steps(c)
    for step in ("hand_in", "deposit"):
        dues = [due for s, due, _ in steps if s == step]
        if dues:
            found[f"cash_{step}_by"] = min((d for d in dues if d), default=None)
    return found


def compliance(c: PenaltyCase, today: dt.date | None = None) -> dict[str, Any]:
    """What is overdue now (violations) and which steps come next, with their due dates."""
    today = today or clock.today()
    d = deadlines(c)
    found: list[Violation] = []
    reminders: list[Violation] = []
    nxt: list[dict[str, Any]] = []

    def late(rule: str, key: str, msg: str) -> None:
        due = d.get(key)
        if due is not None and today > due:
            found.append(violation(rule, msg, due=due.isoformat()))

    s = c.status
    if s == Status.PENDING_REGISTRATION:
        late("XF-54", "register_by", "已超过立案期限，请尽快审批立案")
        nxt.append({"action": "register", "due": d["register_by"]})
    if s in (Status.REGISTERED, Status.INVESTIGATING):
        nxt.append({"action": "evidence", "due": None})
        if s == Status.INVESTIGATING:
            nxt.append({"action": "conclude", "due": d["decide_by"]})
    if s in (
        Status.REGISTERED,
        Status.INVESTIGATING,
        Status.INVESTIGATED,
        Status.NOTIFIED,
        Status.HEARING_REQUESTED,
        Status.HEARD,
    ):
        late("XF-60", "decide_by", "已超过九十日办案期限，须经负责人批准延期")
    if s == Status.INVESTIGATED:
        if c.outcome == OUT.PENALTY:
            nxt.append({"action": "notify", "due": d["decide_by"]})
        else:
            nxt.append({"action": "decide", "due": d["decide_by"]})
    if s == Status.NOTIFIED:
        if d["hearing_request_by"]:
            nxt.append({"action": "request_hearing", "due": d["hearing_request_by"]})
        nxt.append({"action": "statement", "due": d["statement_by"]})
        nxt.append({"action": "decide", "due": d["decide_by"]})
    if s == Status.HEARING_REQUESTED:
        # XF-64 (helper:hearing2): the head names the chair before the hearing.
        asked = c.hearings.order_by("-id").first()
        if asked is not None and asked.chair_named_by_id is None:
            nxt.append({"action": "name_chair", "due": d["decide_by"]})
        nxt.append({"action": "hearing", "due": d["decide_by"]})
    if s == Status.HEARD:
        nxt.append({"action": "decide", "due": d["decide_by"]})
    if s in (Status.INVESTIGATED, Status.NOTIFIED, Status.HEARD) and c.outcome == OUT.PENALTY:
        # The same triggers the decision will be checked against (XF-58, XF-57).
        prop = checks.decision_from_json(c.proposal)
        if prop is not None:
            held = c.hearings.filter(held_on__isnull=False).exists()
            reasons = checks.review_reasons(
                c, prop, held, law_queries.review_catalogue(c.bureau_id)
            )
            latest = c.reviews.order_by("-id").first()
            # XF-58 (helper:hearing2): a review that no longer matches the case is asked again.
            if reasons and not (latest and latest.approved and latest.basis == review_basis(c)):
                nxt.append({"action": "review", "due": d["decide_by"]})
            thresholds = {
                "person": Decimal(str(local("hearing_threshold_person"))),
                "organisation": Decimal(str(local("hearing_threshold_organisation"))),
            }
            right = checks.hearing_right(c.party.kind, prop, thresholds)
            if checks.discussion_needed(c, prop, right) and not c.discussions.exists():
                nxt.append({"action": "discuss", "due": d["decide_by"]})
    if s == Status.DECIDED:
        late("XF-61", "serve_by", "已超过七个工作日送达期限")
        nxt.append({"action": "serve", "due": d["serve_by"]})
    if s == Status.SERVED and c.fine_amount:
        _execution(c, today, d, found, reminders, nxt)
    if s == Status.ENFORCEMENT:
        app = c.enforcements.first()
        if app is not None and app.concluded:
            nxt.append({"action": "close", "due": None})
        else:
            nxt.append({"action": "enforcement_outcome", "due": None})
    if c.procedure == PenaltyCase.Procedure.SIMPLE and c.filed_on is None and s in OPEN:
        late("XF-52", "filing_due", "当场处罚决定未按期报所属行政机关备案")
        nxt.append({"action": "file", "due": d["filing_due"]})
    if s in (Status.PAID, Status.TRANSFERRED) or (s == Status.SERVED and not c.fine_amount):
        nxt.append({"action": "close", "due": None})
    _preservations(c, today, found, nxt)
    _cash(c, today, found, nxt)
    if s == Status.CLOSED:
        nxt.append({"action": "archive", "due": None})
    # Issue #15 item 3: once published (disclosure's reverse relation, read only) it is no to-do.
    published = c.publications.filter(status="published").exists()
    if c.decision_kind == OUT.PENALTY and c.publish_by is not None and not published:
        nxt.append({"action": "publish", "due": c.publish_by})
    return {
        "violations": [_out(v) for v in found],
        # Not yet overdue, but the law asks for it soon (催告 due, QZ-53 deadline approaching).
        "reminders": [_out(v) for v in reminders],
        "next": nxt,
    }


def _out(v: Violation) -> dict[str, Any]:
    return {"code": v.rule, "message": v.message, "article": v.article, "details": dict(v.details)}


def _execution(
    c: PenaltyCase,
    today: dt.date,
    d: dict[str, dt.date | None],
    found: list[Violation],
    reminders: list[Violation],
    nxt: list[dict[str, Any]],
) -> None:
    """A served fine not yet paid: XF-66 application, XF-72 lateness, QZ-54 demand, QZ-53 court."""
    arrangements = list(c.arrangements.all())
    if any(a.status == PaymentArrangement.Status.PENDING for a in arrangements):
        nxt.append({"action": "decide_arrangement", "due": None})
    planned = any(a.status == PaymentArrangement.Status.APPROVED for a in arrangements)
    due = d["pay_by"]
    if due is not None and today > due:
        what = "未按批准的期限缴纳本期罚款" if planned else "逾期未缴纳罚款"
        found.append(
            violation(
                "XF-72",
                f"当事人{what}，每日按罚款数额的百分之三加处罚款；可依法催告后申请强制执行",
                due=due.isoformat(),
            )
        )
    nxt.append({"action": "pay", "due": due})
    if due is None or today <= due:
        return
    demand = _last_demand(c)
    if demand is None or demand.served_on <= due:
        nxt.append({"action": "demand", "due": None})
        reminders.append(
            violation(
                "QZ-54",
                "当事人逾期未缴纳罚款；申请人民法院强制执行前，应当先书面催告当事人履行",
                due=due.isoformat(),
            )
        )
    window = enforcement_window(c)
    if window is None:
        return
    end, apply_by = window
    earliest = end + dt.timedelta(days=1)
    if demand is not None and demand.served_on > due:
        earliest = max(earliest, demand.perform_by + dt.timedelta(days=1))
    nxt.append({"action": "apply_enforcement", "due": apply_by, "earliest": earliest})
    if today > apply_by:
        found.append(
            violation(
                "QZ-53",
                f"申请人民法院强制执行的期限已于{apply_by:%Y-%m-%d}届满",
                due=apply_by.isoformat(),
            )
        )
    elif today > end and (apply_by - today).days <= periods.ENFORCEMENT_WARN_DAYS:
        reminders.append(
            violation(
                "QZ-53",
                f"申请人民法院强制执行的期限将于{apply_by:%Y-%m-%d}届满；逾期未申请的，不能再申请",
                due=apply_by.isoformat(),
            )
        )


def _preservations(
    c: PenaltyCase, today: dt.date, found: list[Violation], nxt: list[dict[str, Any]]
) -> None:
    """XF-56: approved but not registered, registered and waiting for a decision (overdue after
    seven working days), and decisions that were made late (kept on the list, with the reason)."""
    for p in c.preservations.all():
        if p.status == Preservation.Status.APPROVED:
            nxt.append({"action": "preserve", "due": None})
        elif p.status == Preservation.Status.PRESERVED:
            due = preservation_due(p)
            nxt.append({"action": "decide_preservation", "due": due, "preservation": p.pk})
            if due is not None and today > due:
                found.append(
                    violation(
                        "XF-56",
                        f"先行登记保存的物品（{p.preserved_on:%Y-%m-%d}登记）应在七个工作日内"
                        "作出处理决定，已逾期",
                        due=due.isoformat(),
                        preservation=p.pk,
                    )
                )
        elif p.late and p.decide_by is not None and p.decided_on is not None:
            found.append(
                violation(
                    "XF-56",
                    f"先行登记保存物品的处理决定逾期作出（应于{p.decide_by:%Y-%m-%d}前，"
                    f"{p.decided_on:%Y-%m-%d}作出）；逾期原因：{p.late_reason}",
                    due=p.decide_by.isoformat(),
                    preservation=p.pk,
                    late=True,
                )
            )


def _cash(
    c: PenaltyCase, today: dt.date, found: list[Violation], nxt: list[dict[str, Any]]
) -> None:
    """XF-71: cash collected on the spot on its way to the bureau and the bank."""
    labels = {"hand_in": "交至本机关", "deposit": "缴付指定银行"}
    for step, due, pm in cash_steps(c):
        nxt.append({"action": step, "due": due})
        if due is not None and today > due:
            found.append(
                violation(
                    "XF-71",
                    f"当场收缴的罚款{pm.amount}元（{pm.paid_on:%Y-%m-%d}收缴）逾期未{labels[step]}",
                    due=due.isoformat(),
                    payment=pm.pk,
                )
            )
    for r in c.remittances.all():
        for late, what, reason in (
            (r.hand_in_late, "交至本机关", r.hand_in_late_reason),
            (r.deposit_late, "缴付银行", r.deposit_late_reason),
        ):
            if late:
                found.append(
                    violation(
                        "XF-71",
                        f"当场收缴的罚款逾期{what}；逾期原因：{reason}",
                        payment=r.payment_id,
                        late=True,
                    )
                )


def overdue(
    bureau_id: int | None = None, today: dt.date | None = None
) -> list[tuple[PenaltyCase, dict[str, Any]]]:
    today = today or clock.today()
    rows = PenaltyCase.objects.filter(status__in=OPEN).select_related("party", "power_item")
    if bureau_id is not None:
        rows = rows.filter(bureau_id=bureau_id)
    out = []
    for c in rows.order_by("bureau_id", "id"):
        check = compliance(c, today)
        for v in check["violations"] + check["reminders"]:
            out.append((c, v))
    return out


def stats(reader: Staff, start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    """API.md figures. A case counts in the period by its 立案 date (general) or decision date
    (simple); reviews, discussions, hearings and remedies by their own dates."""
    require(reader, "penalties.view")
    base = PenaltyCase.objects.filter(bureau_id=reader.bureau_id)
    opened = base.filter(
        (
            Q(procedure="general")
            & _within("registered_on", start, end)
            & Q(registered_on__isnull=False)
        )
        | (Q(procedure="simple") & _within("decided_on", start, end) & Q(decided_on__isnull=False))
    ).aggregate(
        total=Count("id"),
        general=Count("id", filter=Q(procedure="general")),
        simple=Count("id", filter=Q(procedure="simple")),
    )
    counts = period_counts(bureau_id=reader.bureau_id or 0, start=start, end=end)
    return {
        "total": opened["total"],
        "general": opened["general"],
        "simple": opened["simple"],
        "decided": counts.decided,
        "penalized": counts.penalized,
        "legal_reviews": int(
            Review.objects.filter(
                _within("reviewed_on", start, end), case__bureau_id=reader.bureau_id
            ).count()
        ),
        "collective_discussions": counts.discussions,
        "hearings": counts.hearings,
        "not_penalized": counts.not_penalized,
        "transferred": counts.transferred,
        "reconsiderations": counts.reconsiderations,
        "litigations": counts.litigations,
        **_disclosed(reader.bureau_id or 0, _within("published_on", start, end)),
    }


def _within(field: str, start: dt.date | None, end: dt.date | None) -> Q:
    q = Q()
    if start:
        q &= Q(**{f"{field}__gte": start})
    if end:
        q &= Q(**{f"{field}__lte": end})
    return q


@dataclass(frozen=True)
class PeriodCounts:
    """The penalty figures both the API's /stats/penalties and the annual report give, counted
    once: decisions by their decision date, discussions and hearings by the day held, remedies by
    the day filed. (What "cases" means differs on purpose: the API counts cases opened in the
    period, the report counts penalties decided in it — see docs/indicators.md.)"""

    decided: int
    penalized: int
    penalized_general: int
    penalized_simple: int
    not_penalized: int
    transferred: int
    discussions: int
    hearings: int
    reconsiderations: int
    litigations: int


def period_counts(*, bureau_id: int, start: dt.date | None, end: dt.date | None) -> PeriodCounts:
    """Counts of one bureau's penalty work in [start, end] (either end open when None)."""
    decided = PenaltyCase.objects.filter(
        _within("decided_on", start, end), bureau_id=bureau_id, decided_on__isnull=False
    ).aggregate(
        decided=Count("id"),
        penalized=Count("id", filter=Q(decision_kind=OUT.PENALTY)),
        penalized_general=Count(
            "id", filter=Q(decision_kind=OUT.PENALTY, procedure=PenaltyCase.Procedure.GENERAL)
        ),
        penalized_simple=Count(
            "id", filter=Q(decision_kind=OUT.PENALTY, procedure=PenaltyCase.Procedure.SIMPLE)
        ),
        not_penalized=Count(
            "id", filter=Q(decision_kind__in=[OUT.NO_PENALTY_MINOR, OUT.NO_PENALTY_UNFOUNDED])
        ),
        transferred=Count("id", filter=Q(decision_kind=OUT.TRANSFER)),
    )
    remedies = RemedyProceeding.objects.filter(
        _within("filed_on", start, end), case__bureau_id=bureau_id
    ).aggregate(
        reconsiderations=Count("id", filter=Q(kind=RemedyProceeding.Kind.RECONSIDERATION)),
        litigations=Count("id", filter=Q(kind=RemedyProceeding.Kind.LITIGATION)),
    )
    return PeriodCounts(
        **decided,
        **remedies,
        discussions=Discussion.objects.filter(
            _within("held_on", start, end), case__bureau_id=bureau_id
        ).count(),
        hearings=Hearing.objects.filter(
            _within("held_on", start, end), held_on__isnull=False, case__bureau_id=bureau_id
        ).count(),
    )


def _disclosed(bureau_id: int, period: Q) -> dict[str, int]:
    """Publications are the disclosure app's records (a higher layer): counted by
    ``disclosure.queries.publication_counts``, which disclosure installs in ``core.links``, and
    0 where that app is not installed."""
    try:
        counts: dict[str, int] = links.ask("disclosure.publication_counts", bureau_id, period)
    except LookupError:
        return {"disclosed": 0, "disclosed_on_time": 0}
    return counts


# --- added by steps ---


def hearing_chairs(case: PenaltyCase) -> list[Staff]:
    """Who may chair the hearing (XF-64, ORG-4): active staff of the case's bureau in an
    enforcement, legal or supervising role, never an investigating officer of the case or one who
    withdrew (the action checks the chosen one again)."""
    excluded = {o.pk for o in case.officers.all()}
    excluded |= set(case.recusals.filter(granted=True).values_list("officer_id", flat=True))
    return list(
        Staff.objects.filter(
            bureau_id=case.bureau_id,
            is_active=True,
            roles__role__in=["officer", "reviewer", "head", "supervisor"],
        )
        .exclude(pk__in=excluded)
        .distinct()
        .order_by("username")
    )


# --- helper:hearing2 ---
def review_basis(case: PenaltyCase) -> str:
    """XF-58: the case as a legal review sees it (notices, statements, held hearings, the
    proposal), compared at the decision with what the latest review saw."""
    proposal = json.dumps(case.proposal, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return checks.review_basis(
        notices=case.notices.values_list("id", flat=True),
        statements=case.statements.values_list("id", flat=True),
        held_hearings=case.hearings.filter(held_on__isnull=False).values_list("id", flat=True),
        proposal_hash=hashlib.sha256(proposal.encode()).hexdigest()[:16] if case.proposal else "",
    )


def heads(case: PenaltyCase) -> list[Staff]:
    """CL-6: who may take part in a collective discussion: active heads of the case's bureau."""
    return list(
        Staff.objects.filter(bureau_id=case.bureau_id, is_active=True, roles__role="head")
        .distinct()
        .order_by("username")
    )


# --- /helper:hearing2 ---


def case_file(case_id: int) -> PenaltyCase:
    """The whole case file, for answering an endpoint: one query per related table.

    Not scoped by reader: the caller has already looked the case up through ``case(reader, pk)``
    (a 404 for another bureau's case) and acted on it; this only reads it again, whole.
    """
    return (
        PenaltyCase.objects.select_related("power_item", "party", "unit", "benchmark", "exemption")
        .prefetch_related(
            Prefetch("officers", queryset=Staff.objects.order_by("id")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("collected_by")),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
            Prefetch("discussions", queryset=Discussion.objects.select_related("chair")),
            Prefetch("hearings", queryset=Hearing.objects.select_related("chair")),
            Prefetch("recusals", queryset=Recusal.objects.select_related("officer")),
            "notices",
            "statements",
            "services",
            Prefetch(
                "payments",
                queryset=Payment.objects.select_related("instalment", "backdate_approved_by"),
            ),
            "remedies",
            Prefetch(
                "arrangements",
                queryset=PaymentArrangement.objects.select_related("decided_by").prefetch_related(
                    "instalments"
                ),
            ),
            "demands",
            "enforcements",
            Prefetch("preservations", queryset=Preservation.objects.select_related("approved_by")),
            "remittances",
            Prefetch(
                "certificates_shown", queryset=CertificateShown.objects.select_related("officer")
            ),
        )
        .get(pk=case_id)
    )


def case_units(reader: Staff) -> QuerySet[OrgUnit]:
    """The units handling the cases the reader sees (the list page's unit filter)."""
    return OrgUnit.objects.filter(
        pk__in=cases(reader).values("unit_id").distinct(), active=True
    ).order_by("code")
