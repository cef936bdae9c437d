"""Forms of the staff pages. Validation of substance stays in the actions; these shape the input."""

from __future__ import annotations

from typing import Any

from django import forms

from chengguan.citycases import queries as city_queries
from chengguan.citycases.states import HOTLINE_SOURCES, Source
from chengguan.core import clock
from chengguan.core.forms import RefusalForm
from chengguan.law import queries as law_queries
from chengguan.org import queries as org_queries
from chengguan.org.models import Staff
from chengguan.org.roles import Role

PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/heic"


def sources_for(user: Staff) -> list[tuple[str, str]]:
    if user.has_role(Role.CENTER):
        return list(Source.choices)
    if user.has_role(Role.HOTLINE):
        return [(s, label) for s, label in Source.choices if s in HOTLINE_SOURCES]
    return [(Source.INSPECTION, Source.INSPECTION.label)]


def category_choices(user: Staff) -> list[tuple[str, Any]]:
    """Grouped by 部件/事件 大类, as the standard lists them."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for cat in city_queries.categories(user):
        key = f"{cat.get_kind_display()} · {cat.major_name}"
        groups.setdefault(key, []).append((cat.code, f"{cat.name}（{cat.code}）"))
    return [("", "请选择问题类别"), *groups.items()]


class ReportForm(RefusalForm):
    source = forms.ChoiceField(label="来源")
    category = forms.ChoiceField(label="问题类别")
    description = forms.CharField(
        label="问题描述", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    address = forms.CharField(label="地址或参照物", required=False, max_length=200)
    lon = forms.FloatField(
        label="经度", min_value=-180, max_value=180, widget=forms.NumberInput(attrs={"step": "any"})
    )
    lat = forms.FloatField(
        label="纬度", min_value=-90, max_value=90, widget=forms.NumberInput(attrs={"step": "any"})
    )
    urgent = forms.BooleanField(label="紧急", required=False)
    photo = forms.FileField(
        label="现场照片",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_TYPES, "capture": "environment"}),
    )
    requester_name = forms.CharField(label="诉求人姓名", required=False, max_length=60)
    requester_phone = forms.CharField(label="诉求人电话", required=False, max_length=30)

    refusal_fields = {
        "location": "lon",
        "requester.name": "requester_name",
        "requester.phone": "requester_phone",
        "file": "photo",
    }

    def __init__(self, user: Staff, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.fields["source"]
        category = self.fields["category"]
        assert isinstance(source, forms.ChoiceField) and isinstance(category, forms.ChoiceField)
        source.choices = sources_for(user)
        source.initial = sources_for(user)[0][0]
        category.choices = category_choices(user)


class PenaltyOpenForm(RefusalForm):
    """立案登记 (general) or 当场处罚 (simple): the fields of POST /penalty-cases."""

    procedure = forms.ChoiceField(
        label="程序",
        widget=forms.RadioSelect,
        initial="general",
        choices=[("general", "普通程序（立案调查）"), ("simple", "简易程序（当场处罚）")],
    )
    power_item = forms.ChoiceField(label="权责事项（违法行为）")
    facts = forms.CharField(label="违法事实", widget=forms.Textarea(attrs={"rows": 3}))
    act_date = forms.DateField(
        label="违法行为发生日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    discovered_date = forms.DateField(
        label="发现日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    officers = forms.MultipleChoiceField(
        label="承办执法人员（至少两名持证人员）", widget=forms.CheckboxSelectMultiple
    )
    complex_case = forms.BooleanField(label="案情疑难复杂或涉及多个法律关系", required=False)
    public_interest = forms.BooleanField(label="涉及重大公共利益", required=False)
    party_kind = forms.ChoiceField(
        label="当事人类别", choices=[("person", "公民"), ("organisation", "法人或其他组织")]
    )
    party_name = forms.CharField(label="当事人姓名/名称", max_length=200)
    party_id_number = forms.CharField(label="公民身份号码", required=False, max_length=18)
    party_credit_code = forms.CharField(label="统一社会信用代码", required=False, max_length=18)
    party_address = forms.CharField(label="住址/地址", required=False, max_length=200)
    party_phone = forms.CharField(label="联系电话", required=False, max_length=30)

    def __init__(self, user: Staff, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        power = self.fields["power_item"]
        officers = self.fields["officers"]
        assert isinstance(power, forms.ChoiceField)
        assert isinstance(officers, forms.MultipleChoiceField)
        power.choices = [("", "请选择权责事项")] + [
            (p.code, f"{p.code} {p.name}")
            for p in law_queries.power_items(user).filter(active=True)
        ]
        people = org_queries.staff(user).filter(roles__role=Role.OFFICER, is_active=True).distinct()
        today = clock.today()

        def label(p: Staff) -> str:
            unit = p.unit.name if p.unit else ""
            valid = any(c.is_valid(today) for c in p.certificates.all())
            return f"{p.display_name}（{unit}）" + ("" if valid else " — 无有效执法证")

        officers.choices = [(p.username, label(p)) for p in people]
        officers.initial = [user.username]

    def refusal_field(self, key: str) -> str:
        return key.replace("party.", "party_").replace("decision.", "")
