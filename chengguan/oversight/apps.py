from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "chengguan.oversight"
    label = "oversight"
    verbose_name = "执法监督"

    def ready(self) -> None:
        from chengguan.oversight import permissions  # noqa: F401 — makes the grants, once
