from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CitycasesConfig(AppConfig):
    name = "chengguan.citycases"
    label = "citycases"
    verbose_name = "数字城管与12345"

    def ready(self) -> None:
        from chengguan.citycases import (  # deferred: they import the models
            permissions,  # noqa: F401 — makes the grants, once
            queries,
            signals,
        )
        from chengguan.core import links  # deferred: kept beside the other ready() imports

        for model in ("Category", "Grid"):
            post_save.connect(
                signals.invalidate,
                sender=f"citycases.{model}",
                dispatch_uid=f"citycases-cache-{model}-save",
            )
            post_delete.connect(
                signals.invalidate,
                sender=f"citycases.{model}",
                dispatch_uid=f"citycases-cache-{model}-delete",
            )
        # Penalties may cite a city case without importing citycases (see core/links.py).
        links.provide("citycases.case_in_bureau", queries.case_in_bureau)
        # --- helper:inspections2 --- the 名录库 import checks grids and towns (core/links.py)
        links.provide("citycases.grid_streets", queries.grid_streets)
        # --- /helper:inspections2 ---
        # --- helper:stalls --- a stall point is checked against the grids (core/links.py)
        links.provide("citycases.grid_geometries", queries.grid_geometries)
        # --- /helper:stalls ---
        # --- record: ledger verify compares the status with the last ledger entry about each case ---
        from chengguan.citycases.models import CityCase  # deferred: needs the app registry
        from chengguan.ledger import reconcile  # deferred: kept beside the model it registers

        reconcile.register(CityCase, "status")
