from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "chengguan.documents"
    label = "documents"
    verbose_name = "执法文书"

    def ready(self) -> None:
        from chengguan.documents import permissions  # noqa: F401 — makes the grants, once
