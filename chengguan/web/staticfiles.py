"""collectstatic that skips the parts of npm packages no page uses (see assets.py)."""

from django.contrib.staticfiles.apps import StaticFilesConfig

from chengguan.web.assets import COLLECTSTATIC_IGNORE


class ChengguanStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, *COLLECTSTATIC_IGNORE]
