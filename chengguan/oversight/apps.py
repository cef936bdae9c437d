from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "chengguan.oversight"
    label = "oversight"
    verbose_name = "执法监督"
