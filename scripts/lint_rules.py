#!/usr/bin/env python3
"""Project lint rules that ruff and import-linter cannot express (run by ``make lint``).

In the style of zulip's ``tools/linter_lib/custom_check.py``: each rule names the files it applies
to, how it matches (a regex over code lines, or an ``ast`` check where a regex cannot see enough),
and examples of good and bad code. The examples are checked on every run, so a rule that stops
catching its bad example (or starts flagging its good one) fails the lint instead of silently
passing everything.

Regex rules see code only: comments and string contents are blanked first, so a docstring that
mentions ``.objects.`` is not a hit.

Output: ``path:line: rule-id: message``; exit status 1 on any hit or broken rule.

``scripts/lint_rules_allow.txt`` lists temporary exceptions (``rule-id path-glob  # why``); an entry
that no longer matches a hit is itself an error, so the list only shrinks.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ("chengguan",)
DEFAULT_ALLOW = ROOT / "scripts" / "lint_rules_allow.txt"


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.message}"


@dataclass
class SourceFile:
    """One file as the rules see it: its repo-relative path, text, and the names beside it."""

    path: str
    text: str
    siblings: frozenset[str] = frozenset()

    @cached_property
    def tree(self) -> ast.Module:
        return ast.parse(self.text, filename=self.path)

    @cached_property
    def comments(self) -> dict[int, list[str]]:
        """Comment texts (without ``#``) by line number."""
        out: dict[int, list[str]] = {}
        for tok in _tokens(self.text):
            if tok.type == tokenize.COMMENT:
                out.setdefault(tok.start[0], []).append(tok.string[1:].strip())
        return out

    @cached_property
    def code_lines(self) -> list[str]:
        """The lines with comments removed and string contents blanked (``'…'`` becomes ``''``)."""
        lines = self.text.splitlines()
        blanks: list[tuple[tuple[int, int], tuple[int, int], str]] = []
        for tok in _tokens(self.text):
            if tok.type == tokenize.COMMENT:
                blanks.append((tok.start, tok.end, ""))
            elif tok.type == tokenize.STRING:
                blanks.append((tok.start, tok.end, "''"))
        # Right to left, so earlier positions on a line stay valid.
        for (srow, scol), (erow, ecol), repl in reversed(blanks):
            if srow == erow:
                line = lines[srow - 1]
                lines[srow - 1] = line[:scol] + repl + line[ecol:]
            else:  # a triple-quoted string over several lines
                lines[srow - 1] = lines[srow - 1][:scol] + repl
                for row in range(srow, erow - 1):
                    lines[row] = ""
                lines[erow - 1] = lines[erow - 1][ecol:]
        return lines


def _tokens(text: str) -> Iterator[tokenize.TokenInfo]:
    try:
        yield from tokenize.generate_tokens(io.StringIO(text).readline)
    except (tokenize.TokenError, SyntaxError):  # the ast parse reports a broken file itself
        return


Check = Callable[[SourceFile], Iterable[tuple[int, str]]]


@dataclass(frozen=True)
class Rule:
    id: str
    description: str  # the message of a hit: what to do instead
    include: tuple[str, ...]  # path globs (``*`` within one folder, ``**`` across folders)
    good_lines: tuple[str, ...]
    bad_lines: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    pattern: str | None = None  # searched in each code line (comments and strings blanked)
    check: Check | None = None  # an ast check over the whole file, for what a regex cannot see
    # The path and neighbours the examples are checked as (only ast checks look at them).
    example_path: str = "chengguan/example/module.py"
    example_siblings: frozenset[str] = field(default_factory=frozenset)

    def applies_to(self, path: str) -> bool:
        return any(glob_match(g, path) for g in self.include) and not any(
            glob_match(g, path) for g in self.exclude
        )

    def run(self, source: SourceFile) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        if self.pattern is not None:
            regex = re.compile(self.pattern)
            for n, line in enumerate(source.code_lines, start=1):
                if regex.search(line):
                    found.append((n, self.description))
        if self.check is not None:
            found.extend(self.check(source))
        return found


_GLOBS: dict[str, re.Pattern[str]] = {}


def glob_match(glob: str, path: str) -> bool:
    """``*`` matches within one path segment, ``**/`` any number of folders, ``**`` anything."""
    regex = _GLOBS.get(glob)
    if regex is None:
        out = []
        i = 0
        while i < len(glob):
            if glob.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
            elif glob.startswith("**", i):
                out.append(".*")
                i += 2
            elif glob[i] == "*":
                out.append("[^/]*")
                i += 1
            elif glob[i] == "?":
                out.append("[^/]")
                i += 1
            else:
                out.append(re.escape(glob[i]))
                i += 1
        regex = _GLOBS[glob] = re.compile("".join(out) + r"\Z")
    return regex.match(path) is not None


# ---------------------------------------------------------------------------------------------
# ast checks

# A reason is any word left once the tool directives are taken out of the comment.
_DIRECTIVES = re.compile(
    r"noqa(?::\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)?|type:\s*ignore(?:\[[^\]]*\])?"
)


def has_reason(comment: str) -> bool:
    rest = _DIRECTIVES.sub("", comment)
    return re.search(r"\w", rest) is not None


def _function_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    seen: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import | ast.ImportFrom) and id(sub) not in seen:
                    seen.add(id(sub))
                    yield sub


def check_function_imports(source: SourceFile) -> Iterator[tuple[int, str]]:
    for node in _function_imports(source.tree):
        last = node.end_lineno or node.lineno
        comments = [c for n in range(node.lineno, last + 1) for c in source.comments.get(n, [])]
        if not any(has_reason(c) for c in comments):
            yield (
                node.lineno,
                "an import inside a function needs a trailing comment saying why it is deferred "
                "(or move it to the top of the module)",
            )


def _imports_permissions(node: ast.AST, package: str) -> bool:
    """Does ``node`` import ``<package>.permissions`` (absolutely or relatively)?"""
    module = f"{package}.permissions"
    for sub in ast.walk(node):
        if isinstance(sub, ast.Import) and any(a.name == module for a in sub.names):
            return True
        if isinstance(sub, ast.ImportFrom):
            if sub.level == 0 and sub.module == module:
                return True
            if (
                sub.level == 0
                and sub.module == package
                and any(a.name == "permissions" for a in sub.names)
            ):
                return True
            if sub.level == 1 and sub.module == "permissions":
                return True
            if (
                sub.level == 1
                and sub.module is None
                and any(a.name == "permissions" for a in sub.names)
            ):
                return True
    return False


def check_permissions_loaded(source: SourceFile) -> Iterator[tuple[int, str]]:
    """An app with a permissions.py imports it from its AppConfig.ready(), so grants are made once,
    at start-up, and no module has to import it for its side effect."""
    if "permissions.py" not in source.siblings:
        return
    package = ".".join(Path(source.path).parent.parts)
    configs = [
        node
        for node in source.tree.body
        if isinstance(node, ast.ClassDef)
        and any(
            (isinstance(b, ast.Name) and b.id == "AppConfig")
            or (isinstance(b, ast.Attribute) and b.attr == "AppConfig")
            for b in node.bases
        )
    ]
    for config in configs:
        ready = next(
            (
                n
                for n in config.body
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == "ready"
            ),
            None,
        )
        if ready is None or not _imports_permissions(ready, package):
            yield (config.lineno, f"{config.name}.ready() must import {package}.permissions")
    if not configs:
        yield (1, f"no AppConfig here imports {package}.permissions from its ready()")


# ---------------------------------------------------------------------------------------------
# the rules

RULES: tuple[Rule, ...] = (
    Rule(
        id="no-get-model",
        description="apps.get_model() hides a cross-domain import from the layer contracts; "
        "import the model (or ask that domain's queries) instead",
        include=("chengguan/**/*.py",),
        exclude=("**/migrations/**",),
        pattern=r"apps\.get_model\(",
        good_lines=(
            "from chengguan.citycases.models import CityCase",
            "# apps.get_model( in a comment is no call",
            'doc = "apps.get_model(x) is not allowed"',
        ),
        bad_lines=(
            'CityCase = apps.get_model("citycases", "CityCase")',
            '    model = django_apps.get_model("disclosure", "Publication")',
        ),
    ),
    Rule(
        id="no-objects-in-views",
        description="read through the domain's queries.py (e.g. queries.case(me, pk)), "
        "not .objects, in web, portal and api modules",
        include=(
            "chengguan/web/**/*.py",
            "chengguan/portal/**/*.py",
            "chengguan/*/api.py",
            "chengguan/*/api/**/*.py",
        ),
        pattern=r"\.objects\.",
        good_lines=(
            "case = queries.case(me, pk)",
            "rows = city_queries.cases(me).filter(status=status)",
            '"""Never CityCase.objects.get() here."""',
        ),
        bad_lines=(
            "case = PenaltyCase.objects.get(pk=pk)",
            "    rows = Category.objects.filter(public=True).order_by('code')",
        ),
    ),
    Rule(
        id="grant-in-permissions",
        description="grant() belongs in the domain's permissions.py, which its AppConfig.ready() "
        "imports",
        include=("chengguan/**/*.py",),
        exclude=("chengguan/*/permissions.py", "**/migrations/**"),
        pattern=r"\bgrant\(",
        good_lines=(
            "require(actor, 'law.manage')",
            "from chengguan.org.permissions import can, require",
            "regrant(x)",
            "# grant( is made in permissions.py",
        ),
        bad_lines=(
            "grant({'law.view': set(Role.values)})",
            "permissions.grant({'x.view': {Role.ADMIN}})",
        ),
    ),
    Rule(
        id="permissions-in-ready",
        description="permissions.py is imported from the app's AppConfig.ready()",
        include=("chengguan/*/apps.py",),
        check=check_permissions_loaded,
        example_path="chengguan/example/apps.py",
        example_siblings=frozenset({"permissions.py"}),
        good_lines=(
            "class ExampleConfig(AppConfig):\n"
            "    def ready(self) -> None:\n"
            "        from chengguan.example import permissions  # registers the grants\n",
            "class ExampleConfig(AppConfig):\n"
            "    def ready(self) -> None:\n"
            "        from . import permissions  # registers the grants\n",
        ),
        bad_lines=(
            "class ExampleConfig(AppConfig):\n    name = 'chengguan.example'\n",
            "class ExampleConfig(AppConfig):\n"
            "    def ready(self) -> None:\n"
            "        from chengguan.example import signals  # connects the handlers\n",
        ),
    ),
    Rule(
        id="function-import-reason",
        description="",  # the check writes its own message
        include=("chengguan/**/*.py",),
        exclude=("**/migrations/**",),
        check=check_function_imports,
        good_lines=(
            "import sys\n\ndef f() -> None:\n    print(sys.argv)\n",
            "def f() -> None:\n"
            "    from weasyprint import HTML  # deferred: loading Pango costs time at start-up\n",
            "def f() -> None:\n"
            "    from x import y  # noqa: F401 — registers the sources on import\n",
            "def f() -> None:\n"
            "    from x import (  # deferred: x imports this module\n"
            "        a,\n"
            "        b,\n"
            "    )\n",
        ),
        bad_lines=(
            "def f() -> None:\n    from x import y\n",
            "async def f() -> None:\n    import x  # noqa: F401\n",
            "class C:\n    def m(self) -> None:\n        import x  # type: ignore[import]\n",
        ),
    ),
)


def verify_rules(rules: Sequence[Rule] = RULES) -> list[str]:
    """The rules' own examples: each bad one must be caught, no good one may be."""
    errors: list[str] = []
    ids = [r.id for r in rules]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        errors.append(f"rule id {dup} is used twice")
    for rule in rules:
        if (rule.pattern is None) == (rule.check is None):
            errors.append(f"rule {rule.id}: give exactly one of pattern and check")
            continue
        if not rule.good_lines or not rule.bad_lines:
            errors.append(f"rule {rule.id}: needs at least one good and one bad example")
        examples = [(t, False) for t in rule.good_lines] + [(t, True) for t in rule.bad_lines]
        for text, bad in examples:
            example = SourceFile(rule.example_path, text, rule.example_siblings)
            try:
                caught = bool(rule.run(example))
            except SyntaxError as exc:
                errors.append(f"rule {rule.id}: example does not parse ({exc}): {text!r}")
                continue
            if bad and not caught:
                errors.append(f"rule {rule.id}: bad example is not caught: {text!r}")
            if not bad and caught:
                errors.append(f"rule {rule.id}: good example is flagged: {text!r}")
    return errors


# ---------------------------------------------------------------------------------------------
# running


@dataclass(frozen=True)
class Allowed:
    rule: str
    glob: str
    line: int  # in the allowlist file, for the stale-entry message


def read_allowlist(path: Path) -> list[Allowed]:
    if not path.exists():
        return []
    out: list[Allowed] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) != 2:
            raise ValueError(f"{path}:{n}: expected 'rule-id path', got {raw!r}")
        out.append(Allowed(parts[0], parts[1], n))
    return out


def python_files(root: Path, paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        start = root / name
        if start.is_file():
            yield start
        else:
            yield from sorted(p for p in start.rglob("*.py") if p.is_file())


def lint(
    root: Path = ROOT,
    paths: Sequence[str] = DEFAULT_PATHS,
    *,
    rules: Sequence[Rule] = RULES,
    allow: Sequence[Allowed] = (),
) -> tuple[list[Hit], list[Allowed]]:
    """(hits not allowed, allowlist entries that matched nothing) for the files under ``paths``."""
    hits: list[Hit] = []
    for file in python_files(root, paths):
        rel = file.relative_to(root).as_posix()
        wanted = [r for r in rules if r.applies_to(rel)]
        if not wanted:
            continue
        siblings = frozenset(p.name for p in file.parent.iterdir())
        source = SourceFile(rel, file.read_text(encoding="utf-8"), siblings)
        for rule in wanted:
            try:
                found = rule.run(source)
            except SyntaxError as exc:
                hits.append(Hit(rel, exc.lineno or 1, rule.id, f"cannot parse: {exc.msg}"))
                continue
            hits.extend(Hit(rel, line, rule.id, msg) for line, msg in found)
    used: set[Allowed] = set()
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.path, h.line, h.rule)):
        entry = next(
            (a for a in allow if a.rule == hit.rule and glob_match(a.glob, hit.path)), None
        )
        if entry is None:
            kept.append(hit)
        else:
            used.add(entry)
    # An entry for a file outside the paths linted this time is not known to be stale.
    scanned = [p.rstrip("/") + "/" for p in paths]
    stale = [
        a
        for a in allow
        if a not in used and any((a.glob + "/").startswith(s) or a.glob == s[:-1] for s in scanned)
    ]
    return kept, stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--allow", type=Path, default=DEFAULT_ALLOW)
    args = parser.parse_args(argv)

    errors = verify_rules()
    for error in errors:
        print(f"lint_rules.py: {error}", file=sys.stderr)
    if errors:
        return 1
    hits, stale = lint(args.root, args.paths, allow=read_allowlist(args.allow))
    for hit in hits:
        print(hit)
    for entry in stale:
        print(
            f"{args.allow}:{entry.line}: stale allowlist entry '{entry.rule} {entry.glob}' "
            "matches no hit: remove it"
        )
    return 1 if hits or stale else 0


if __name__ == "__main__":
    sys.exit(main())
