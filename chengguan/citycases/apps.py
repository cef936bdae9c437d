from django.apps import AppConfig


class CitycasesConfig(AppConfig):
    name = "chengguan.citycases"
    label = "citycases"
    verbose_name = "数字城管与12345"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from chengguan.citycases import queries, signals  # deferred: they import the models
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
