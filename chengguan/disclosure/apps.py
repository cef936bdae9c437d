from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "chengguan.disclosure"
    label = "disclosure"
    verbose_name = "执法公示"
