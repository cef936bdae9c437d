from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "chengguan.jobs"
    label = "jobs"
    verbose_name = "定时任务"
