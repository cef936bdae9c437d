from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "chengguan.disclosure"
    label = "disclosure"
    verbose_name = "执法公示"

    def ready(self) -> None:
        from chengguan.core import links  # deferred: kept beside the queries import
        from chengguan.disclosure import (  # deferred: they import the models
            permissions,  # noqa: F401 — makes the grants, once
            queries,
        )

        # The penalty figures count publications without penalties importing disclosure.
        links.provide("disclosure.publication_counts", queries.publication_counts)
