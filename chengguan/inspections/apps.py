from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "chengguan.inspections"
    label = "inspections"
    verbose_name = "行政检查"

    def ready(self) -> None:
        from chengguan.inspections import permissions  # noqa: F401  # deferred: grants are registered once the app registry is ready
