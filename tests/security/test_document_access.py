"""Issue 12 item 1: a case's 文书 and kept files have exactly the audience of the case itself.

Table-driven: every demo user (and the other bureau's) x every document endpoint x (a squad
case, a town team's case). The expected answer is the case's own answer (403 wrong role, 404
another bureau or another town team), and a refusal writes nothing.
"""

from __future__ import annotations

import pytest

from chengguan.documents.models import Document
from chengguan.ledger.models import Entry
from chengguan.penalties import actions
from chengguan.penalties.models import PenaltyCase
from tests.documents import cases
from tests.documents.cases import OPENED, PERSON, at

USERS = [
    "admin", "center", "hotline", "inspector", "handler_sanitation", "handler_greening",
    "handler_municipal", "officer1", "officer2", "officer_nocert", "town_officer1",
    "town_officer2", "reviewer", "head", "supervisor", "outsider",
]  # fmt: skip
READERS = {"officer1", "officer2", "officer_nocert", "reviewer", "head", "supervisor", "admin"}
PRINTERS = {
    "officer1",
    "officer2",
    "officer_nocert",
    "reviewer",
    "head",
    "town_officer1",
    "town_officer2",
}
TOWN = {"town_officer1", "town_officer2"}


def town_case(demo) -> PenaltyCase:
    with at(OPENED):
        case = actions.open_case(
            actor=demo.user("town_officer1"),
            procedure="general",
            power_item="SZ001",
            party=dict(PERSON),
            facts=cases.FACTS,
            act_date=cases.D(2025, 6, 2),
            discovered_date=OPENED,
            officers=["town_officer1", "town_officer2"],
        )
        return actions.register(case.pk, actor=demo.user("head"))


@pytest.mark.parametrize("user", USERS)
def test_every_role_gets_the_cases_answer_on_its_documents(api, demo, user):
    own = cases.investigated(demo)
    town = town_case(demo)
    with at(OPENED):
        for which, case in (("own", own), ("town", town)):
            api("officer1" if which == "own" else "town_officer1").get(
                f"penalty-cases/{case.pk}/documents/registration.pdf"
            )
            doc = Document.objects.filter(case=case).latest("id")
            client = api(user)
            case_answer = client.get(f"penalty-cases/{case.pk}").status_code
            endpoints = [
                (f"penalty-cases/{case.pk}/documents", False),
                (f"penalty-cases/{case.pk}/documents/{doc.pk}/file", False),
                (f"penalty-cases/{case.pk}/documents/registration.docx", True),
            ]
            for path, write in endpoints:
                before = (Entry.objects.count(), Document.objects.count())
                status = client.get(path).status_code
                if case_answer != 200:
                    # Never wider than the case: the same refusal as the case itself.
                    assert status == case_answer, (user, which, path, status)
                    assert (Entry.objects.count(), Document.objects.count()) == before
                elif write and user not in PRINTERS:
                    assert status == 403, (user, which, path, status)
                    assert (Entry.objects.count(), Document.objects.count()) == before
                else:
                    assert status == 200, (user, which, path, status)
            if user in TOWN and which == "own":
                assert case_answer == 404
            if user not in READERS and user not in TOWN and user != "outsider":
                assert case_answer == 403
            if user == "outsider":
                assert case_answer in (403, 404)


def test_a_kept_copy_download_is_recorded_as_personal_data_access(api, demo):
    case = cases.investigated(demo)
    with at(OPENED):
        api("officer1").get(f"penalty-cases/{case.pk}/documents/registration.pdf")
        doc = Document.objects.get(case=case)
        r = api("reviewer").get(f"penalty-cases/{case.pk}/documents/{doc.pk}/file")
    assert r.status_code == 200
    entry = Entry.objects.filter(action="document.download").latest("id")
    assert entry.actor_id == demo.user("reviewer").pk
    assert entry.subject_id == str(case.pk)
    assert "id_number" in entry.payload
