from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "chengguan.api"
    label = "api"
    verbose_name = "接口"
