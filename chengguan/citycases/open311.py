"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) as plain Django views.

Public: no staff token. Reading needs nothing; POST needs an ``api_key`` (403 otherwise). Public
categories are the services. A request is a city case the public reported (portal or Open311);
staff-entered cases are never listed. Its ``service_request_id`` is the case number. The
requester's name and phone are stored encrypted and never appear in any output here; the
description and address pass ``core.pii.scrub`` (issue #12, item 3).
Errors are the spec's list of ``{"code", "description"}`` with the HTTP status as the code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any
from xml.etree import ElementTree as ET

from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from chengguan.citycases import actions
from chengguan.citycases import queries as city_queries
from chengguan.citycases.models import Category, CityCase, Open311Key
from chengguan.citycases.scope import serving_bureaus
from chengguan.citycases.states import OPEN_STATUSES, Source
from chengguan.core import clock
from chengguan.core.errors import ChengguanError, Throttled
from chengguan.core.pii import scrub
from chengguan.core.security.throttle import public_intake_slot
from chengguan.org.models import OrgUnit

SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2024-06-01T00:00:00+08:00"
MAX_RESULTS = 1000
DEFAULT_DAYS = 90


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# ---------------------------------------------------------------------------------------------
# rendering


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_node(parent: ET.Element, tag: str, value: Any, item_tags: dict[str, str]) -> None:
    node = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for k, v in value.items():
            _xml_node(node, k, v, item_tags)
    elif isinstance(value, list):
        for v in value:
            _xml_node(node, item_tags.get(tag, "item"), v, item_tags)
    elif isinstance(value, bool):
        node.text = "true" if value else "false"
    elif value is not None:
        # XML 1.0 cannot carry C0 control characters: one in a stored text would make the whole
        # answer ill-formed (issue #12 item 8). New input refuses them (core/security/input_guard).
        node.text = _NOT_XML.sub("", str(value))


ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def render(fmt: str, root: str, body: Any, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        element = ET.Element(root)
        if isinstance(body, list):
            for item in body:
                _xml_node(element, ITEM_TAGS.get(root, "item"), item, ITEM_TAGS)
        else:
            for k, v in body.items():
                _xml_node(element, k, v, ITEM_TAGS)
        text = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, "utf-8")
        return HttpResponse(text, status=status, content_type="text/xml; charset=utf-8")
    return JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render(fmt, "errors", [{"code": status, "description": description}], status=status)


def _view(fn: Any) -> Any:
    def wrapped(request: HttpRequest, fmt: str = "json", **kwargs: Any) -> HttpResponse:
        try:
            return fn(request, fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)
        except ChengguanError as exc:
            parts = [exc.message, *(str(v) for v in exc.details.values() if isinstance(v, str))]
            status = 404 if exc.status == 404 else 403 if exc.status == 403 else 400
            return error(fmt, status, "；".join(dict.fromkeys(parts)))

    wrapped.__name__ = fn.__name__
    wrapped.__doc__ = fn.__doc__
    return csrf_exempt(wrapped)


# ---------------------------------------------------------------------------------------------
# jurisdiction, keys, data


def _param(request: HttpRequest, name: str) -> str:
    return (request.POST.get(name) if request.method == "POST" else None) or request.GET.get(
        name, ""
    )


def _bureau(request: HttpRequest, key_bureau: OrgUnit | None = None) -> OrgUnit:
    jurisdiction = _param(request, "jurisdiction_id").strip()
    bureaus = OrgUnit.objects.filter(kind=OrgUnit.Kind.BUREAU)
    if jurisdiction:
        found = (
            bureaus.filter(division_code=jurisdiction).first()
            or bureaus.filter(code=jurisdiction).first()
        )
        if found is None or (key_bureau is not None and found.pk != key_bureau.pk):
            raise Open311Error(404, f"jurisdiction_id {jurisdiction} 不存在")
        return found
    if key_bureau is not None:
        return key_bureau
    serving = serving_bureaus()
    if len(serving) != 1:
        raise Open311Error(400, "请提供 jurisdiction_id（机关的行政区划代码）")
    return serving[0]


def _key_bureau(request: HttpRequest) -> OrgUnit:
    key = _param(request, "api_key")
    row = None
    if key:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        row = Open311Key.objects.select_related("bureau").filter(digest=digest, active=True).first()
    if row is None:
        raise Open311Error(403, "api_key 无效或缺失")
    return row.bureau


def _services(bureau: OrgUnit) -> QuerySet[Category]:
    return Category.objects.filter(bureau=bureau, public=True, active=True).order_by("code")


def service_out(cat: Category) -> dict[str, Any]:
    return {
        "service_code": cat.code,
        "service_name": cat.name,
        "description": f"{cat.filing_condition}（结案标准：{cat.closing_condition}）",
        "metadata": False,
        "type": "realtime",
        "keywords": ",".join([cat.get_kind_display(), cat.major_name, cat.name]),
        "group": f"{cat.get_kind_display()}·{cat.major_name}",
    }


def _iso(value: dt.datetime | None) -> str | None:
    return clock.local(value).isoformat(timespec="seconds") if value is not None else None


def request_out(case: CityCase, updated: dt.datetime | None = None) -> dict[str, Any]:
    status = "open" if case.status in OPEN_STATUSES else "closed"
    return {
        "service_request_id": case.number,
        "status": status,
        "status_notes": case.get_status_display(),
        "service_name": case.category.name,
        "service_code": case.category.code,
        # Issue #12 (3): what a citizen typed may hold phone or ID numbers, or a name.
        "description": scrub(case.description, names=[case.requester_name]),
        "agency_responsible": case.unit.name if case.unit else "数字城管指挥中心",
        "service_notice": "",
        "requested_datetime": _iso(case.reported_at),
        "updated_datetime": _iso(updated or case.reported_at),
        "expected_datetime": _iso(case.close_due or case.current_due),
        "address": scrub(case.address, names=[case.requester_name]),
        "address_id": "",
        "zipcode": "",
        "lat": case.lat,
        "long": case.lon,
        "media_url": case.media_url,
    }


def _with_updates(rows: QuerySet[CityCase]) -> list[dict[str, Any]]:
    rows = rows.select_related("category", "unit").annotate(updated=Max("steps__at"))
    return [request_out(c, getattr(c, "updated", None)) for c in rows]


def _when(raw: str, name: str) -> dt.datetime:
    value = parse_datetime(raw)
    if value is None:
        raise Open311Error(400, f"{name} 应为 W3C 时间格式，例如 2024-01-01T00:00:00Z")
    if value.tzinfo is None:
        value = value.replace(tzinfo=clock.SHANGHAI)
    return value


# ---------------------------------------------------------------------------------------------
# views


@_view
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    body = {
        "changeset": CHANGESET,
        "contact": "数字城管指挥中心（12319）",
        "key_service": "API 密钥由城市管理局数字城管指挥中心发放",
        "endpoints": [
            {
                "specification": SPEC,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, "discovery", body)


@_view
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    bureau = _bureau(request)
    return render(fmt, "services", [service_out(c) for c in _services(bureau)])


@_view
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    bureau = _bureau(request)
    if not _services(bureau).filter(code=code).exists():
        raise Open311Error(404, f"服务 {code} 不存在")
    return render(fmt, "service_definition", {"service_code": code, "attributes": []})


@_view
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post_request(request, fmt)
    if request.method != "GET":
        raise Open311Error(400, "不支持该请求方法")
    bureau = _bureau(request)
    # Only what the public reported itself; staff-entered (12345, 信访, inspection) cases never.
    rows = city_queries.public_reports(bureau)
    ids = [i.strip() for i in _param(request, "service_request_id").split(",") if i.strip()]
    if ids:
        rows = rows.filter(number__in=ids)
    else:
        codes = [c.strip() for c in _param(request, "service_code").split(",") if c.strip()]
        if codes:
            rows = rows.filter(category__code__in=codes)
        start_raw, end_raw = _param(request, "start_date"), _param(request, "end_date")
        end = _when(end_raw, "end_date") if end_raw else clock.now()
        start = (
            _when(start_raw, "start_date") if start_raw else end - dt.timedelta(days=DEFAULT_DAYS)
        )
        if end < start:
            raise Open311Error(400, "end_date 不能早于 start_date")
        if end - start > dt.timedelta(days=DEFAULT_DAYS):
            raise Open311Error(400, f"查询时间范围不能超过 {DEFAULT_DAYS} 天")
        rows = rows.filter(reported_at__gte=start, reported_at__lte=end)
        wanted = {s.strip() for s in _param(request, "status").split(",") if s.strip()}
        if wanted - {"open", "closed"}:
            raise Open311Error(400, "status 只能是 open 或 closed")
        if wanted == {"open"}:
            rows = rows.filter(status__in=OPEN_STATUSES)
        elif wanted == {"closed"}:
            rows = rows.exclude(status__in=OPEN_STATUSES)
    rows = rows.order_by("-reported_at", "-id")[:MAX_RESULTS]
    return render(fmt, "service_requests", _with_updates(rows))


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    bureau = _bureau(request, _key_bureau(request))
    try:
        public_intake_slot(request, channel="open311")
    except Throttled as exc:
        raise Open311Error(429, exc.message) from exc
    code = _param(request, "service_code").strip()
    if not code:
        raise Open311Error(400, "缺少 service_code")
    if not _services(bureau).filter(code=code).exists():
        raise Open311Error(404, f"服务 {code} 不存在")
    lat, lon = _param(request, "lat").strip(), _param(request, "long").strip()
    if not lat or not lon:
        raise Open311Error(
            400, "缺少位置：请提供 lat 和 long（本系统按单元网格定位，地址不能代替坐标）"
        )
    description = _param(request, "description").strip()
    if not description:
        raise Open311Error(400, "缺少 description（问题描述）")
    name = " ".join(p for p in (_param(request, "last_name"), _param(request, "first_name")) if p)
    case = actions.report(
        actor=None,
        bureau=bureau,
        public=True,
        source=Source.PUBLIC,
        category=code,
        description=description[:4000],
        lon=lon,
        lat=lat,
        address=_param(request, "address_string")[:200],
        requester_name=name.strip()[:60],
        requester_phone=_param(request, "phone").strip()[:30],
        media_url=_param(request, "media_url"),
    )
    body = [
        {
            "service_request_id": case.number,
            "token": case.public_token,
            # Shown once: with the number it opens /portal/track/; only its hash is kept.
            "query_code": case.query_code,
            "service_notice": f"已受理，将在 {case.category.file_limit_hours} 个工作小时内审核立案",
            "account_id": "",
        }
    ]
    # 200, not 201: the spec's examples and the clients written against them expect 200.
    return render(fmt, "service_requests", body)


@_view
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    bureau = _bureau(request)
    rows = city_queries.public_reports(bureau).filter(number=request_id)
    found = _with_updates(rows)
    if not found:
        raise Open311Error(404, f"服务请求 {request_id} 不存在")
    return render(fmt, "service_requests", found)


@_view
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    case = (
        CityCase.objects.filter(public_token=token, source=Source.PUBLIC, reported_by__isnull=True)
        .only("number", "public_token")
        .first()
    )
    if case is None or not token:
        raise Open311Error(404, f"令牌 {token} 不存在")
    return render(fmt, "service_requests", [{"service_request_id": case.number, "token": token}])


@_view
def not_found(request: HttpRequest, fmt: str, rest: str = "") -> HttpResponse:
    raise Open311Error(404, "没有这个 Open311 接口")
