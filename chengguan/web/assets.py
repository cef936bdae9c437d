"""Which files of node_modules the pages use.

STATICFILES_DIRS adds the whole of node_modules; compressing all of it (ECharts' sources and maps are
~60 MB) makes ``collectstatic`` take minutes. These patterns leave out everything no page references.
"""

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
