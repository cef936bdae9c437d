"""Who may do what in the bureau's own compulsory execution (role → permission), registered once
from ``ExecutionConfig.ready()``."""

from __future__ import annotations

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "execution.view": {Role.OFFICER, Role.REVIEWER, Role.HEAD, Role.SUPERVISOR, Role.ADMIN},
        # QZ-35/QZ-36: the case's officers serve the 催告 and record what the party says.
        "execution.demand": {Role.OFFICER},
        "execution.statement": {Role.OFFICER},
        # QZ-36: the 复核 of the party's statement is 法制股's or the head's, not the officers'.
        "execution.review": {Role.REVIEWER, Role.HEAD},
        # QZ-37: the written execution decision is the head's.
        "execution.decide": {Role.HEAD},
        # QZ-44/QZ-43: the case's officers post the notice and carry the execution out.
        "execution.notice": {Role.OFFICER},
        "execution.execute": {Role.OFFICER},
        # Ending is never unlawful: the case's officers or the head record it.
        "execution.end": {Role.OFFICER, Role.HEAD},
    }
)
