"""The REST API at /api/v1: one NinjaAPI, each domain's router mounted here and nowhere else.

This module is the top of the import order (beside ``urls.py``): it imports every domain's router,
and nothing but ``urls.py`` and the tests imports it. The REST kit it uses (``chengguan.api``: auth,
errors, pagination) sits at the bottom, so each router may import the kit without a cycle.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import NinjaAPI, Schema, Status
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic import Field  # --- helper:security ---

from chengguan.api import errors
from chengguan.api.auth import BearerAuth, issue_token, revoke_token, rotate_token
from chengguan.citycases.api import router as citycases_router
from chengguan.disclosure.api import router as disclosure_router
from chengguan.documents.api import router as documents_router
from chengguan.execution.api import router as execution_router  # --- helper:execution ---
from chengguan.governance.api import router as governance_router
from chengguan.guidance.api import router as guidance_router  # --- helper:service ---
from chengguan.inbox.api import router as inbox_router
from chengguan.inspections.api import router as inspections_router  # --- helper:inspections ---
from chengguan.law.api import router as law_router
from chengguan.measures.api import router as measures_router  # --- measures ---

# --- helper:security ---
from chengguan.org import second_factor as org_second_factor
from chengguan.org.api import router as org_router

# --- /helper:security ---
from chengguan.org.audit import router as audit_router
from chengguan.org.models import Staff
from chengguan.oversight.api import router as oversight_router
from chengguan.penalties.api import router as penalties_router
from chengguan.permits.api import router as permits_router  # --- helper:permits ---
from chengguan.province.api import router as province_router  # --- helper:province ---
from chengguan.reports.api import router as reports_router
from chengguan.suggestions.api import router as suggestions_router  # --- helper:permits ---


class _Encoder(NinjaJSONEncoder):
    def default(self, o: object) -> object:
        if isinstance(o, dt.datetime):
            return o.isoformat()
        return super().default(o)


class ChineseJSONRenderer(JSONRenderer):
    encoder_class = _Encoder
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="城管依法行政平台 API",
    version="1",
    description="城市管理局数字城管、12345 工单、行政处罚全过程与执法监督接口。错误统一为 "
    '{"error": {"code", "message", "article", "details"}}；409 的 code 为法律规则编号。',
    urls_namespace="api",
    auth=BearerAuth(),
    renderer=ChineseJSONRenderer(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)


class TokenIn(Schema):
    username: str
    password: str
    # --- helper:security --- the TOTP code (or a recovery code) of an enrolled account
    otp: str = Field("", max_length=40)
    # --- /helper:security ---


class TokenOut(Schema):
    token: str
    expires_at: dt.datetime


@api.post(
    "/auth/token",
    auth=None,
    response={
        200: TokenOut,
        400: errors.ErrorOut,
        401: errors.ErrorOut,
        403: errors.ErrorOut,
        429: errors.ErrorOut,
    },
    tags=["认证"],
    summary="获取令牌",
)
def token(request: HttpRequest, payload: TokenIn) -> dict[str, object]:
    # --- helper:security ---
    def second_step(staff: Staff) -> None:
        org_second_factor.check_for_token(staff, code=payload.otp, request=request)

    value, expires = issue_token(
        request, payload.username, payload.password, second_factor=second_step
    )
    # --- /helper:security ---
    return {"token": value, "expires_at": expires}


@api.post(
    "/auth/token/rotate",
    response={200: TokenOut, 401: errors.ErrorOut},
    tags=["认证"],
    summary="轮换令牌（旧令牌立即失效）",
)
def token_rotate(request: HttpRequest) -> dict[str, object]:
    value, expires = rotate_token(request)
    return {"token": value, "expires_at": expires}


@api.post(
    "/auth/token/revoke",
    response={204: None, 401: errors.ErrorOut},
    tags=["认证"],
    summary="吊销当前令牌（退出）",
)
def token_revoke(request: HttpRequest) -> Status[None]:
    revoke_token(request)
    return Status(204, None)


# Each router is mounted once, here. The prefixes are part of the published paths (docs/api.md).
api.add_router("/org", org_router)
# The audit administrator's exports (decision 073).
api.add_router("", audit_router)
api.add_router("", inbox_router)
api.add_router("/law", law_router)
api.add_router("", citycases_router)
api.add_router("", penalties_router)
api.add_router("", documents_router)
api.add_router("", oversight_router)
api.add_router("", disclosure_router)
api.add_router("", reports_router)
api.add_router("", governance_router)
# --- measures ---
api.add_router("", measures_router)
# --- end measures ---
# --- helper:execution ---
api.add_router("", execution_router)
# --- /helper:execution ---
# --- helper:inspections ---
api.add_router("", inspections_router)
# --- /helper:inspections ---
# --- helper:permits ---
api.add_router("", permits_router)
api.add_router("", suggestions_router)
# --- /helper:permits ---
# --- helper:province ---
api.add_router("", province_router)
# --- /helper:province ---
api.add_router("", guidance_router)  # --- helper:service ---
