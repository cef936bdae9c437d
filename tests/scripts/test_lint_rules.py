"""scripts/lint_rules.py: each rule is seen to fail on a small bad tree and to pass on a good one,
the allowlist hides only what it names (and reports its stale entries), and the real tree passes."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "lint_rules.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lint_rules", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["lint_rules"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


lint_rules = _load()

Tree = Callable[[dict[str, str]], Path]


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    def make(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return make


def hits(root: Path, allow: list[object] | None = None) -> set[tuple[str, int, str]]:
    found, _ = lint_rules.lint(root, allow=allow or [])
    return {(h.path, h.line, h.rule) for h in found}


def test_the_rules_own_examples_hold() -> None:
    assert lint_rules.verify_rules() == []


def test_a_rule_whose_bad_example_passes_is_an_error() -> None:
    broken = lint_rules.Rule(
        id="demo",
        description="x",
        include=("**",),
        pattern=r"never-matches",
        good_lines=("fine",),
        bad_lines=("not caught",),
    )
    flagging = lint_rules.Rule(
        id="demo2",
        description="x",
        include=("**",),
        pattern=r"x",
        good_lines=("x = 1",),
        bad_lines=("x",),
    )
    errors = lint_rules.verify_rules([broken, flagging])
    assert any("demo: bad example is not caught" in e for e in errors)
    assert any("demo2: good example is flagged" in e for e in errors)


def test_get_model_outside_migrations(tree: Tree) -> None:
    root = tree(
        {
            "chengguan/penalties/actions.py": (
                "from django.apps import apps\n\n"
                "def f():\n"
                '    return apps.get_model("citycases", "CityCase")\n'
            ),
            "chengguan/penalties/migrations/0002_data.py": (
                'def forwards(apps, schema_editor):\n    apps.get_model("penalties", "X")\n'
            ),
            "chengguan/penalties/queries.py": '"""apps.get_model( is mentioned, not called."""\n',
        }
    )
    assert hits(root) == {("chengguan/penalties/actions.py", 4, "no-get-model")}


def test_objects_in_web_portal_and_api_modules(tree: Tree) -> None:
    bad = "def v(pk):\n    return CityCase.objects.get(pk=pk)\n"
    good = "def v(me, pk):\n    return queries.case(me, pk)\n"
    root = tree(
        {
            "chengguan/web/views/cases.py": bad,
            "chengguan/portal/views.py": bad,
            "chengguan/law/api.py": bad,
            "chengguan/penalties/api/endpoints.py": bad,
            "chengguan/citycases/queries.py": bad,  # the selectors themselves may
            "chengguan/citycases/actions.py": bad,
            "chengguan/web/forms.py": good,
        }
    )
    assert hits(root) == {
        ("chengguan/web/views/cases.py", 2, "no-objects-in-views"),
        ("chengguan/portal/views.py", 2, "no-objects-in-views"),
        ("chengguan/law/api.py", 2, "no-objects-in-views"),
        ("chengguan/penalties/api/endpoints.py", 2, "no-objects-in-views"),
    }


APPS_WITH_READY = (
    "from django.apps import AppConfig\n\n\n"
    "class LawConfig(AppConfig):\n"
    '    name = "chengguan.law"\n\n'
    "    def ready(self) -> None:\n"
    "        from chengguan.law import permissions  # noqa: F401 — makes the grants\n"
)
APPS_WITHOUT_READY = 'from django.apps import AppConfig\n\n\nclass LawConfig(AppConfig):\n    name = "chengguan.law"\n'
GRANTS = "from chengguan.org.permissions import grant\n\ngrant({'law.view': set()})\n"


def test_grant_outside_permissions_py(tree: Tree) -> None:
    root = tree(
        {
            "chengguan/law/actions.py": "x = 1\n" + GRANTS,
            "chengguan/law/permissions.py": GRANTS,
            "chengguan/law/apps.py": APPS_WITH_READY,
        }
    )
    assert hits(root) == {("chengguan/law/actions.py", 4, "grant-in-permissions")}


def test_permissions_py_must_be_imported_from_ready(tree: Tree) -> None:
    root = tree(
        {
            "chengguan/law/permissions.py": GRANTS,
            "chengguan/law/apps.py": APPS_WITHOUT_READY,
            # An app without a permissions.py needs no ready().
            "chengguan/ledger/apps.py": APPS_WITHOUT_READY.replace("law", "ledger"),
        }
    )
    assert hits(root) == {("chengguan/law/apps.py", 4, "permissions-in-ready")}
    (root / "chengguan/law/apps.py").write_text(APPS_WITH_READY, encoding="utf-8")
    assert hits(root) == set()


def test_function_level_imports_carry_a_reason(tree: Tree) -> None:
    root = tree(
        {
            "chengguan/reports/renderers.py": (
                "import io\n"
                "\n"
                "def a():\n"
                "    from docx import Document\n"  # 4: no comment
                "\n"
                "def b():\n"
                "    from weasyprint import HTML  # deferred: Pango is slow to load\n"
                "\n"
                "def c():\n"
                "    import json  # noqa: F401\n"  # 10: a directive is no reason
                "\n"
                "def d():\n"
                "    from x import y  # noqa: F401 — registers the sources\n"
                "\n"
                "async def e():\n"
                "    if True:\n"
                "        import csv\n"  # 17: nested in a block, still in a function
                "\n"
                "def f():\n"
                "    from x import (  # deferred: x imports this module\n"
                "        a,\n"
                "        b,\n"
                "    )\n"
            ),
            "chengguan/reports/migrations/0003_x.py": "def f():\n    import json\n",
        }
    )
    assert hits(root) == {
        ("chengguan/reports/renderers.py", 4, "function-import-reason"),
        ("chengguan/reports/renderers.py", 10, "function-import-reason"),
        ("chengguan/reports/renderers.py", 17, "function-import-reason"),
    }


def test_the_allowlist_hides_what_it_names_and_reports_stale_entries(tree: Tree) -> None:
    root = tree(
        {
            "chengguan/web/a.py": "x = A.objects.all()\n",
            "chengguan/web/b.py": "x = B.objects.all()\n",
        }
    )
    allow_file = root / "allow.txt"
    allow_file.write_text(
        "# comment line\n"
        "no-objects-in-views chengguan/web/a.py  # TEMP until someone lands\n"
        "no-get-model chengguan/web/b.py  # matches nothing\n",
        encoding="utf-8",
    )
    allow = lint_rules.read_allowlist(allow_file)
    found, stale = lint_rules.lint(root, allow=allow)
    assert [(h.path, h.rule) for h in found] == [("chengguan/web/b.py", "no-objects-in-views")]
    assert [(s.rule, s.glob, s.line) for s in stale] == [("no-get-model", "chengguan/web/b.py", 3)]


def test_main_prints_path_line_rule_and_exits_1(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree({"chengguan/portal/views.py": "\n\nrows = Grid.objects.filter(x=1)\n"})
    assert lint_rules.main(["--root", str(root), "--allow", str(root / "none.txt")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("chengguan/portal/views.py:3: no-objects-in-views: ")
    (root / "chengguan/portal/views.py").write_text("rows = queries.grids(me)\n", encoding="utf-8")
    assert lint_rules.main(["--root", str(root), "--allow", str(root / "none.txt")]) == 0


def test_this_tree_passes_with_its_allowlist() -> None:
    assert lint_rules.main([]) == 0
