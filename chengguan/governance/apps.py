from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "chengguan.governance"
    label = "governance"
    verbose_name = "法治建设台账"
