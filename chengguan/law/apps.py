from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "chengguan.law"
    label = "law"
    verbose_name = "权责清单与裁量基准"

    def ready(self) -> None:
        from chengguan.law import permissions  # noqa: F401 — makes the grants, once
