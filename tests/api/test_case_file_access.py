"""GET /penalty-cases/{id}/case-file.pdf has exactly the audience of the case (decision 086):
every demo user and the other bureau's, on a squad case and a town team's case. The answer is the
case's own (403 wrong role or department, 404 another town team or bureau), and a refusal writes
nothing: no ledger entry, no 文书."""

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


def squad_case(demo) -> PenaltyCase:
    with at(OPENED):
        case = actions.open_case(
            actor=demo.user("officer1"),
            procedure="general",
            power_item="SZ001",
            party=dict(PERSON),
            facts=cases.FACTS,
            act_date=cases.D(2025, 6, 2),
            discovered_date=OPENED,
            officers=["officer1", "officer2"],
        )
        return actions.register(case.pk, actor=demo.user("head"))


@pytest.mark.parametrize("user", USERS)
def test_every_user_gets_the_cases_own_answer_and_a_refusal_writes_nothing(api, demo, user):
    own, town = squad_case(demo), town_case(demo)
    client = api(user)
    for which, case in (("own", own), ("town", town)):
        case_answer = client.get(f"penalty-cases/{case.pk}").status_code
        before = (Entry.objects.count(), Document.objects.count())
        with at(OPENED):
            r = client.get(f"penalty-cases/{case.pk}/case-file.pdf")
        assert r.status_code == case_answer, (user, which, r.status_code, case_answer)
        if case_answer == 200:
            assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
            assert Entry.objects.count() == before[0] + 1
            entry = Entry.objects.latest("id")
            assert (entry.action, entry.actor_id) == ("document.case_file", demo.user(user).pk)
        else:
            assert (Entry.objects.count(), Document.objects.count()) == before
        assert Document.objects.count() == before[1]  # a read never generates a 文书
    # The matrix itself, so a change in the case's scope is noticed here too.
    own_answer = client.get(f"penalty-cases/{own.pk}").status_code
    town_answer = client.get(f"penalty-cases/{town.pk}").status_code
    if user in READERS:
        assert (own_answer, town_answer) == (200, 200)
    elif user in TOWN:
        assert (own_answer, town_answer) == (404, 200)  # another team's case: not found
    elif user == "outsider":
        assert own_answer in (403, 404) and town_answer in (403, 404)  # another bureau
    else:
        assert (own_answer, town_answer) == (403, 403)  # wrong role or department


def test_anonymous_is_refused_and_nothing_is_written(api, demo):
    case = squad_case(demo)
    before = Entry.objects.count()
    r = api(None).get(f"penalty-cases/{case.pk}/case-file.pdf")
    assert r.status_code == 401
    assert Entry.objects.count() == before
