from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "chengguan.execution"
    label = "execution"
    verbose_name = "行政强制执行"

    def ready(self) -> None:
        from chengguan.execution import permissions  # noqa: F401  # deferred: grants are registered once the app registry is ready
