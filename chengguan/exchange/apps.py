from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "chengguan.exchange"
    label = "exchange"
    verbose_name = "省级数据交换"
    default_auto_field = "django.db.models.BigAutoField"
