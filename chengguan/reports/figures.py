"""Every figure of the yearly rule-of-law report, computed from the records, with its method.

Each figure is one small query over one register; ``method`` says in Chinese which records were
counted, so the report's appendix can show how every number came about. The period is the calendar
year in Asia/Shanghai: dates by their value, times by their local day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from chengguan.citycases.models import CityCase
from chengguan.citycases.states import HOTLINE_SOURCES, Source, Status
from chengguan.core.clock import SHANGHAI
from chengguan.disclosure.models import Publication
from chengguan.governance.models import (
    LawPost,
    LegislativeInput,
    MajorDecision,
    NormativeDocument,
    StudyMeeting,
    TrainingParticipant,
    TrainingSession,
)
from chengguan.guidance import queries as guidance_queries  # --- helper:service ---
from chengguan.inspections import queries as inspection_queries  # --- helper:inspections2 ---
from chengguan.law.models import ExemptionItem, PowerItem
from chengguan.org.models import Certificate, OrgUnit, Staff
from chengguan.oversight.models import CaseFileReview, Complaint, Finding, Inspection
from chengguan.penalties import queries as penalty_queries
from chengguan.penalties.models import (
    PenaltyCase,
    RemedyProceeding,
    Review,
)
from chengguan.permits import queries as permit_queries  # --- helper:permits2 ---
from chengguan.reports import method721  # --- helper:service ---
from chengguan.suggestions import queries as suggestion_queries  # --- helper:permits2 ---


@dataclass
class Figure:
    key: str
    label: str
    value: int | Decimal | None
    unit: str
    method: str
    section: str

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The value as the report prints it: 99.28%, 55401, or — when there is no denominator."""
        if self.value is None:
            return "—"
        if self.unit == "%":
            return f"{self.value}%"
        return str(self.value)


@dataclass
class Figures:
    bureau: OrgUnit
    year: int
    items: dict[str, Figure] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Figure:
        return self.items[key]

    def __getattr__(self, key: str) -> Figure:
        # Templates read figures as {{ f.penalty_total }}.
        items = self.__dict__.get("items", {})
        if key in items:
            return items[key]
        raise AttributeError(key)

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.items.values())

    def value(self, key: str) -> Any:
        return self.items[key].value

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {
            f.key: {
                "label": f.label,
                "value": (str(f.value) if isinstance(f.value, Decimal) else f.value),
                "unit": f.unit,
                "text": f.text,
                "method": f.method,
                "section": f.section,
            }
            for f in self
        }


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with two decimals, rounded half up; None when nothing was to be counted."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    return (dt.datetime(year, 1, 1, tzinfo=SHANGHAI), dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI))


class _Collector:
    def __init__(self, figures: Figures, section: str) -> None:
        self.figures, self.section = figures, section

    def add(
        self, key: str, label: str, value: int | Decimal | None, unit: str, method: str
    ) -> None:
        self.figures.items[key] = Figure(key, label, value, unit, method, self.section)


# Each section reads one domain. Sections are kept apart so the report can name the one that failed.


def _governance(c: _Collector, bureau: OrgUnit, year: int) -> None:
    meetings = StudyMeeting.objects.filter(bureau=bureau, held_on__year=year)
    for kind, key in [
        (StudyMeeting.Kind.PARTY_GROUP_STUDY, "party_group_studies"),
        (StudyMeeting.Kind.LEADERS_STUDY, "leaders_studies"),
        (StudyMeeting.Kind.RULE_OF_LAW_MEETING, "rule_of_law_meetings"),
        (StudyMeeting.Kind.REPORT_ON_LAW, "reports_on_law"),
    ]:
        c.add(
            key,
            kind.label,
            meetings.filter(kind=kind).count(),
            "次",
            f"“学法与法治会议”台账中类型为“{kind.label}”、日期在{year}年内的记录条数。",
        )

    sessions = TrainingSession.objects.filter(bureau=bureau, held_on__year=year)
    people = TrainingParticipant.objects.filter(session__in=sessions)
    training_kinds = [
        TrainingSession.Kind.ANNUAL_STUDY,
        TrainingSession.Kind.PRACTICE,
        TrainingSession.Kind.DOCUMENTS,
        TrainingSession.Kind.TOWN_TRAINING,
    ]
    c.add(
        "trainings",
        "培训场次",
        sessions.filter(kind__in=training_kinds).count(),
        "场",
        f"“培训与考试”台账中{year}年举办的年度学法、执法实务、文书制作和乡镇（街道）执法培训场次。",
    )
    c.add(
        "training_attendance",
        "培训人次",
        people.filter(session__kind__in=training_kinds).count(),
        "人次",
        "上述培训的参训人员登记条数（一人参加两场计两人次）。",
    )
    c.add(
        "town_guidance_attendance",
        "帮扶指导人次",
        people.filter(session__kind=TrainingSession.Kind.GUIDANCE).count(),
        "人次",
        f"“培训与考试”台账中类型为“乡镇（街道）帮扶指导”、{year}年内的参加人员登记条数。",
    )
    town_sessions = sessions.filter(
        kind__in=[TrainingSession.Kind.GUIDANCE, TrainingSession.Kind.TOWN_TRAINING]
    )
    c.add(
        "town_teams_trained",
        "培训指导的乡镇（街道）执法队",
        town_sessions.exclude(target_unit=None).values("target_unit").distinct().count(),
        "个",
        "乡镇（街道）培训和帮扶指导所指向的不同执法队个数。",
    )
    exams = sessions.filter(kind=TrainingSession.Kind.EXAM)
    scored = people.filter(session__in=exams, score__isnull=False)
    exam_total = scored.count()
    passed = 0
    for score, mark in scored.values_list("score", "session__pass_mark"):
        if mark is None or (score is not None and score >= mark):
            passed += 1
    c.add("exams", "考法测验场次", exams.count(), "场", f"{year}年类型为“考法测验”的场次。")
    c.add("exam_takers", "参考人次", exam_total, "人次", "考法测验中登记了成绩的人次。")
    c.add(
        "exam_pass_rate",
        "考试合格率",
        rate(passed, exam_total),
        "%",
        "成绩不低于该场及格分的人次 ÷ 登记了成绩的人次 × 100%（未设及格分的场次全部计为合格）。",
    )

    posts = LawPost.objects.filter(bureau=bureau, published_on__year=year)
    online = posts.filter(
        channel__in=[LawPost.Channel.WECHAT, LawPost.Channel.DOUYIN, LawPost.Channel.WEBSITE]
    )
    agg = online.aggregate(n=Sum("count"), audience=Sum("audience"))
    c.add(
        "posts",
        "新媒体普法推文",
        int(agg["n"] or 0),
        "篇",
        f"“普法宣传”台账中渠道为微信公众号、抖音号或门户网站、{year}年发布的篇数之和。",
    )
    c.add(
        "post_audience",
        "推文受众",
        int(agg["audience"] or 0),
        "人次",
        "上述推文登记的受众人次之和。",
    )
    c.add(
        "outreach_events",
        "现场普法活动",
        int(posts.exclude(pk__in=online).aggregate(n=Sum("count"))["n"] or 0),
        "次",
        "渠道为入户/现场宣传或“五进”宣传活动的次数之和。",
    )

    docs = NormativeDocument.objects.filter(bureau=bureau)
    c.add(
        "documents_issued",
        "印发规范性文件",
        docs.filter(issued_on__year=year).count(),
        "件",
        f"印发日期在{year}年内的规范性文件件数。",
    )
    c.add(
        "documents_reviewed",
        "合法性审核的规范性文件",
        docs.filter(legality_reviewed_on__year=year).count(),
        "件",
        f"合法性审核日期在{year}年内的规范性文件件数。",
    )
    c.add(
        "documents_filed",
        "报送备案的规范性文件",
        docs.filter(filed_on__year=year).count(),
        "件",
        f"备案日期在{year}年内的规范性文件件数。",
    )
    c.add(
        "documents_cleaned_out",
        "被清理（废止、失效）的规范性文件",
        docs.filter(
            cleanup_on__year=year,
            cleanup__in=[NormativeDocument.Cleanup.REPEALED, NormativeDocument.Cleanup.EXPIRED],
        ).count(),
        "件",
        f"{year}年清理结果为“废止”或“宣布失效”的文件件数。",
    )
    c.add(
        "documents_checked",
        "参加清理的规范性文件",
        docs.filter(cleanup_on__year=year).count(),
        "件",
        f"{year}年作出清理结论（含继续有效）的文件件数。",
    )
    c.add(
        "legislative_inputs",
        "参与立法和制度修改提出意见",
        LegislativeInput.objects.filter(bureau=bureau, submitted_on__year=year).count(),
        "次",
        f"“立法及制度修改意见”台账中提交日期在{year}年内的条数。",
    )
    c.add(
        "major_decisions",
        "列入重大行政决策目录的事项",
        MajorDecision.objects.filter(bureau=bureau, year=year).count(),
        "项",
        f"目录年度为{year}的重大行政决策事项数。",
    )


def _penalties(c: _Collector, bureau: OrgUnit, year: int) -> None:
    # The counts the API's /stats/penalties gives too come from one place (penalties.queries).
    counts = penalty_queries.period_counts(
        bureau_id=bureau.pk, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
    )
    general = PenaltyCase.objects.filter(
        bureau=bureau,
        decided_on__year=year,
        decision_kind=PenaltyCase.Outcome.PENALTY,
        procedure=PenaltyCase.Procedure.GENERAL,
    )
    c.add(
        "penalty_total",
        "行政处罚案件",
        counts.penalized,
        "件",
        f"决定类型为“给予行政处罚”、决定日期在{year}年内的处罚案件数（普通程序与简易程序合计）。",
    )
    c.add(
        "penalty_general",
        "普通程序案件",
        counts.penalized_general,
        "件",
        "其中程序为“普通程序”的件数。",
    )
    c.add(
        "penalty_simple",
        "简易程序案件",
        counts.penalized_simple,
        "件",
        "其中程序为“简易程序”（当场处罚）的件数。",
    )
    reviewed = general.filter(pk__in=Review.objects.filter(approved=True).values("case_id"))
    c.add(
        "penalty_general_reviewed",
        "通过法制审核的普通程序案件",
        reviewed.count(),
        "件",
        "上述普通程序案件中至少有一条“审核通过”的法制审核记录的件数。",
    )
    c.add(
        "legal_review_rate",
        "普通程序案件法制审核率",
        rate(reviewed.count(), counts.penalized_general),
        "%",
        "通过法制审核的普通程序案件 ÷ 普通程序案件 × 100%。",
    )
    c.add(
        "not_penalized",
        "不予处罚决定",
        counts.not_penalized,
        "件",
        f"{year}年作出的不予行政处罚决定件数（轻微不罚与违法事实不能成立）。",
    )
    c.add(
        "collective_discussions",
        "重大执法决定集体讨论",
        counts.discussions,
        "次",
        f"讨论日期在{year}年内的集体讨论记录条数（每次讨论形成一份集体讨论笔录）。",
    )
    c.add(
        "hearings",
        "听证",
        counts.hearings,
        "次",
        f"举行日期在{year}年内的听证次数。",
    )

    remedies = RemedyProceeding.objects.filter(case__bureau=bureau)
    recon = remedies.filter(kind=RemedyProceeding.Kind.RECONSIDERATION)
    lit = remedies.filter(kind=RemedyProceeding.Kind.LITIGATION)
    recon_done = recon.filter(concluded_on__year=year).exclude(outcome="")
    c.add(
        "reconsiderations",
        "行政复议",
        counts.reconsiderations,
        "件",
        f"申请日期在{year}年内的行政复议件数。",
    )
    c.add(
        "reconsideration_upheld_rate",
        "行政复议维持率",
        rate(
            recon_done.filter(outcome=RemedyProceeding.Outcome.UPHELD).count(),
            recon_done.exclude(outcome=RemedyProceeding.Outcome.WITHDRAWN).count(),
        ),
        "%",
        f"{year}年审结、结果为“维持”的复议件数 ÷ 同年审结的复议件数（不含撤回/终止）× 100%；无审结案件时记为“—”。",
    )
    lit_year = lit.filter(filed_on__year=year)
    lit_done = lit.filter(concluded_on__year=year).exclude(outcome="")
    lit_decided = lit_done.exclude(outcome=RemedyProceeding.Outcome.WITHDRAWN)
    c.add(
        "litigations", "行政诉讼", counts.litigations, "件", f"起诉日期在{year}年内的行政诉讼件数。"
    )
    c.add(
        "litigation_win_rate",
        "行政诉讼胜诉率",
        rate(
            lit_decided.filter(
                outcome__in=[RemedyProceeding.Outcome.WON, RemedyProceeding.Outcome.UPHELD]
            ).count(),
            lit_decided.count(),
        ),
        "%",
        f"{year}年审结、结果为“胜诉”（或判决维持）的诉讼件数 ÷ 同年审结的诉讼件数（不含撤诉）× 100%。",
    )
    c.add(
        "litigation_lost",
        "行政诉讼败诉",
        lit_done.filter(
            outcome__in=[
                RemedyProceeding.Outcome.LOST,
                RemedyProceeding.Outcome.REVOKED,
                RemedyProceeding.Outcome.CONFIRMED_UNLAWFUL,
            ]
        ).count(),
        "件",
        f"{year}年审结、结果为败诉、撤销或确认违法的诉讼件数。",
    )
    c.add(
        "head_appearance_rate",
        "负责人出庭应诉率",
        rate(lit_year.filter(head_appeared=True).count(), lit_year.count()),
        "%",
        f"{year}年起诉的诉讼中登记“负责人出庭应诉”的件数 ÷ {year}年起诉的诉讼件数 × 100%。",
    )


def _valid_at_year_end(cert: Certificate, day: dt.date, end: dt.datetime) -> bool:
    """Valid on ``day``: issued, not expired, and not suspended or cancelled by then (a later
    cancellation does not reach back)."""
    if not cert.issued_on <= day <= cert.expires_on:
        return False
    if cert.status == Certificate.Status.VALID:
        return True
    return cert.status_changed_at is not None and cert.status_changed_at >= end


def _certificates(c: _Collector, bureau: OrgUnit, year: int) -> None:
    start, end = year_bounds(year)
    certs = Certificate.objects.filter(bureau=bureau)
    cancelled = certs.filter(
        status=Certificate.Status.CANCELLED, status_changed_at__gte=start, status_changed_at__lt=end
    )
    c.add(
        "certs_cancelled_left_post",
        "因脱离执法岗位注销执法证",
        cancelled.filter(reason=Certificate.Reason.LEFT_POST).count(),
        "个",
        f"状态为“注销”、原因为“脱离执法岗位”、注销时间在{year}年内的执法证件数。",
    )
    c.add(
        "certs_cancelled_retired_transferred",
        "因退休、工作调整注销执法证",
        cancelled.filter(
            reason__in=[Certificate.Reason.RETIRED, Certificate.Reason.TRANSFERRED]
        ).count(),
        "个",
        f"状态为“注销”、原因为“退休”或“工作调整”、注销时间在{year}年内的执法证件数。",
    )
    c.add(
        "certs_cancelled_other",
        "因其他原因注销执法证",
        cancelled.exclude(
            reason__in=[
                Certificate.Reason.LEFT_POST,
                Certificate.Reason.RETIRED,
                Certificate.Reason.TRANSFERRED,
            ]
        ).count(),
        "个",
        f"{year}年因违纪违法或其他原因注销的执法证件数。",
    )
    c.add(
        "certs_issued",
        "新办执法证",
        certs.filter(issued_on__year=year).count(),
        "个",
        f"发证日期在{year}年内的执法证件数。",
    )
    year_end = dt.date(year, 12, 31)
    staff = Staff.objects.filter(bureau=bureau, is_active=True)
    holders = {
        cert.holder_id
        for cert in certs.filter(holder__in=staff)
        if _valid_at_year_end(cert, year_end, end)
    }
    c.add(
        "staff_total",
        "干部职工",
        staff.count(),
        "人",
        "生成报告时系统中处于启用状态的本局人员数（含协管员；已调离人员应停用账号）。",
    )
    c.add(
        "certified_staff",
        "具有执法资格的人员",
        len(holders),
        "人",
        f"上述人员中{year}年12月31日持有有效执法证件（已发证、未过期，且当日前未被暂扣或注销）的人数。",
    )
    c.add(
        "certified_ratio",
        "持证人员占比",
        rate(len(holders), staff.count()),
        "%",
        "具有执法资格的人员 ÷ 干部职工 × 100%。",
    )


def _disclosure(c: _Collector, bureau: OrgUnit, year: int) -> None:
    published = Publication.objects.filter(bureau=bureau, published_on__year=year)
    due = PenaltyCase.objects.filter(
        bureau=bureau,
        decided_on__year=year,
        decision_kind=PenaltyCase.Outcome.PENALTY,
        procedure=PenaltyCase.Procedure.GENERAL,
    )
    c.add(
        "disclosed",
        "在信用信息共享平台公示的处罚决定",
        published.count(),
        "件",
        f"公示日期在{year}年内的处罚决定公示条数（含后来撤下的）。",
    )
    c.add(
        "disclosed_on_time",
        "按期公示",
        published.filter(on_time=True).count(),
        "件",
        "其中在决定作出后7个工作日内（SZ-3）公示的条数。",
    )
    c.add(
        "disclosure_on_time_rate",
        "按期公示率",
        rate(published.filter(on_time=True).count(), published.count()),
        "%",
        "按期公示条数 ÷ 公示条数 × 100%。",
    )
    due_ids = set(due.values_list("pk", flat=True))
    covered = set(
        Publication.objects.filter(penalty_case_id__in=due_ids).values_list(
            "penalty_case_id", flat=True
        )
    )
    c.add(
        "disclosure_coverage",
        "普通程序处罚决定公示率",
        rate(len(covered), len(due_ids)),
        "%",
        f"{year}年作出的普通程序处罚决定中已公示的件数 ÷ 该类决定件数 × 100%。",
    )
    withdrawn = Publication.objects.filter(bureau=bureau, withdrawn_on__year=year)
    c.add(
        "withdrawn",
        "撤下的公示",
        withdrawn.count(),
        "件",
        f"{year}年因决定被撤销、变更、确认违法或信用修复而撤下的公示条数。",
    )
    c.add(
        "withdrawn_on_time",
        "按期撤下",
        withdrawn.filter(withdrawn_on_time=True).count(),
        "件",
        "其中在撤下事由发生后3个工作日内（XF-48）撤下的条数。",
    )


def _law(c: _Collector, bureau: OrgUnit, year: int) -> None:
    active = PowerItem.objects.filter(bureau=bureau, active=True)
    c.add(
        "powers_delegated_towns",
        "下放乡镇实施的执法事项",
        active.filter(delegated_to__kind=OrgUnit.Kind.TOWN).distinct().count(),
        "项",
        "权责清单中有效、且赋权给至少一个乡镇综合执法队的事项数。",
    )
    c.add(
        "powers_delegated_streets",
        "下放街道实施的执法事项",
        active.filter(delegated_to__kind=OrgUnit.Kind.STREET).distinct().count(),
        "项",
        "权责清单中有效、且赋权给至少一个街道综合执法队的事项数。",
    )
    c.add("power_items", "权责清单事项", active.count(), "项", "权责清单中有效事项总数。")
    year_end = dt.date(year, 12, 31)
    exemptions = ExemptionItem.objects.filter(bureau=bureau, active=True).filter(
        Q(published_on__isnull=True) | Q(published_on__lte=year_end)
    )
    c.add(
        "exemption_items",
        "免予行政处罚清单事项",
        exemptions.count(),
        "项",
        f"免罚清单中有效、公布日期不晚于{year}年12月31日的事项数。",
    )


def _citycases(c: _Collector, bureau: OrgUnit, year: int) -> None:
    start, end = year_bounds(year)
    in_year = CityCase.objects.filter(bureau=bureau, reported_at__gte=start, reported_at__lt=end)
    loop = in_year.exclude(source__in=HOTLINE_SOURCES).exclude(status=Status.MERGED)
    disposed_states = [Status.HANDLED, Status.VERIFIED, Status.CLOSED]
    collected = loop.count()
    disposed = loop.filter(status__in=disposed_states).count()
    c.add(
        "citycases_collected",
        "智慧城管采集上报案件",
        collected,
        "件",
        f"{year}年内上报的数字城管案件数（来源为监督员、公众、视频，不含12345及信访工单和被合并的重复件）。",
    )
    c.add(
        "citycases_disposed",
        "已处置案件",
        disposed,
        "件",
        "其中当前状态为“已处置”“已核查”或“已结案”的件数。",
    )
    c.add(
        "citycases_disposal_rate",
        "处置率",
        rate(disposed, collected),
        "%",
        "已处置案件 ÷ 采集上报案件 × 100%（与本局历年报告口径一致；GB/T 30428.4 的“处置率”以派遣数为分母，见数字城管指标）。",
    )
    dispatched = loop.exclude(dispatched_at=None)
    on_time = dispatched.filter(status__in=disposed_states, handle_on_time=True).count()
    c.add(
        "citycases_on_time_disposal_rate",
        "按期处置率",
        rate(on_time, dispatched.count()),
        "%",
        "按期处置（处置环节未超时）的件数 ÷ 已派遣件数 × 100%。",
    )
    agg = loop.aggregate(rework=Sum("rework_count"), ret=Sum("return_count"))
    c.add("citycases_reworks", "返工次数", int(agg["rework"] or 0), "次", "上述案件返工次数之和。")
    c.add("citycases_returns", "退单次数", int(agg["ret"] or 0), "次", "上述案件退单次数之和。")

    labels = {
        Source.HOTLINE: ("hotline", "12345便民服务热线工单"),
        Source.PETITION: ("petition", "信访件"),
        Source.LETTER_VISIT: ("letter_visit", "群众来信来访"),
        Source.EFFICIENCY_COMPLAINT: ("efficiency", "行政机关效能投诉"),
    }
    rows = dict(
        in_year.filter(source__in=HOTLINE_SOURCES)
        .values("source")
        .annotate(n=Count("id"), closed=Count("id", filter=Q(status=Status.CLOSED)))
        .values_list("source", "n")
    )
    closed_rows = dict(
        in_year.filter(source__in=HOTLINE_SOURCES, status=Status.CLOSED)
        .values("source")
        .annotate(n=Count("id"))
        .values_list("source", "n")
    )
    total = closed_total = 0
    for source, (key, label) in labels.items():
        n, closed = rows.get(source, 0), closed_rows.get(source, 0)
        total, closed_total = total + n, closed_total + closed
        c.add(
            f"{key}_orders",
            label,
            n,
            "件",
            f"{year}年内受理、来源为“{Source(source).label}”的工单数。",
        )
        c.add(
            f"{key}_closure_rate",
            f"{label}结案率",
            rate(closed, n),
            "%",
            "其中状态为“已结案”的件数 ÷ 受理件数 × 100%。",
        )
    c.add(
        "appeals_total",
        "群众诉求合计",
        total,
        "件",
        "12345、信访、来信来访、效能投诉四类工单之和。",
    )
    c.add(
        "appeals_closure_rate",
        "群众诉求结案率",
        rate(closed_total, total),
        "%",
        "四类工单中已结案件数 ÷ 四类工单总数 × 100%。",
    )


def _oversight(c: _Collector, bureau: OrgUnit, year: int) -> None:
    inspections = Inspection.objects.filter(bureau=bureau, started_on__year=year)
    K, Org = Inspection.Kind, Inspection.Organiser
    for organiser, okey in [(Org.CITY, "city"), (Org.COUNTY, "county"), (Org.SELF, "self")]:
        for kind, kkey in [
            (K.SPECIAL_CHECK, "checks"),
            (K.SUPERVISION, "supervision"),
            (K.FILE_REVIEW, "file_reviews"),
            (K.EVALUATION, "evaluations"),
            (K.GUIDANCE, "guidance"),
            (K.CAMPAIGN, "campaigns"),
        ]:
            c.add(
                f"inspections_{okey}_{kkey}",
                f"{organiser.label}组织的{kind.label}",
                inspections.filter(organiser=organiser, kind=kind).count(),
                "次",
                f"“监督检查”台账中组织方为“{organiser.label}”、类型为“{kind.label}”、{year}年开始的次数。",
            )
    c.add(
        "inspections_received",
        "接受上级检查监督",
        inspections.exclude(organiser=Org.SELF).count(),
        "次",
        f"组织方为市局或县政府及部门、{year}年开始的监督检查次数。",
    )
    c.add(
        "inspections_self",
        "自行组织检查监督",
        inspections.filter(organiser=Org.SELF).count(),
        "次",
        f"本局自行组织、{year}年开始的专项检查、案卷评查、执法监督、检查指导和突出问题整治次数。",
    )
    findings = Finding.objects.filter(bureau=bureau, found_on__year=year)
    c.add(
        "findings", "发现问题", findings.count(), "项", f"{year}年各类检查监督发现并登记的问题数。"
    )
    c.add(
        "findings_rectified",
        "已整改问题",
        findings.filter(status=Finding.Status.RECTIFIED).count(),
        "项",
        "其中全部整改任务已销号、状态为“已整改”的问题数。",
    )
    c.add(
        "findings_rectification_rate",
        "问题整改率",
        rate(findings.filter(status=Finding.Status.RECTIFIED).count(), findings.count()),
        "%",
        "已整改问题 ÷ 发现问题 × 100%。",
    )
    reviews = CaseFileReview.objects.filter(
        bureau=bureau, status=CaseFileReview.Status.FINAL, finalised_on__year=year
    )
    c.add("file_reviews", "评查案卷", reviews.count(), "卷", f"{year}年定稿的案卷评查份数。")
    c.add(
        "file_reviews_failed",
        "评查不合格案卷",
        reviews.filter(grade=CaseFileReview.Grade.FAIL).count(),
        "卷",
        "其中等次为“不合格”（含触及否决项）的份数。",
    )
    complaints = Complaint.objects.filter(bureau=bureau, received_on__year=year)
    c.add(
        "enforcement_complaints",
        "行政执法投诉",
        complaints.count(),
        "件",
        f"{year}年收到的针对执法行为的投诉件数。",
    )
    c.add(
        "enforcement_complaints_closure_rate",
        "执法投诉办结率",
        rate(complaints.filter(status=Complaint.Status.CLOSED).count(), complaints.count()),
        "%",
        "已办结件数 ÷ 收到件数 × 100%。",
    )


# --- helper:inspections2 ---
def _inspections(c: _Collector, bureau: OrgUnit, year: int) -> None:
    """行政检查: the figures the inspections domain computes for its yearly statistics."""
    f = inspection_queries.figures(bureau, year)
    c.add(
        "inspections_total",
        "涉企行政检查",
        f["total"],
        "次",
        f"{year}年计划检查日期在当年的行政检查次数；合并检查（综合查一次）计为一次。",
    )
    for reason, label in (
        ("plan", "其中双随机计划检查"),
        ("complaint", "其中投诉举报引起的检查"),
        ("referral", "其中转办交办的检查"),
        ("risk", "其中风险数据引起的检查"),
    ):
        c.add(f"inspections_{reason}", label, f["by_reason"][reason], "次", "按检查事由统计。")
    c.add(
        "inspections_joint",
        "合并检查（综合查一次）",
        f["joint"],
        "次",
        "一次入企涵盖两个以上检查事项的检查次数。",
    )
    c.add(
        "inspections_max_per_enterprise",
        "同一企业年度最多检查次数",
        f["frequency"]["max"],
        "次",
        "企业和个体工商户中，当年被检查次数最多者的次数。",
    )
    mean = f["frequency"]["mean"]
    c.add(
        "inspections_mean_per_enterprise",
        "被检查企业平均检查次数",
        Decimal(mean) if mean is not None else None,
        "次",
        "被检查的企业和个体工商户的检查次数之和 ÷ 被检查的企业和个体工商户数。",
    )
    share = f["findings"]["share"]
    c.add(
        "inspections_findings_rate",
        "检查发现问题比例",
        Decimal(share) if share is not None else None,
        "%",
        "发现问题的检查 ÷ 已记录检查情况的检查 × 100%。",
    )
    met = f["corrections"]["met_share"]
    c.add(
        "inspections_corrections_met_rate",
        "责令改正复查整改率",
        Decimal(met) if met is not None else None,
        "%",
        "复查已整改的责令改正 ÷ 已复查的责令改正 × 100%。",
    )


# --- /helper:inspections2 ---


# --- helper:permits2 ---
def _permits(c: _Collector, bureau: OrgUnit, year: int) -> None:
    """行政许可 (LEGAL-RULES §12): applications, decisions, on time, extended."""
    f = permit_queries.year_figures(bureau, year)
    c.add(
        "permit_applications",
        "收到行政许可申请",
        f["applications"],
        "件",
        f"{year}年收到申请日期在当年的行政许可申请（窗口与一网通办）件数；补正后的申请计为一件。",
    )
    c.add(
        "permit_decided", "作出行政许可决定", f["decided"], "件", "决定日期在当年的许可决定件数。"
    )
    c.add("permit_granted", "其中准予行政许可", f["granted"], "件", "当年作出的准予许可决定。")
    c.add(
        "permit_refused",
        "其中不予行政许可",
        f["refused"],
        "件",
        "当年作出的不予许可决定（均书面说明理由并告知救济途径，XK-38）。",
    )
    c.add(
        "permit_on_time_rate",
        "许可决定按期率",
        rate(f["on_time"], f["decided"]),
        "%",
        "当年在法定期限内（20个工作日，经批准延长10个工作日，扣除听证、专家评审、检验检测"
        "期间，XK-42）作出的决定 ÷ 当年作出的决定 × 100%。",
    )
    c.add(
        "permit_extended",
        "经负责人批准延长审批期限",
        f["extended"],
        "件",
        "当年作出的决定中，审批期限经本机关负责人批准延长的件数（XK-42）。",
    )


def _suggestions(c: _Collector, bureau: OrgUnit, year: int) -> None:
    """人大代表建议和政协委员提案 (JY-1): received, replied on time, satisfaction."""
    f = suggestion_queries.year_figures(bureau.pk, year)
    c.add(
        "suggestions_received",
        "承办人大代表建议和政协委员提案",
        f["received"],
        "件",
        f"交办日期在{year}年的建议、提案件数。",
    )
    c.add("suggestions_npc", "其中人大代表建议", f["npc"], "件", "按类别统计。")
    c.add("suggestions_cppcc", "其中政协委员提案", f["cppcc"], "件", "按类别统计。")
    c.add(
        "suggestions_replied_on_time_rate",
        "建议提案按期答复率",
        rate(f["replies_on_time"], f["replies"]),
        "%",
        "当年作出的答复（含不满意后重新办理的答复）中，在答复期限内（交办后3个月、重新办理"
        "1个月，JY-1）作出的 ÷ 当年作出的答复 × 100%。",
    )
    c.add(
        "suggestions_satisfaction_rate",
        "代表委员满意率",
        rate(f["satisfied"], f["answered"]),
        "%",
        "当年登记的代表委员最近一次反馈中，满意和基本满意的 ÷ 当年登记反馈的件数 × 100%。",
    )


# --- /helper:permits2 ---
# --- helper:service ---
def _service721(c: _Collector, bureau: OrgUnit, year: int) -> None:
    """服务型行政执法 and the "721" work method (decision 083)."""
    g = guidance_queries.year_figures(bureau, year)
    for key, label, unit, method in (
        ("points", "服务型行政执法联系点", "个", f"{year}年底前设立的联系点个数。"),
        ("visits", "走访联系点", "次", f"走访日期在{year}年的联系点走访次数。"),
        ("risks", "法律风险防控清单事项", "项", f"{year}年底前公布的风险防控事项数。"),
        (
            "records",
            "行政指导（建议、提醒函、告诫书）",
            "件",
            f"发出日期在{year}年的行政指导件数。",
        ),
        ("warnings", "其中告诫书", "件", "类别为告诫书的行政指导件数。"),
        ("corrected", "行政指导后已改正", "件", "当年发出、回访确认已改正的行政指导件数。"),
        (
            "escalated",
            "未改正转立案或检查",
            "件",
            "当年发出、回访未改正后转为数字城管案件或行政检查的件数。",
        ),
    ):
        c.add(f"guidance_{key}", label, g[key], unit, method)
    m = method721.figures(bureau, year)
    c.add("m721_total", "“721”工作法统计的问题", m["total"]["total"], "件", m["method"])
    for key in ("service", "management", "enforcement"):
        label = method721.LABELS[key]
        c.add(f"m721_{key}", f"其中{label}解决", m["total"][key], "件", f"按“721”口径计为{label}。")
        share = Decimal(m["total"]["percent"][key]) if m["total"]["total"] else None
        c.add(
            f"m721_{key}_share",
            f"{label}解决占比",
            share,
            "%",
            f"计为{label}的件数 ÷ 统计的问题总数 × 100%，保留一位小数。",
        )


# --- /helper:service ---


SECTIONS: list[tuple[str, Callable[[_Collector, OrgUnit, int], None]]] = [
    ("学法、培训与普法", _governance),
    ("行政处罚与复议诉讼", _penalties),
    ("执法人员与证件", _certificates),
    ("执法公示", _disclosure),
    ("权责清单与免罚清单", _law),
    ("数字城管与群众诉求", _citycases),
    ("执法监督", _oversight),
    ("行政检查", _inspections),  # --- helper:inspections2 ---
    ("行政许可", _permits),  # --- helper:permits2 ---
    ("建议提案", _suggestions),  # --- helper:permits2 ---
    ("服务型执法与“721”工作法", _service721),  # --- helper:service ---
]


def compute(bureau: OrgUnit, year: int, progress: Callable[[str], None] | None = None) -> Figures:
    figures = Figures(bureau=bureau, year=year)
    for index, (section, fn) in enumerate(SECTIONS, start=1):
        if progress is not None:
            progress(f"[{index}/{len(SECTIONS)}] 统计：{section}")
        fn(_Collector(figures, section), bureau, year)
    return figures
