"""Administrative penalty cases (行政处罚) and every record of their procedure.

No workflow logic here: statuses change only in ``transitions.py``. Every date the law cares about is a
column, so checks, deadlines and figures are plain reads.
"""

from __future__ import annotations

from .case import (
    Party,
    PenaltyCase,
)
from .content import SeparateAct  # content (XF-29.2)
from .correction import CorrectionOrder  # machine (ZL-1)
from .execution import (
    CashRemittance,
    CertificateShown,
    Demand,
    EnforcementApplication,
    Instalment,
    Payment,
    PaymentArrangement,
    Preservation,
    RemedyProceeding,
)
from .procedure import (
    Discussion,
    Evidence,
    Hearing,
    Notice,
    Recusal,
    Review,
    Service,
    Statement,
)
from .transfer import Disposal, Transfer  # helper:due3 (XF-22/XF-27, XF-74)

__all__ = [
    "CashRemittance",
    "CertificateShown",
    "CorrectionOrder",  # machine (ZL-1)
    "Demand",
    "Discussion",
    "Disposal",  # helper:due3
    "EnforcementApplication",
    "Evidence",
    "Hearing",
    "Instalment",
    "Notice",
    "Party",
    "Payment",
    "PaymentArrangement",
    "PenaltyCase",
    "Preservation",
    "Recusal",
    "RemedyProceeding",
    "Review",
    "SeparateAct",  # content (XF-29.2)
    "Service",
    "Statement",
    "Transfer",  # helper:due3
]
