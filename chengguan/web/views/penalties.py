"""Penalty cases: open, list, the case page (stepper, compliance, records, documents), actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone  # helper:daily

from chengguan.citycases import queries as citycase_queries  # helper:daily
from chengguan.citycases.models import CityCase  # helper:daily
from chengguan.core.errors import ChengguanError, NotFound
from chengguan.core.http import content_disposition
from chengguan.core.pii import mask_id_number, mask_phone
from chengguan.core.spreadsheets import export_format
from chengguan.documents import actions as documents
from chengguan.documents import queries as document_queries
from chengguan.documents.availability import unavailable_reason
from chengguan.documents.kinds import CONTENT_TYPES, Format, Kind
from chengguan.law.models import Domain, Level, PenaltyType  # Domain: helper:forms
from chengguan.ledger.actions import store_blob
from chengguan.ledger.queries import timeline
from chengguan.org.models import Staff
from chengguan.org.permissions import can, require
from chengguan.penalties import actions, queries, steps
from chengguan.penalties.models import PenaltyCase
from chengguan.penalties.states import Status
from chengguan.penalties.steps import LABELS
from chengguan.web import penalty_actions
from chengguan.web.context import page
from chengguan.web.errors import refusal, staff_page
from chengguan.web.exports import export_rows
from chengguan.web.forms import PenaltyOpenForm
from chengguan.web.formspec import refill
from chengguan.web.penalty_actions import decision_from
from chengguan.web.views.shell import filter_dates, is_htmx, page_number
from chengguan.web.worklist import WorkPage


def _me(request: HttpRequest) -> Staff:
    assert isinstance(request.user, Staff)
    return request.user


@staff_page
def case_list(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    rows = queries.cases(me).order_by("-id")
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()[:100]
    procedure = request.GET.get("procedure", "")
    procedure = procedure if procedure in PenaltyCase.Procedure.values else ""
    units = list(queries.case_units(me))
    unit = request.GET.get("unit", "")
    unit = unit if unit in {u.code for u in units} else ""
    date_from, date_to = filter_dates(request)
    if status in Status.values:
        rows = rows.filter(status=status)
    if procedure:
        rows = rows.filter(procedure=procedure)
    if unit:
        rows = rows.filter(unit__code=unit)
    # --- helper:forms --- issue #15 item 8: the case's source and the power item's domain (类别)
    source = request.GET.get("source", "")
    source = source if source in PenaltyCase.Source.values else ""
    domain = request.GET.get("domain", "")
    domain = domain if domain in Domain.values else ""
    if source:
        rows = rows.filter(source=source)
    if domain:
        rows = rows.filter(power_item__domain=domain)
    # --- /helper:forms ---
    # The case's date: 立案 for the general procedure, the decision for the simple one.
    if date_from:
        rows = rows.filter(
            Q(registered_on__gte=date_from)
            | Q(registered_on__isnull=True, decided_on__gte=date_from)
        )
    if date_to:
        rows = rows.filter(
            Q(registered_on__lte=date_to) | Q(registered_on__isnull=True, decided_on__lte=date_to)
        )
    if q:
        rows = rows.filter(
            Q(number__icontains=q)
            | Q(party__name__icontains=q)
            | Q(facts__icontains=q)
            | Q(decision_number__icontains=q)
        )
    fmt = export_format(request)
    if fmt is not None:
        return export_rows(
            request,
            fmt,
            name="处罚案件列表",
            header=[
                "案号",
                "权责事项",
                "当事人",
                "程序",
                "状态",
                "案件来源",  # helper:forms
                "立案日期",
                "决定日期",
                "决定书文号",
                "罚款金额",
            ],
            rows=rows.select_related("power_item", "party"),
            row=lambda c: [
                c.number,
                c.power_item.name,
                c.party.name if c.party else "",
                c.get_procedure_display(),
                c.get_status_display(),
                c.get_source_display(),  # helper:forms
                c.registered_on,
                c.decided_on,
                c.decision_number,
                float(c.fine_amount) if c.fine_amount is not None else None,
            ],
        )
    size = 20
    pager = WorkPage(items=[], count=rows.count(), page=1, size=size)
    pager.page = min(page_number(request), pager.pages)
    items = list(rows[(pager.page - 1) * size : pager.page * size])
    query = request.GET.copy()
    query.pop("page", None)
    ctx = page(
        request,
        "penalties",
        cases=items,
        pager=pager,
        query=query.urlencode(),
        statuses=Status.choices,
        procedures=PenaltyCase.Procedure.choices,
        units=units,
        f={
            "status": status,
            "q": q,
            "procedure": procedure,
            "unit": unit,
            "from": date_from.isoformat() if date_from else "",
            "to": date_to.isoformat() if date_to else "",
            "source": source,  # helper:forms
            "domain": domain,  # helper:forms
        },
        sources=PenaltyCase.Source.choices,  # helper:forms
        domains=Domain.choices,  # helper:forms
    )
    if is_htmx(request):
        return render(request, "web/_penalty_results.html", ctx)
    return render(request, "web/penalty_list.html", ctx)


def _decision_values(data: QueryDict | None) -> dict[str, Any]:
    """What the on-the-spot decision fields show: the user's own input after a refusal, so a
    correction is one change and not a retyped form (they are not Django form fields)."""
    if data is None:
        return {"penalty_types": [], "fine_amount": "", "level": "general", "correction": ""}
    return {
        "penalty_types": data.getlist("penalty_types"),
        "fine_amount": data.get("fine_amount", "").strip(),
        "level": data.get("level", "general"),
        "correction": data.get("correction", ""),
    }


# --- helper:daily --- issue #15 item 4: a penalty case opened from a city case, linked both ways
def _source_city_case(request: HttpRequest) -> CityCase | None:
    """The city case this penalty case is opened from (``?city_case=``), if the user may read it;
    an id the user may not read is refused as not found (no hint that it exists)."""
    raw = (request.POST if request.method == "POST" else request.GET).get("city_case", "")
    if not raw.strip():
        return None
    if not raw.strip().isdigit():
        raise NotFound("未找到该城管案件，或您无权查看")
    return citycase_queries.case(_me(request), int(raw))


def _from_city_case(case: CityCase) -> dict[str, Any]:
    """What the new case form starts with: the problem as reported, found on the report day."""
    reported = timezone.localdate(case.reported_at) if case.reported_at else None
    return {
        "facts": f"{case.address}{case.description}" if case.address else case.description,
        "act_date": reported,
        "discovered_date": reported,
    }


# --- /helper:daily ---


def _new_page(
    request: HttpRequest,
    form: PenaltyOpenForm,
    status: int,
    error: dict[str, Any] | None = None,
    city_case: CityCase | None = None,  # helper:daily
) -> HttpResponse:
    ctx = page(
        request,
        "penalty_new",
        form=form,
        city_case=city_case,  # helper:daily
        error=error,
        types=PenaltyType.choices,
        levels=Level.choices,
        decision=_decision_values(request.POST if request.method == "POST" else None),
    )
    return render(request, "web/penalty_new.html", ctx, status=status)


@staff_page
def new(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    require(me, "penalties.open")
    source = _source_city_case(request)  # helper:daily
    if request.method != "POST":
        initial = _from_city_case(source) if source else None  # helper:daily
        return _new_page(request, PenaltyOpenForm(me, initial=initial), 200, city_case=source)
    form = PenaltyOpenForm(me, request.POST)
    if not form.is_valid():
        return _new_page(request, form, 400, city_case=source)
    d = form.cleaned_data
    party = {
        "kind": d["party_kind"],
        "name": d["party_name"],
        "id_number": d["party_id_number"],
        "credit_code": d["party_credit_code"],
        "address": d["party_address"],
        "phone": d["party_phone"],
    }
    try:
        case = actions.open_case(
            actor=me,
            procedure=d["procedure"],
            power_item=d["power_item"],
            party=party,
            facts=d["facts"],
            act_date=d["act_date"],
            discovered_date=d["discovered_date"],
            officers=d["officers"],
            complex_case=d["complex_case"],
            public_interest=d["public_interest"],
            decision=decision_from(request.POST) if d["procedure"] == "simple" else None,
            city_case=source.pk if source else None,  # helper:daily
        )
    except ChengguanError as exc:
        form.add_refusal(exc)
        return _new_page(request, form, exc.status, refusal(exc), city_case=source)
    messages.success(request, f"已登记，案件编号 {case.number}")
    return redirect("web:penalty", pk=case.pk)


NEXT_LABELS = {**LABELS, "file": "当场处罚备案"}
ENTRY_LABELS = {
    **LABELS,
    "open": "登记案件",
    "file": "当场处罚备案",
    "recuse": "回避决定",
    "remedy": "复议/诉讼登记",
    "remedy_concluded": "复议/诉讼结果",
    # ledger actions named with a sub-verb (penalty.remedy.record)
    "remedy.record": "复议/诉讼登记",
    "remedy.conclude": "复议/诉讼结果",
}


DISCLOSURE_LABELS = {"publish": "公示", "withdraw": "撤下公示"}


def entry_label(action: str) -> str:
    domain, _, verb = action.partition(".")
    if domain == "document":
        if verb == "case_file":  # --- helper:casefile ---
            return "下载完整案卷"
        return "下载文书" if verb == "download" else "制作文书"
    if domain == "disclosure":
        return DISCLOSURE_LABELS.get(verb, action)
    return ENTRY_LABELS.get(verb, action)


def _case_context(
    request: HttpRequest, case: PenaltyCase, error: Any = None, failed: str = ""
) -> dict[str, Any]:
    me = _me(request)
    check = queries.compliance(case)
    nxt = [{"label": NEXT_LABELS.get(n["action"], n["action"]), **n} for n in check["next"]]
    docs = []
    # The oversight and administration roles read kept 文书 but do not print new ones.
    may_print = can(me, "documents.generate", case)
    for kind in Kind:
        reason = (
            unavailable_reason(case, kind.value) if may_print else "您的角色只能查阅已生成的文书"
        )
        docs.append({"kind": kind.value, "label": kind.label, "reason": reason})
    party = case.party
    history = list(timeline(case, *case.publications.all()))
    forms = penalty_actions.forms_for(me, case)
    if failed and request.method == "POST":
        refill(forms, failed, request.POST)
    return page(
        request,
        "penalties",
        case=case,
        forms=forms,
        stepper=steps.stepper(case),
        violations=check["violations"],
        next=nxt,
        deadlines=queries.deadlines(case),
        docs=docs,
        kept_documents=list(document_queries.generated(case)),
        # --- helper:execdocs --- the execution section (decision 090), for its readers only
        executions=list(case.executions.order_by("id"))
        if can(me, "execution.view", case)
        else None,
        # --- /helper:execdocs ---
        # Issue #15 item 3: the steps (with the case's 公示) first; making and downloading 文书
        # apart, so eleven downloads do not bury them.
        entries=[
            {"e": e, "label": entry_label(e.action)}
            for e in history
            if not e.action.startswith("document.")
        ],
        document_entries=[
            {"e": e, "label": entry_label(e.action)}
            for e in history
            if e.action.startswith("document.")
        ],
        error=error,
        failed=failed,
        party={
            "name": party.name,
            "kind": party.get_kind_display(),
            "id": mask_id_number(party.id_number) if party.id_number else party.credit_code,
            "phone": mask_phone(party.phone) if party.phone else "",
        },
        officers=list(case.officers.select_related("unit").prefetch_related("certificates")),
        # helper:daily — issue #15 item 4: the city case it came from, if the reader may see it
        source_city_case=_visible_city_case(me, case.city_case_id),
        penalty_labels=[PenaltyType(t).label for t in case.penalty_types],
        proposal_labels=[
            PenaltyType(t).label for t in (case.proposal or {}).get("penalty_types", [])
        ],
        # helper:daily — issue #15 item 5: "警告、罚款 800.00 元", not "罚款，罚款 800.00 元"
        penalty_summary=penalty_summary(list(case.penalty_types), case.fine_amount),
        proposal_summary=penalty_summary(
            list((case.proposal or {}).get("penalty_types", [])),
            (case.proposal or {}).get("fine_amount"),
        ),
    )


# --- helper:daily ---
def penalty_summary(types: list[str], fine: object) -> str:
    """The penalties in one phrase, the fine named once with its amount."""
    named = [
        f"罚款 {fine} 元"
        if t == PenaltyType.FINE and fine not in (None, "")
        else PenaltyType(t).label
        for t in types
        if t in PenaltyType.values
    ]
    if fine not in (None, "") and PenaltyType.FINE not in types:
        named.append(f"罚款 {fine} 元")
    return "、".join(named)


def _visible_city_case(me: Staff, pk: int | None) -> CityCase | None:
    if pk is None or not can(me, "citycases.view"):
        return None
    return citycase_queries.cases(me).filter(pk=pk).first()


# --- /helper:daily ---


@staff_page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    return render(request, "web/penalty_detail.html", _case_context(request, queries.case(me, pk)))


@staff_page
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if request.method != "POST":  # e.g. a reload of a refused form: back to the case page
        return redirect("web:penalty", pk=pk)
    me = _me(request)
    case = queries.case(me, pk)
    call = penalty_actions.CALLS.get(action)
    if call is None:
        raise NotFound("没有这项操作")
    try:
        with transaction.atomic():
            upload = request.FILES.get("file")
            blob = ""
            if upload is not None and action == "evidence":
                blob = store_blob(
                    upload, actor=me, name=upload.name or "", content_type=upload.content_type or ""
                ).sha256
            call(me, case.pk, request.POST, blob)
    except ChengguanError as exc:
        return render(
            request,
            "web/penalty_detail.html",
            _case_context(request, queries.case(me, pk), error=refusal(exc), failed=action),
            status=exc.status,
        )
    messages.success(request, f"{LABELS.get(action, action)}：已完成")
    return redirect("web:penalty", pk=pk)


@staff_page
def document(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    me = _me(request)
    case = queries.case(me, pk)
    if fmt not in Format.values:
        raise NotFound("未找到该文书")
    content, name = documents.generate(actor=me, case_id=case.pk, kind=kind, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[Format(fmt)])
    response["Content-Disposition"] = content_disposition(name)
    response["Cache-Control"] = "no-store"
    return response


@staff_page
def kept_document(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    """A generated 文书 exactly as it was printed (hash checked); refusals become the error page."""
    copy = documents.download_kept(actor=_me(request), case_id=pk, document_id=doc)
    response = HttpResponse(copy.content, content_type=copy.content_type)
    response["Content-Disposition"] = content_disposition(copy.name)
    response["Cache-Control"] = "no-store"
    return response
