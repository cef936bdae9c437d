"""名录库 import (CSV): all or nothing, every bad row listed with its line and Chinese reason, one
ledger entry; the command and the endpoint share the action; wrong role and other bureau refused."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from chengguan.inspections import actions
from chengguan.inspections.models import SupervisedEntity
from chengguan.ledger.models import Entry
from chengguan.org.actions import create_staff
from tests.inspections.helpers import T0, at, credit_code, entity, snapshot

GRID = "41132300100101"  # 白羽街道, answered by street1 (demo grids)
C1, C2, C3 = (credit_code(f"91411323MA47Q{n:04d}") for n in (1, 2, 3))
BAD = C1[:17] + ("0" if C1[17] != "0" else "1")


def _csv(*rows: str, header: str = "kind,name,credit_code,address,grid,town") -> str:
    return "\n".join([header, *rows]) + "\n"


GOOD = _csv(
    f"enterprise,示范县甲餐饮有限公司,{C1},示范县人民路1号,{GRID},白羽街道",
    f"企业,示范县乙建筑有限公司,{C2},示范县人民路2号,,",
    "site,人民路户外广告牌,,示范县人民路3号,,西坪镇",
    "个体工商户,王记烧烤,,示范县人民路4号,,",
)


def _post(api: Any, who: str, body: bytes | str, dry: bool = False, **kw: Any) -> Any:
    client = api(who)
    url = "/api/v1/inspections/entities/import" + ("?dry_run=1" if dry else "")
    data = body.encode("utf-8") if isinstance(body, str) else body
    return client.client.post(url, data=data, content_type="text/csv", headers=client.headers, **kw)


def test_a_good_file_imports_every_row_with_one_ledger_entry(api, demo):
    with at(T0):
        before = Entry.objects.count()
        # A BOM (Excel's "CSV UTF-8") is accepted.
        r = _post(api, "reviewer", "\ufeff" + GOOD)
        assert r.status_code == 201, r.content
        assert r.json()["created"] == 4 and r.json()["errors"] == []
        assert Entry.objects.count() == before + 1
        entry = Entry.objects.order_by("-seq").first()
        assert entry is not None and entry.action == "inspection.entity.import"
        rows = {e.name: e for e in SupervisedEntity.objects.all()}
        first = rows["示范县甲餐饮有限公司"]
        assert first.kind == "enterprise" and first.credit_code == C1
        # 属地: the object of a grid belongs to the team answerable for it (ORG-5).
        assert first.unit == demo.units["street1"] and first.town == "白羽街道"
        assert rows["王记烧烤"].kind == "person" and rows["人民路户外广告牌"].kind == "site"
        # The same file again: every enterprise row is now a duplicate in the register.
        snap = snapshot()
        r = _post(api, "reviewer", GOOD)
        assert r.status_code == 400
        reasons = r.json()["error"]["details"]["rows"]
        assert [b["line"] for b in reasons] == [2, 3]
        assert all("已在名录库中" in b["reason"] for b in reasons)
        assert snapshot() == snap


def test_one_bad_row_writes_nothing_and_every_bad_row_is_listed(api, demo):
    with at(T0):
        entity(demo, 1)
        existing = SupervisedEntity.objects.get().credit_code
        text = _csv(
            f"enterprise,好的一行有限公司,{C1},地址1,,",  # line 2: fine
            f"enterprise,校验位错误有限公司,{BAD},地址3,,",  # 3: check character
            f"enterprise,重复有限公司,{C1},地址4,,",  # 4: duplicate in file
            f"enterprise,已登记有限公司,{existing},地址5,,",  # 5: already in the register
            "shop,未知类型,,地址6,,",  # 6: kind
            f"site,,,地址7,{GRID},",  # 7: empty name
            "site,未知网格,,地址8,99999999999999,",  # 8: grid
            "site,未知乡镇,,地址9,,火星镇",  # 9: town
            f"site,网格乡镇不符,,地址10,{GRID},西坪镇",  # 10: grid of another street
            "enterprise,无代码有限公司,,地址11,,",  # 11: an enterprise needs its code
        )
        before = snapshot()
        r = _post(api, "reviewer", text)
        assert r.status_code == 400, r.content
        assert "未导入任何记录" in r.json()["error"]["message"]
        rows = r.json()["error"]["details"]["rows"]
        by_line = {b["line"]: b for b in rows}
        assert sorted(by_line) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
        assert "校验位" in by_line[3]["reason"] and by_line[3]["field"] == "credit_code"
        assert "第2行重复" in by_line[4]["reason"]
        assert "已在名录库中" in by_line[5]["reason"]
        assert by_line[6]["field"] == "kind" and "类型" in by_line[6]["reason"]
        assert by_line[7]["field"] == "name" and "名称为空" in by_line[7]["reason"]
        assert by_line[8]["field"] == "grid" and "网格" in by_line[8]["reason"]
        assert by_line[9]["field"] == "town" and "火星镇" in by_line[9]["reason"]
        assert by_line[10]["field"] == "town" and "白羽街道" in by_line[10]["reason"]
        assert by_line[11]["field"] == "credit_code"
        assert snapshot() == before

        # The dry run answers the same report with 200 and writes nothing either.
        r = _post(api, "reviewer", text, dry=True)
        assert r.status_code == 200 and r.json()["ok"] is False
        assert sorted({b["line"] for b in r.json()["errors"]}) == sorted(by_line)
        assert snapshot() == before
        r = _post(api, "reviewer", GOOD, dry=True)
        assert r.status_code == 200 and r.json()["ok"] is True and r.json()["created"] == 0
        assert snapshot() == before


def test_bad_files_are_400_in_chinese(api, demo):
    with at(T0):
        before = snapshot()
        for body, field in (
            (b"", "file"),
            ("名称,地址\n甲,乙\n".encode(), "file"),  # no kind column
            (b"kind,name,address\n", "file"),  # header only
            ("kind,name,address\nsite,甲,乙\n".encode("gbk"), "file"),  # not UTF-8
        ):
            r = _post(api, "reviewer", body)
            assert r.status_code == 400, (body, r.content)
            assert field in r.json()["error"]["details"]
            assert any("\u4e00" <= ch <= "\u9fff" for ch in r.json()["error"]["message"])
        assert snapshot() == before
        # Chinese headers are accepted.
        r = _post(api, "reviewer", "类型,名称,统一社会信用代码,地址\n场所,甲工地,,乙路1号\n")
        assert r.status_code == 201 and r.json()["created"] == 1


def test_multipart_upload(api, demo):
    with at(T0):
        client = api("reviewer")
        upload = SimpleUploadedFile("mlk.csv", GOOD.encode("utf-8"), content_type="text/csv")
        r = client.client.post(
            "/api/v1/inspections/entities/import", {"file": upload}, headers=client.headers
        )
        assert r.status_code == 201, r.content
        assert r.json()["created"] == 4
        r = client.client.post(
            "/api/v1/inspections/entities/import", {"other": "x"}, headers=client.headers
        )
        assert r.status_code == 400 and "file" in r.json()["error"]["details"]


def test_wrong_role_department_and_other_bureau(api, demo):
    with at(T0):
        before = snapshot()
        for who in ("officer1", "head", "handler_sanitation", "inspector", "town_officer1"):
            assert _post(api, who, GOOD).status_code == 403, who
            assert _post(api, who, GOOD, dry=True).status_code == 403, who
        assert snapshot() == before
        # Another bureau's import writes in its own register and does not see ours.
        entity(demo, 1)
        ours = SupervisedEntity.objects.get().credit_code
        other = actions.import_entities(
            actor=_other_reviewer(demo),
            text=_csv(f"enterprise,外局企业,{ours},外地路1号,,"),
        )
        assert other["created"] == 1
        assert SupervisedEntity.objects.filter(credit_code=ours).count() == 2
        assert _post(api, "outsider", GOOD).status_code == 403


def _other_reviewer(demo: Any) -> Any:
    # actor=None: the set-up of another bureau's staff, as the demo build does.
    return create_staff(
        actor=None,
        username="other_reviewer",
        full_name="外局审核员",
        unit=demo.other_bureau,
        roles=["reviewer"],
        password="Xy-" + "7" * 17,
    )


def test_the_command(demo, tmp_path):
    with at(T0):
        path = tmp_path / "mlk.csv"
        path.write_text(_csv(f"enterprise,甲有限公司,{BAD},地址,,"), encoding="utf-8-sig")
        out, err = io.StringIO(), io.StringIO()
        before = snapshot()
        with pytest.raises(CommandError):
            call_command(
                "inspections", "import-entities", str(path), "--actor", "reviewer",
                "--dry-run", stdout=out, stderr=err,
            )  # fmt: skip
        assert "第2行" in err.getvalue() and "校验位" in err.getvalue()
        with pytest.raises(CommandError, match="未导入任何记录"):
            call_command(
                "inspections", "import-entities", str(path), "--actor", "reviewer",
                stdout=out, stderr=err,
            )  # fmt: skip
        assert snapshot() == before
        path.write_text(GOOD, encoding="utf-8")
        call_command(
            "inspections", "import-entities", str(path), "--actor", "reviewer", "--dry-run",
            stdout=out,
        )  # fmt: skip
        assert "检查通过" in out.getvalue() and snapshot() == before
        call_command("inspections", "import-entities", str(path), "--actor", "reviewer", stdout=out)
        assert "已导入4个检查对象" in out.getvalue()
        with pytest.raises(CommandError, match="角色"):
            call_command(
                "inspections", "import-entities", str(path), "--actor", "officer1", stdout=out
            )
