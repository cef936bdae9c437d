from django.apps import AppConfig


class PenaltiesConfig(AppConfig):
    name = "chengguan.penalties"
    label = "penalties"
    verbose_name = "行政处罚"

    def ready(self) -> None:
        # Registers the role → permission table (an import for its effect, once, at start-up), and
        # (record) the fields ledger verify compares with the last ledger entry about each case.
        from chengguan.ledger import reconcile  # deferred: kept beside the model it registers
        from chengguan.penalties import permissions  # noqa: F401  # deferred: grants are registered once the app registry is ready
        from chengguan.penalties.models import PenaltyCase  # deferred: needs the app registry

        reconcile.register(PenaltyCase, "status", "fine_amount")
