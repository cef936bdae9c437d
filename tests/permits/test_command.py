"""``chengguan permits add-kind`` keeps XK-1's kinds through the action (role and input checks)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chengguan.permits.models import PermitKind
from tests.permits.helpers import T0, at

ARGS = [
    "--code",
    "XK-ZY",
    "--name",
    "临时占用城市道路",
    "--basis",
    "《城市道路管理条例》第三十一条",
    "--material",
    "申请书",
    "--material",
    "占用道路平面图",
    "--validity-days",
    "90",
    "--unit",
    "legal",
]


def test_a_kind_is_added_from_the_shell_xk1(demo):
    out = io.StringIO()
    with at(T0):
        call_command("permits", "add-kind", "--actor", "reviewer", *ARGS, stdout=out)
    kind = PermitKind.objects.get(bureau=demo.bureau, code="XK-ZY")
    assert kind.materials == ["申请书", "占用道路平面图"] and kind.validity_days == 90
    assert kind.unit is not None and kind.unit.code == "legal"
    assert "材料 2 项" in out.getvalue()
    with pytest.raises(CommandError, match="已存在"):
        call_command("permits", "add-kind", "--actor", "reviewer", *ARGS, stdout=out)
    with pytest.raises(CommandError, match="角色"):
        call_command("permits", "add-kind", "--actor", "officer1", *ARGS, stdout=out)
    with pytest.raises(CommandError, match="materials"):
        call_command(
            "permits",
            "add-kind",
            "--actor",
            "reviewer",
            "--code",
            "XK-X",
            "--name",
            "无材料",
            "--basis",
            "依据",
            stdout=out,
        )
