from django.apps import AppConfig


class PenaltiesConfig(AppConfig):
    name = "chengguan.penalties"
    label = "penalties"
    verbose_name = "行政处罚"

    def ready(self) -> None:
        # Registers the role → permission table (an import for its effect, once, at start-up).
        from chengguan.penalties import permissions  # noqa: F401  # deferred: grants are registered once the app registry is ready
