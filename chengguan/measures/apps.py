from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "chengguan.measures"
    label = "measures"
    verbose_name = "行政强制措施"

    def ready(self) -> None:
        from chengguan.measures import permissions  # noqa: F401  # deferred: grants are registered once the app registry is ready
