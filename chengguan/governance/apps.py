from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "chengguan.governance"
    label = "governance"
    verbose_name = "法治建设台账"

    def ready(self) -> None:
        from chengguan.governance import permissions  # noqa: F401 — makes the grants, once
