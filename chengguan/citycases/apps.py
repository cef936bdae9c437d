from django.apps import AppConfig


class CitycasesConfig(AppConfig):
    name = "chengguan.citycases"
    label = "citycases"
    verbose_name = "数字城管与12345"
