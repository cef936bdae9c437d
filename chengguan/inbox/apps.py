from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "chengguan.inbox"
    label = "inbox"
    verbose_name = "消息提醒"
