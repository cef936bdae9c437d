from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "chengguan.org"
    label = "org"
    verbose_name = "组织与人员"

    def ready(self) -> None:
        from chengguan.org import permissions  # noqa: F401 — makes the grants, once
