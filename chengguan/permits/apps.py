from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "chengguan.permits"
    label = "permits"
    verbose_name = "行政许可"

    def ready(self) -> None:
        # --- helper:stalls --- also: citycases tells street trading inside an open stall point
        from chengguan.core import links  # deferred: kept beside the other ready() imports
        from chengguan.permits import (  # deferred: grants and reads once the registry is ready
            permissions,  # noqa: F401 — makes the grants, once
            queries,
        )

        links.provide("permits.point_open_at", queries.point_open_at)
        links.provide("permits.point_unit_at", queries.point_unit_at)  # --- helper:permits2 ---
        # --- /helper:stalls ---
