"""``chengguan inspections add-item|publish-item`` goes through the actions (role and JC-1)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chengguan.inspections.models import InspectionItem
from tests.inspections.helpers import T0, at


def test_items_are_added_and_published_from_the_shell(demo):
    with at(T0):
        out = io.StringIO()
        args = ["--code", "JC-C1", "--name", "户外广告设施检查", "--power-item", "SR001"]
        args += ["--basis", "《城市市容和环境卫生管理条例》第十一条"]
        call_command("inspections", "add-item", "--actor", "reviewer", *args, stdout=out)
        assert "未公布" in out.getvalue()
        item = InspectionItem.objects.get(code="JC-C1")
        assert item.published is False and item.random is True
        call_command(
            "inspections", "publish-item", "--actor", "reviewer", "--code", "JC-C1", stdout=out
        )
        assert InspectionItem.objects.get(code="JC-C1").published is True
        with pytest.raises(CommandError, match="角色"):
            call_command("inspections", "add-item", "--actor", "officer1", *args, stdout=out)
        with pytest.raises(CommandError, match="未找到检查事项"):
            call_command("inspections", "publish-item", "--actor", "reviewer", "--code", "NOPE")
