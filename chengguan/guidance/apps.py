from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "chengguan.guidance"
    label = "guidance"
    verbose_name = "服务型行政执法"

    def ready(self) -> None:
        from chengguan.guidance import permissions  # noqa: F401  # deferred: grants are registered once the app registry is ready
