from django.apps import AppConfig


class ProvinceConfig(AppConfig):
    name = "chengguan.province"
    label = "province"
    verbose_name = "上级主管部门监督"

    def ready(self) -> None:
        from chengguan.province import permissions  # noqa: F401 — makes the grants, once
