"""Form pieces shared by the staff pages (``web``) and the public pages (``portal``), which sit side
by side at the top and may not import each other."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from chengguan.core.errors import ChengguanError


class RefusalForm(forms.Form):
    """A form that shows an action's refusal next to the fields it concerns.

    Validation of substance stays in the actions; when one refuses, each of its ``details`` that
    names a field of this form becomes that field's error, and a refusal naming none becomes the
    form's own error, so no message is lost.
    """

    # An action's detail key -> the form field it belongs to, where their names differ.
    refusal_fields: ClassVar[dict[str, str]] = {}

    def refusal_field(self, key: str) -> str:
        return self.refusal_fields.get(key, key)

    def add_refusal(self, exc: ChengguanError) -> None:
        placed = False
        for key, msg in (exc.details or {}).items():
            name = self.refusal_field(key)
            if name in self.fields and isinstance(msg, str):
                self.add_error(name, msg)
                placed = True
        if not placed:
            self.add_error(None, exc.message)
