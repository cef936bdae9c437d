"""Which files of node_modules the pages use.

Settings add only the dist folders of htmx.org, leaflet and echarts; compressing all of them (ECharts ships
many builds and source maps) is slow. These patterns, applied by web.staticfiles, leave out what no page uses.
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
