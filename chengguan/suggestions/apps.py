from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "chengguan.suggestions"
    label = "suggestions"
    verbose_name = "人大建议和政协提案"

    def ready(self) -> None:
        from chengguan.suggestions import permissions  # noqa: F401  # deferred: grants are registered once the app registry is ready
