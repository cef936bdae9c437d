from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "chengguan.web"
    label = "web"
    verbose_name = "工作台"

    def ready(self) -> None:
        # Registers each domain's worklist source; here, so chengguan.web.worklist (which they
        # import) never imports them back. session_policy connects the login stamp (decision 072).
        from chengguan.web import session_policy, worklist_sources  # noqa: F401  # deferred: app registry must be ready

        # --- helper:inspections2 --- inspections opens penalty cases through core.links
        from chengguan.web.bridges import install  # deferred: imports the penalties actions

        install()
        # --- /helper:inspections2 ---
        # --- helper:service --- guidance escalates to city cases and inspections
        from chengguan.web.bridges import install_service  # deferred: imports the workflows

        install_service()
        # --- /helper:service ---
