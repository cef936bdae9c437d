from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CitycasesConfig(AppConfig):
    name = "chengguan.citycases"
    label = "citycases"
    verbose_name = "数字城管与12345"

    def ready(self) -> None:
        from chengguan.citycases import (
            permissions,  # noqa: F401 — makes the grants, once
            signals,  # deferred: handlers connect once apps are ready
        )

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
