"""``{% subject_documents subject object as docs %}``: what ``web/_subject_documents.html`` lists for
one inspection, seizure or permit application, as the signed-in reader may see it (decision 081)."""

from __future__ import annotations

from typing import Any

from django import template

from chengguan.core.errors import ChengguanError
from chengguan.documents import queries
from chengguan.org.models import Staff
from chengguan.org.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def subject_documents(context: Any, subject: str, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, Staff) or obj is None:
        return {"visible": False}
    try:
        row = queries.visible_subject(user, subject, obj.pk)
    except ChengguanError:
        # The page already decided the reader sees the object; a narrower audience for its
        # 文书 shows nothing rather than failing the page.
        return {"visible": False}
    spec = queries.subject_spec(subject)
    may_print = can(user, spec.generate_perm, row)
    kinds = queries.subject_available(subject, row)
    for k in kinds:
        if not may_print and not k["reason"]:
            k["reason"] = "您的角色只能查阅已生成的文书"
    return {
        "visible": True,
        "subject": subject,
        "pk": row.pk,
        "kinds": kinds,
        "kept": list(queries.subject_generated(subject, row)[:50]),
    }
