from django.apps import AppConfig


class CitycasesConfig(AppConfig):
    name = "chengguan.citycases"
    label = "citycases"
    verbose_name = "数字城管与12345"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from chengguan.citycases import signals

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
