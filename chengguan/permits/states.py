"""The states of a permit application and which action may leave which state (data only)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    RECEIVED = "received", "已收到申请"
    MATERIALS_REQUESTED = "materials_requested", "已一次性告知补正"
    ACCEPTED = "accepted", "已受理"
    GRANTED = "granted", "准予行政许可"
    REFUSED = "refused", "不予行政许可"


# XK-32: what the API shows for an application neither accepted nor told within 5 working days.
DEEMED_ACCEPTED = "deemed_accepted"
DEEMED_LABEL = "视为受理（逾期未告知）"


class Channel(models.TextChoices):
    COUNTER = "counter", "窗口受理"
    YWTB = "ywtb", "一网通办"
    PORTAL = "portal", "公众服务门户"  # --- helper:portal --- (decision 088)


class ApplicantKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


S = Status
# action → the statuses it may start from; anything else is 409 "state". ``grant``/``refuse``
# from RECEIVED only when the application counts as accepted (XK-32), which the action checks.
ALLOWED: dict[str, frozenset[str]] = {
    "accept": frozenset({S.RECEIVED}),
    "request_materials": frozenset({S.RECEIVED}),
    "supplement": frozenset({S.MATERIALS_REQUESTED}),
    "extend_time": frozenset({S.RECEIVED, S.ACCEPTED}),
    "pause": frozenset({S.RECEIVED, S.ACCEPTED}),
    "resume": frozenset({S.RECEIVED, S.ACCEPTED}),
    "grant": frozenset({S.RECEIVED, S.ACCEPTED}),
    "refuse": frozenset({S.RECEIVED, S.ACCEPTED}),
    # --- helper:stalls --- the keeper's pledge, before the decision; status unchanged
    "sign_pledge": frozenset({S.RECEIVED, S.MATERIALS_REQUESTED, S.ACCEPTED}),
    # --- /helper:stalls ---
}

LEADS_TO: dict[str, frozenset[str]] = {
    "create": frozenset({S.RECEIVED}),
    "accept": frozenset({S.ACCEPTED}),
    "request_materials": frozenset({S.MATERIALS_REQUESTED}),
    "supplement": frozenset({S.RECEIVED}),
    "extend_time": frozenset({S.RECEIVED, S.ACCEPTED}),
    "pause": frozenset({S.RECEIVED, S.ACCEPTED}),
    "resume": frozenset({S.RECEIVED, S.ACCEPTED}),
    "grant": frozenset({S.GRANTED}),
    "refuse": frozenset({S.REFUSED}),
    # --- helper:stalls ---
    "sign_pledge": frozenset({S.RECEIVED, S.MATERIALS_REQUESTED, S.ACCEPTED}),
    # --- /helper:stalls ---
}
