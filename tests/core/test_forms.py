"""core.forms.RefusalForm: the one way web and portal forms show an action's refusal."""

from __future__ import annotations

from django import forms

from chengguan.core.errors import Invalid
from chengguan.core.forms import RefusalForm


class _Form(RefusalForm):
    lon = forms.FloatField()
    name = forms.CharField()

    refusal_fields = {"location": "lon"}


class _Renaming(RefusalForm):
    party_name = forms.CharField()

    def refusal_field(self, key: str) -> str:
        return key.replace("party.", "party_")


def _bound(form_class: type[RefusalForm]) -> RefusalForm:
    form = form_class(data={})
    form.is_valid()
    form.errors.clear()
    return form


def test_details_go_to_their_fields_through_the_mapping() -> None:
    form = _bound(_Form)
    form.add_refusal(Invalid("输入有误", details={"location": "不在辖区内", "name": "必填"}))
    assert form.errors == {"lon": ["不在辖区内"], "name": ["必填"]}


def test_a_refusal_naming_no_field_is_the_forms_own_error() -> None:
    form = _bound(_Form)
    form.add_refusal(Invalid("不予受理", details={"elsewhere": "x", "name": {"nested": 1}}))
    assert form.non_field_errors() == ["不予受理"]


def test_a_form_may_compute_the_field_name() -> None:
    form = _bound(_Renaming)
    form.add_refusal(Invalid("输入有误", details={"party.name": "必填"}))
    assert form.errors == {"party_name": ["必填"]}
