"""Password rules of GB/T 22239 level 3 (decision 072), as Django password validators.

Length, the common-password and all-digit checks are Django's own (settings); these add the
character classes and the history. Every human path that sets a password (the password page, the
admin, ``create_staff`` with an actor, ``changepassword``) runs ``validate_password``.
"""

from __future__ import annotations

import string
from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

_CLASSES = (
    ("大写字母", set(string.ascii_uppercase)),
    ("小写字母", set(string.ascii_lowercase)),
    ("数字", set(string.digits)),
)


def character_classes(password: str) -> int:
    found = sum(1 for _, chars in _CLASSES if chars & set(password))
    # Anything else (punctuation, a space, a Chinese character) counts as the fourth class.
    others = set(password) - set(string.ascii_letters) - set(string.digits)
    return found + (1 if others else 0)


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、符号中的至少{self.min_classes}类",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、符号中的至少{self.min_classes}类。"


class PasswordHistoryValidator:
    def __init__(self, history: int = 5) -> None:
        self.history = history

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or getattr(user, "pk", None) is None or self.history <= 0:
            return
        earlier = user.password_history.order_by("-at", "-id")[: self.history]
        if any(check_password(password, row.password) for row in earlier):
            raise ValidationError(
                f"新密码不能与最近{self.history}次使用过的密码相同", code="password_reused"
            )

    def get_help_text(self) -> str:
        return f"不能与最近{self.history}次使用过的密码相同。"
