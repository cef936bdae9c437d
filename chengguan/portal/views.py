"""Public pages: no sign-in; they show only what the law says is public, with personal data masked.

Reports go through the same action as Open311 POST (``citycases.actions.report`` with
``public=True``), so the portal accepts exactly what the Open311 intake accepts.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from chengguan.citycases import actions as city_actions
from chengguan.citycases import queries as city_queries
from chengguan.citycases.geo import tile_url
from chengguan.citycases.scope import serving_bureaus
from chengguan.citycases.states import ACTION_LABELS, OPEN_STATUSES, Source, Status
from chengguan.core import clock
from chengguan.core.errors import ChengguanError, Throttled, TooLarge, UnsupportedType
from chengguan.core.pii import scrub
from chengguan.core.security.throttle import public_intake_slot
from chengguan.disclosure import gs1
from chengguan.disclosure.queries import public_penalties
from chengguan.guidance import queries as guidance_queries  # --- helper:service ---
from chengguan.inspections import actions as inspection_actions  # --- helper:insp-web ---
from chengguan.inspections import queries as inspection_queries  # --- helper:inspections ---
from chengguan.inspections.models import InspectionFeedback  # --- helper:insp-web ---
from chengguan.law import queries as law_queries
from chengguan.law.models import PenaltyType
from chengguan.org import queries as org_queries
from chengguan.org.models import OrgUnit, Staff
from chengguan.permits import actions as permit_actions  # --- helper:portal ---
from chengguan.permits import queries as permit_queries  # --- helper:stalls ---
from chengguan.permits.states import Channel  # --- helper:portal ---
from chengguan.portal.forms import PublicReportForm, StallApplicationForm

# Steps a citizen is told about; internal ones (extension requests, suspensions) are left out.
PUBLIC_STEPS = {
    "report",
    "file",
    "reject",
    "merge",
    "dispatch",
    "handle",
    "verify",
    "rework",
    "close",
    "reopen",
    "return",
}
# Session key of the query code a report just produced, popped by the one page that shows it.
NEW_CODE_KEY = "portal_new_query_code"
DECISION_FIELDS = [
    "decision_number",
    "party_name",
    "violation_type",
    "penalty_content",
    "decided_on",
    "authority",
]


def bureau_for(request: HttpRequest) -> OrgUnit:
    """The bureau of ``?b=`` (code or 行政区划代码), or the only one that serves the public."""
    wanted = (request.GET.get("b") or request.POST.get("b") or "").strip()
    bureaus = serving_bureaus()
    if wanted:
        for b in bureaus:
            if wanted in {b.code, b.division_code}:
                return b
        raise Http404("未找到该机关")
    if len(bureaus) == 1:
        return bureaus[0]
    raise Http404("请选择机关")


def _ctx(
    request: HttpRequest, bureau: OrgUnit | None, current: str, **extra: Any
) -> dict[str, Any]:
    multi = len(serving_bureaus()) > 1
    return {
        "bureau": bureau,
        "bureau_name": bureau.name if bureau else "城市管理局",
        "current": current,
        "b": f"?b={bureau.code}" if bureau and multi else "",
        **extra,
    }


def home(request: HttpRequest) -> HttpResponse:
    bureaus = serving_bureaus()
    try:
        bureau = bureau_for(request)
    except Http404:
        return render(request, "portal/choose.html", _ctx(request, None, "home", bureaus=bureaus))
    return render(request, "portal/home.html", _ctx(request, bureau, "home"))


def report(request: HttpRequest) -> HttpResponse:
    bureau = bureau_for(request)
    status = 200
    if request.method == "POST":
        form = PublicReportForm(bureau, request.POST)
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                # helper:portal: 0-3 photos, checked before the intake slot is taken (decision 088)
                photos = request.FILES.getlist("photos")
                city_actions.check_photos(photos)
                public_intake_slot(request, channel="portal")
                case = city_actions.report_with_photos(
                    photos=photos,
                    actor=None,
                    bureau=bureau,
                    public=True,
                    source=Source.PUBLIC,
                    category=d["category"],
                    description=d["description"],
                    lon=d["lon"],
                    lat=d["lat"],
                    address=d["address"],
                    requester_name=d["name"],
                    requester_phone=d["phone"],
                )
            except ChengguanError as exc:
                form.add_refusal(exc)
                limited = isinstance(exc, Throttled | TooLarge | UnsupportedType)
                status = exc.status if limited else status
            else:
                # The query code is shown once, on the page this redirects to; it travels in the
                # session, not the URL, so it is in no log, history or Referer.
                request.session[NEW_CODE_KEY] = {"number": case.number, "code": case.query_code}
                url = reverse("portal:track") + f"?number={case.number}&new=1"
                if len(serving_bureaus()) > 1:
                    url += f"&b={bureau.code}"
                return redirect(url)
    else:
        form = PublicReportForm(bureau)
    return render(
        request,
        "portal/report.html",
        _ctx(
            request,
            bureau,
            "report",
            form=form,
            tile_url=tile_url(),
            max_photos=city_actions.MAX_PUBLIC_PHOTOS,  # --- helper:portal ---
        ),
        status=status,
    )


def track(request: HttpRequest) -> HttpResponse:
    """进度查询 by number and query code (issue #12, item 3).

    Every miss — no such number, a staff-entered case, a wrong or missing code — gets the same
    404 page with the same words, so trying numbers tells nothing about which exist."""
    bureau = bureau_for(request)
    number = request.GET.get("number", "").strip()[:30]
    code = request.GET.get("code", "").strip()[:30]
    shown_code = ""
    pending = request.session.pop(NEW_CODE_KEY, None) if request.GET.get("new") == "1" else None
    if isinstance(pending, dict) and pending.get("number") == number and not code:
        code = shown_code = str(pending.get("code", ""))
    case = None
    facts: dict[str, str] = {}
    steps: list[dict[str, Any]] = []
    if number:
        case = city_queries.public_case(bureau, number, code)
        if case is not None:
            # Texts the public sees pass the scrubber: a citizen may have typed a phone or ID
            # number, staff may have written the requester's name into a result.
            names = [case.requester_name]
            facts = {
                k: scrub(getattr(case, k) or "", names=names)
                for k in ("description", "address", "result", "reject_reason")
            }
            steps = [
                {
                    "at": s.at,
                    "label": ACTION_LABELS.get(s.action, s.action),
                    "status": Status(s.to_status).label if s.to_status in Status.values else "",
                    "unit": s.unit.name if s.unit_id and s.unit else "",
                }
                for s in case.steps.all()
                if s.action in PUBLIC_STEPS
            ]
    return render(
        request,
        "portal/track.html",
        _ctx(
            request,
            bureau,
            "track",
            number=number,
            case=case,
            facts=facts,
            steps=steps,
            open=case is not None and case.status in OPEN_STATUSES,
            new=bool(shown_code) and case is not None,
            shown_code=shown_code if case is not None else "",
        ),
        status=404 if number and case is None else 200,
    )


def disclosure(request: HttpRequest) -> HttpResponse:
    bureau = bureau_for(request)
    today = clock.today()
    certs = org_queries.certificates_in_force(bureau, today)
    officers = [
        {
            "name": c.holder.display_name,
            "unit": c.holder.unit.name if c.holder.unit else "",
            "number": c.number,
            "kind": c.kind,
            "expires_on": c.expires_on,
        }
        for c in certs
        if isinstance(c.holder, Staff) and c.holder.is_active
    ]
    powers = list(law_queries.public_power_items(bureau))
    type_labels = dict(PenaltyType.choices)
    for p in powers:
        p.type_labels = "、".join(type_labels.get(t, t) for t in p.penalty_types)  # type: ignore[attr-defined]
    benchmarks = list(law_queries.published_benchmarks(bureau, today))
    seen: set[int] = set()
    current = []
    for bm in benchmarks:  # the version in force per power item (XF-34)
        if bm.power_item_id not in seen:
            seen.add(bm.power_item_id)
            current.append(bm)
    decisions = Paginator(public_penalties(today, bureau), 20).get_page(request.GET.get("page"))
    labels = dict(gs1.FIELDS)
    return render(
        request,
        "portal/disclosure.html",
        _ctx(
            request,
            bureau,
            "disclosure",
            officers=officers,
            powers=powers,
            benchmarks=current,
            decisions=decisions,
            decision_rows=[
                [(labels[k], row.get(k, "")) for k in DECISION_FIELDS] for row in decisions
            ],
            decision_columns=[labels[k] for k in DECISION_FIELDS],
        ),
    )


def grids(request: HttpRequest) -> JsonResponse:
    """The unit grids of the bureau (public administrative data), to place a report on the map."""
    bureau = bureau_for(request)
    features = [
        {
            "type": "Feature",
            "geometry": g.geometry,
            "properties": {"code": g.code, "street": g.street_name, "community": g.community_name},
        }
        for g in city_queries.public_grids(bureau)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


# --- helper:stalls ---
def _stall_features(bureau: OrgUnit) -> list[dict[str, Any]]:
    today = clock.today()
    return [
        permit_queries.public_point(p, today) for p in permit_queries.public_points(today, bureau)
    ]


def stall_points_json(request: HttpRequest) -> JsonResponse:
    """瓜果季便民临时摊点 open today or later in their season, with free places: the public map.
    Nothing about the keepers (the applications are not read here at all, only counted)."""
    bureau = bureau_for(request)
    return JsonResponse(
        {"type": "FeatureCollection", "features": _stall_features(bureau)},
        json_dumps_params={"ensure_ascii": False},
    )


def stall_points(request: HttpRequest) -> HttpResponse:
    bureau = bureau_for(request)
    points = [f["properties"] for f in _stall_features(bureau)]
    return render(
        request,
        "portal/stall_points.html",
        _ctx(
            request,
            bureau,
            "stalls",
            points=points,
            taking=permit_queries.stall_kind_code(bureau.pk) is not None,  # helper:portal
        ),
    )


# --- /helper:stalls ---


# --- helper:portal --- a stall keeper applies for a place and follows it (decision 088)
NEW_STALL_CODE_KEY = "portal_new_stall_code"


def stall_apply(request: HttpRequest, point_id: int) -> HttpResponse:
    """The application for a place at a point of the public map: the same action as at the
    counter (``permits.actions.apply``, channel portal), throttled as every public intake."""
    bureau = bureau_for(request)
    point = permit_queries.public_stall_point(bureau, point_id, clock.today())
    kind = permit_queries.stall_kind_code(bureau.pk)
    if point is None or kind is None:
        raise Http404("该点位不在开放季节或暂不受理申请")
    status = 200
    if request.method == "POST":
        form = StallApplicationForm(request.POST)
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                public_intake_slot(request, channel="portal")
                app, _ = permit_actions.apply(
                    actor=None,
                    bureau=bureau,
                    channel=Channel.PORTAL,
                    kind=kind,
                    applicant={
                        "kind": "person",
                        "name": d["name"],
                        "id_number": d["id_number"],
                        "phone": d["phone"],
                    },
                    # The form is the 申请书 and the tick the 承诺书; identity is shown at the
                    # window if the unit asks for it (一次性告知).
                    materials=["申请书", "承诺书"],
                    location=point.name,
                    period=f"{point.season_from} 至 {point.season_to}",
                    stall_point=point.pk,
                    pledge_signed=bool(d["pledge"]),
                    goods=d["goods"],
                )
            except ChengguanError as exc:
                form.add_refusal(exc)
                status = exc.status if isinstance(exc, Throttled) else status
            else:
                request.session[NEW_STALL_CODE_KEY] = {"number": app.number, "code": app.query_code}
                url = reverse("portal:stall-status") + f"?number={app.number}&new=1"
                if len(serving_bureaus()) > 1:
                    url += f"&b={bureau.code}"
                return redirect(url)
    else:
        form = StallApplicationForm()
    return render(
        request,
        "portal/stall_apply.html",
        _ctx(
            request,
            bureau,
            "stalls",
            form=form,
            point=permit_queries.public_point(point, clock.today())["properties"],
        ),
        status=status,
    )


def stall_status(request: HttpRequest) -> HttpResponse:
    """申请进度 by number and query code; every miss is the same 404 with the same words."""
    bureau = bureau_for(request)
    number = request.GET.get("number", "").strip()[:30]
    code = request.GET.get("code", "").strip()[:30]
    shown_code = ""
    pending = (
        request.session.pop(NEW_STALL_CODE_KEY, None) if request.GET.get("new") == "1" else None
    )
    if isinstance(pending, dict) and pending.get("number") == number and not code:
        code = shown_code = str(pending.get("code", ""))
    found = permit_queries.public_application(bureau, number, code) if number else None
    return render(
        request,
        "portal/stall_status.html",
        _ctx(
            request,
            bureau,
            "stalls",
            number=number,
            app=permit_queries.public_stall_status(found) if found is not None else None,
            new=bool(shown_code) and found is not None,
            shown_code=shown_code if found is not None else "",
        ),
        status=404 if number and found is None else 200,
    )


# --- /helper:portal ---


# --- helper:service ---
def legal_risks(request: HttpRequest) -> HttpResponse:
    """The published 行政相对人法律风险防控清单, by power item (decision 083)."""
    bureau = bureau_for(request)
    groups = guidance_queries.grouped(guidance_queries.published_risks(bureau))
    return render(request, "portal/legal_risks.html", _ctx(request, bureau, "risks", groups=groups))


# --- /helper:service ---


# --- helper:inspections ---
def inspection_code(request: HttpRequest, code: str) -> JsonResponse:
    """扫码入企 (JC-5): anyone holding the code sees who inspects, for which listed item, under
    which approval — officers' names and certificate numbers only, no other personal data, and not
    the inspected object (it may be a natural person). An unknown code is a plain 404."""
    found = inspection_queries.by_code(code)
    if found is None:
        return JsonResponse(
            {"error": {"code": "not_found", "message": "检查码无效，请核对后重新输入"}},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    on = found.planned_on
    officers = []
    for person in sorted(found.officers.all(), key=lambda p: p.pk):
        cert = next((c for c in person.certificates.all() if c.is_valid(on)), None)
        officers.append({"name": person.display_name, "certificate": cert.number if cert else None})
    return JsonResponse(
        {
            "code": found.code,
            "bureau": found.bureau.name,
            "unit": found.unit.name,
            "item": {"code": found.item.code, "name": found.item.name, "basis": found.item.basis},
            "reason": found.get_reason_display(),
            "planned_on": on.isoformat(),
            "approved": found.approved_on is not None,
            "approved_on": found.approved_on.isoformat() if found.approved_on else None,
            "officers": officers,
            "status": found.get_status_display(),
        },
        json_dumps_params={"ensure_ascii": False},
    )


# --- /helper:inspections ---


# --- helper:inspections2 ---
def inspection_plan(request: HttpRequest, plan_id: int, fmt: str = "") -> HttpResponse:
    """SJ-2: a published draw and the outcomes of its inspections — JSON (``.json``) or a page.
    Traders' names masked; an unpublished or unknown plan is a plain 404."""
    data = inspection_queries.public_plan(plan_id)
    if fmt == "json":
        if data is None:
            return JsonResponse(
                {"error": {"code": "not_found", "message": "未找到已公示的抽查结果"}},
                status=404,
                json_dumps_params={"ensure_ascii": False},
            )
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    if data is None:
        raise Http404("未找到已公示的抽查结果")
    return render(request, "portal/inspection_plan.html", {"plan": data})


# --- /helper:inspections2 ---


# --- helper:insp-web ---
def _code_facts(code: str) -> dict[str, Any] | None:
    """The page form of the JC-5 check: the same facts as the JSON answer, never the object."""
    found = inspection_queries.by_code(code)
    if found is None:
        return None
    on = found.planned_on
    officers = []
    for person in sorted(found.officers.all(), key=lambda p: p.pk):
        cert = next((c for c in person.certificates.all() if c.is_valid(on)), None)
        officers.append({"name": person.display_name, "certificate": cert.number if cert else ""})
    return {
        "code": found.code,
        "bureau": found.bureau.name,
        "unit": found.unit.name,
        "items": [f"{i.code} {i.name}" for i in found.items.all()]
        or [f"{found.item.code} {found.item.name}"],
        "basis": found.item.basis,
        "reason": found.get_reason_display(),
        "planned_on": on,
        "approved_on": found.approved_on,
        "officers": officers,
        "status": found.get_status_display(),
    }


def inspections_page(request: HttpRequest) -> HttpResponse:
    """The enterprise's page (issue #13): check an inspection code (genuine? who, which items,
    when); see its own inspection's result by the code and its 统一社会信用代码, and comment on it
    or complain (rate-limited like every public intake); the published 检查事项清单 (JC-1) and the
    published draws (SJ-2). The credit code travels by POST only, never in a URL."""
    bureau = bureau_for(request)
    status = 200
    check_code = request.GET.get("code", "").strip()[:20]
    checked = _code_facts(check_code) if check_code else None
    if check_code and checked is None:
        status = 404
    mine: dict[str, Any] | None = None
    own = {"code": "", "credit_code": "", "kind": "", "text": ""}
    error = ""
    sent = False
    if request.method == "POST":
        own = {k: request.POST.get(k, "").strip()[:1000] for k in own}
        found = inspection_queries.own_inspection(own["code"], own["credit_code"])
        if found is None:
            error, status = "检查码或统一社会信用代码不正确，请核对后重新输入。", 404
        elif request.POST.get("send") == "1":
            try:
                public_intake_slot(request, channel="portal")
                inspection_actions.public_feedback(
                    code=own["code"],
                    credit_code=own["credit_code"],
                    kind=own["kind"],
                    text=own["text"],
                )
            except ChengguanError as exc:
                error, status = exc.message, exc.status
            else:
                sent = True
                own["text"] = ""
        if found is not None:
            mine = inspection_queries.public_result(found)
    return render(
        request,
        "portal/inspections.html",
        _ctx(
            request,
            bureau,
            "inspections",
            check_code=check_code,
            checked=checked,
            mine=mine,
            own=own,
            error=error,
            sent=sent,
            kinds=InspectionFeedback.Kind.choices,
            items=list(inspection_queries.published_items(bureau.pk)),
            plans=list(inspection_queries.published_plans(bureau.pk)[:50]),
        ),
        status=status,
    )


# --- /helper:insp-web ---
