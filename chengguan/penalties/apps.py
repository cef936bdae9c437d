from django.apps import AppConfig


class PenaltiesConfig(AppConfig):
    name = "chengguan.penalties"
    label = "penalties"
    verbose_name = "行政处罚"
