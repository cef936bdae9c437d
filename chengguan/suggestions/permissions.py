"""Who may do what with deputies' suggestions, registered once from ``SuggestionsConfig.ready()``.

The office that receives suggestions (the 12345/信访 office in the demo) registers them and records
the delegate's answer; the lead unit replies. Outside the bureau-wide roles, a unit sees only the
suggestions assigned to it."""

from __future__ import annotations

from chengguan.org.permissions import grant
from chengguan.org.roles import Role

grant(
    {
        "suggestions.view": {
            Role.HOTLINE,
            Role.HEAD,
            Role.SUPERVISOR,
            Role.HANDLER,
            Role.OFFICER,
            Role.REVIEWER,
        },
        "suggestions.register": {Role.HOTLINE, Role.HEAD},
        "suggestions.reply": {Role.HANDLER, Role.OFFICER, Role.REVIEWER, Role.HEAD},
    }
)
