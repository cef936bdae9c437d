from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "chengguan.disclosure"
    label = "disclosure"
    verbose_name = "执法公示"

    def ready(self) -> None:
        from chengguan.disclosure import permissions  # noqa: F401 — makes the grants, once
