from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "chengguan.disclosure"
    label = "disclosure"
    verbose_name = "执法公示"

    def ready(self) -> None:
        from chengguan.core import links  # deferred: kept beside the queries import
        from chengguan.disclosure import queries  # deferred: it imports the models

        # The penalty figures count publications without penalties importing disclosure.
        links.provide("disclosure.publication_counts", queries.publication_counts)
