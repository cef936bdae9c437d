"""The map of grids and open cases, and its two JSON feeds (session-authenticated)."""

from __future__ import annotations

import hashlib

from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.gzip import gzip_page

from chengguan.citycases import queries
from chengguan.citycases.states import OPEN_STATUSES
from chengguan.core import clock
from chengguan.org.models import Staff
from chengguan.org.permissions import require
from chengguan.web.context import page
from chengguan.web.errors import staff_page

MAX_MARKERS = 2000


@staff_page
def overview(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, Staff)
    require(request.user, "citycases.view")
    return render(request, "web/map.html", page(request, "map"))


@staff_page
@gzip_page
def grids(request: HttpRequest) -> HttpResponse:
    """The grid layer (≈115 KB for a county) is sent once: an ETag from the grids' last change
    answers 304 to every later case page, and the body travels gzipped (issue #15 item 11)."""
    assert isinstance(request.user, Staff)
    require(request.user, "citycases.view")
    rows = queries.grids(request.user)
    state = rows.aggregate(changed=Max("updated_at"), count=Count("id"), units=Max("unit__id"))
    tag = hashlib.sha256(
        f"{request.user.bureau_id}|{state['changed']}|{state['count']}|{state['units']}".encode()
    ).hexdigest()[:32]
    etag = f'"{tag}"'
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    features = [
        {
            "type": "Feature",
            "id": g.code,
            "geometry": g.geometry,
            "properties": {
                "code": g.code,
                "street": g.street_name,
                "community": g.community_name,
                "unit": g.unit.name if g.unit else "",
            },
        }
        for g in rows.select_related("unit")
    ]
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["ETag"] = etag
    # private: the layer depends on who asks (their bureau); revalidated after five minutes.
    response["Cache-Control"] = "private, max-age=300"
    return response


@staff_page
def open_cases(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, Staff)
    require(request.user, "citycases.view")
    now = clock.now()
    rows = (
        queries.cases(request.user)
        .filter(status__in=OPEN_STATUSES)
        .order_by("current_due", "id")[:MAX_MARKERS]
    )
    items = [
        {
            "number": c.number,
            "lon": c.lon,
            "lat": c.lat,
            "status": c.status,
            "status_label": c.get_status_display(),
            "category": c.category.name,
            "overdue": c.current_due is not None and c.current_due < now,
            "url": reverse("web:citycase", args=[c.pk]),
        }
        for c in rows
    ]
    return JsonResponse({"items": items})
