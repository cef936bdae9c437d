from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "chengguan.reports"
    label = "reports"
    verbose_name = "统计与报告"

    def ready(self) -> None:
        from chengguan.reports import permissions  # noqa: F401 — makes the grants, once
