from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "chengguan.ledger"
    label = "ledger"
    verbose_name = "全过程记录"
