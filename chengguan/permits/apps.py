from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "chengguan.permits"
    label = "permits"
    verbose_name = "行政许可"

    def ready(self) -> None:
        from chengguan.permits import permissions  # noqa: F401  # deferred: grants are registered once the app registry is ready
