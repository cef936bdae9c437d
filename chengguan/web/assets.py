"""Which files of node_modules the pages use.

Settings add only the dist folders of htmx.org, leaflet and echarts; compressing all of them (ECharts ships
many builds and source maps) is slow. These patterns, applied by web.staticfiles, leave out what no page uses.
``vendor`` copies the same selection into the package for a wheel (decision 095).
"""

from __future__ import annotations

import fnmatch
import shutil
from pathlib import Path, PurePosixPath

COLLECTSTATIC_IGNORE = [
    "*.map",
    "*.ts",
    "*.md",
    "*.gz",
    "lib",
    "src",
    "types",
    "i18n",
    "theme",
    "extension",
    "ssr",
    "*esm*",
    "*.cjs.js",
    "*.amd.js",
    "echarts.js",
    "echarts.common*",
    "echarts.simple*",
    "zrender",
    "tslib",
    "leaflet-src*",
    "htmx.js",
    "editors",
]


def ignore_args() -> list[str]:
    args: list[str] = []
    for pattern in COLLECTSTATIC_IGNORE:
        args += ["--ignore", pattern]
    return args


# The npm folders the pages load (settings.STATICFILES_DIRS): what a wheel must carry.
VENDORED = ("htmx.org/dist", "leaflet/dist", "echarts/dist")


def _ignored(relative: PurePosixPath) -> bool:
    # Django's collectstatic matches its ignore patterns against each path component and the
    # whole path; the same here, so the wheel holds exactly what collectstatic would serve.
    return any(
        fnmatch.fnmatchcase(part, pattern)
        for pattern in COLLECTSTATIC_IGNORE
        for part in (*relative.parts, str(relative))
    )


def vendor(node_modules: Path, dest: Path) -> list[Path]:
    """Copy the used files of the vendored npm folders from ``node_modules`` into ``dest``
    (emptied first, so a removed file does not linger); return the copied files."""
    missing = [prefix for prefix in VENDORED if not (node_modules / prefix).is_dir()]
    if missing:
        raise FileNotFoundError(f"node_modules 中缺少 {', '.join(missing)}：请先运行 make assets")
    if dest.exists():
        shutil.rmtree(dest)
    copied: list[Path] = []
    for prefix in VENDORED:
        source = node_modules / prefix
        for path in sorted(source.rglob("*")):
            relative = PurePosixPath(path.relative_to(source).as_posix())
            if path.is_dir() or _ignored(relative):
                continue
            target = dest / prefix / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            copied.append(target)
    return copied
