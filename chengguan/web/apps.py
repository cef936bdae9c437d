from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "chengguan.web"
    label = "web"
    verbose_name = "工作台"
