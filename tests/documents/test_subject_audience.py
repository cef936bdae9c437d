"""Every demo user against an inspection's, a permit application's and a suggestion's 文书: the
documents list answers exactly as the domain's own GET of the subject does (same audience), and a
refused making (403/404) writes nothing (issue #12 item 1, decision 081)."""

from __future__ import annotations

import pytest

from chengguan.org.models import Staff
from chengguan.org.permissions import can
from tests.documents import subjects
from tests.documents.subjects import snapshot

CASES = {
    "inspection": ("inspections", subjects.rechecked_inspection, "inspection_notice"),
    "permit": ("permits", subjects.granted_permit, "permit_licence"),
    "suggestion": ("suggestions", subjects.replied_suggestion, "suggestion_reply"),
}


@pytest.mark.parametrize("subject", list(CASES))
def test_the_documents_have_the_audience_of_their_subject(api, demo, subject):
    path, build, kind = CASES[subject]
    row = build(demo)
    users = list(Staff.objects.filter(is_active=True).order_by("username"))
    assert len(users) > 10
    for user in users:
        who = user.username
        own = api(who).get(f"{path}/{row.pk}")
        listed = api(who).get(f"{path}/{row.pk}/documents")
        assert listed.status_code == own.status_code, (who, own.status_code, listed.status_code)
        before = snapshot()
        made = api(who).post(f"{path}/{row.pk}/documents/{kind}.docx")
        if own.status_code == 200 and can(user, f"documents.{subject}.generate", row):
            assert made.status_code == 201, (who, made.content)
        else:
            assert made.status_code in (403, 404), (who, made.status_code)
            if own.status_code != 200:
                assert made.status_code == own.status_code, who
            assert snapshot() == before, who
