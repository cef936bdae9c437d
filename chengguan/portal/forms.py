"""The public report form: the fields an Open311 POST carries, validated by the same action."""

from __future__ import annotations

from typing import Any

from django import forms

from chengguan.citycases import queries as city_queries
from chengguan.core.forms import RefusalForm
from chengguan.org.models import OrgUnit


def public_categories(bureau: OrgUnit) -> list[tuple[str, Any]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for cat in city_queries.public_categories(bureau):
        groups.setdefault(f"{cat.get_kind_display()} · {cat.major_name}", []).append(
            (cat.code, cat.name)
        )
    return [("", "请选择问题类别"), *groups.items()]


# --- helper:portal ---
class PhotosInput(forms.ClearableFileInput):
    """One file input taking several photos; the view reads them with ``FILES.getlist``."""

    allow_multiple_selected = True


# --- /helper:portal ---


class PublicReportForm(RefusalForm):
    category = forms.ChoiceField(label="问题类别")
    description = forms.CharField(
        label="问题描述", max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    lon = forms.FloatField(label="经度", widget=forms.NumberInput(attrs={"step": "any"}))
    lat = forms.FloatField(label="纬度", widget=forms.NumberInput(attrs={"step": "any"}))
    address = forms.CharField(label="地址或参照物", required=False, max_length=200)
    name = forms.CharField(label="您的称呼（可不填）", required=False, max_length=60)
    phone = forms.CharField(
        label="联系电话（可不填，仅用于回访，加密保存）", required=False, max_length=30
    )

    # --- helper:portal --- read by the view (FILES.getlist), checked by the action; here for
    # its label and the refusal shown next to it
    photos = forms.FileField(
        label="现场照片（可不传，最多 3 张，JPEG/PNG/WebP/HEIC）",
        required=False,
        widget=PhotosInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/heic"}),
    )
    # --- /helper:portal ---

    refusal_fields = {"location": "lon", "requester.name": "name", "requester.phone": "phone"}

    def __init__(self, bureau: OrgUnit, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = public_categories(bureau)


# --- helper:portal --- a stall keeper's application for a place (decision 088)
class StallApplicationForm(RefusalForm):
    name = forms.CharField(label="申请人姓名", max_length=60)
    id_number = forms.CharField(label="公民身份号码（加密保存，不公开）", max_length=30)
    phone = forms.CharField(label="联系电话（加密保存，用于通知分配结果）", max_length=20)
    goods = forms.CharField(label="经营品种（如西瓜、甜瓜、桃）", max_length=200)
    pledge = forms.BooleanField(
        label="本人已阅读并遵守点位管理规定，承诺按时段、在划定范围内经营，收摊后清扫场地"
        "（经营承诺书）",
        error_messages={"required": "请阅读并勾选经营承诺"},
    )
    consent = forms.BooleanField(
        label="本人同意城市管理局为办理摊位申请收集、使用以上个人信息",
        error_messages={"required": "请勾选同意后提交"},
    )

    refusal_fields = {
        "applicant.name": "name",
        "applicant.id_number": "id_number",
        "applicant.phone": "phone",
        "pledge_signed": "pledge",
    }


# --- /helper:portal ---
