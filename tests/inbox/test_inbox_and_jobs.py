"""Issue #15 "Jobs" and "Notifications" (decision 075): the inbox is told of dispatches, returns,
approaching and missed deadlines; each job is idempotent (run twice, or by two workers at once, it
tells nobody twice); the huey worker's queue is a real SQLite queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client

from chengguan.citycases import actions as city
from chengguan.core import clock
from chengguan.inbox.models import Notification
from chengguan.jobs import reminders
from chengguan.org.models import Staff


def _unread(username: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient__username=username, read_at__isnull=True))


def test_a_dispatch_reaches_the_units_handlers(demo, make_case):
    case = make_case("dispatched")
    notes = Notification.objects.filter(kind="dispatched", link=f"/cases/{case.pk}/")
    assert {n.recipient.username for n in notes} == {"handler_sanitation"}
    assert case.number in notes.get().title


def test_a_return_reaches_the_command_centre(demo, make_case):
    case = make_case("dispatched")
    city.return_case(
        actor=demo.user("handler_sanitation"), case_id=case.pk, reason="不属于本部门职责"
    )
    notes = Notification.objects.filter(kind="returned", link=f"/cases/{case.pk}/")
    assert "center" in {n.recipient.username for n in notes}
    assert "不属于本部门职责" in notes.first().title


def test_the_deadline_job_warns_before_and_after_and_only_once(demo, make_case):
    case = make_case("dispatched")
    due = case.current_due
    with clock.frozen_at(due - dt.timedelta(hours=1)):
        first = reminders.city_case_deadlines()
        again = reminders.city_case_deadlines()
    assert first >= 1 and again == 0
    soon = Notification.objects.filter(kind="due_soon", link=f"/cases/{case.pk}/")
    assert {n.recipient.username for n in soon} == {"handler_sanitation"}
    with clock.frozen_at(due + dt.timedelta(hours=1)):
        reminders.city_case_deadlines()
        reminders.city_case_deadlines()
    late = Notification.objects.filter(kind="overdue", link=f"/cases/{case.pk}/")
    assert {"handler_sanitation", "center"} <= {n.recipient.username for n in late}
    assert late.filter(recipient__username="handler_sanitation").count() == 1


def test_penalty_deadlines_go_to_the_cases_officers(demo):
    from tests.penalties.helpers import T0, at, notified

    with at(T0):
        case = notified(demo)
    with clock.frozen_at(dt.datetime(2035, 1, 1, 9, 0, tzinfo=clock.now().tzinfo)):
        sent = reminders.penalty_case_deadlines()
        assert reminders.penalty_case_deadlines() == 0
    assert sent >= 1
    notes = Notification.objects.filter(link=f"/penalties/{case.pk}/", kind="overdue")
    people = {n.recipient.username for n in notes}
    assert {"officer1", "head"} <= people
    assert "hotline" not in people


def test_the_yearly_publication_reminder_comes_once_in_january(demo):
    assert reminders.yearly_publication_reminder(dt.date(2026, 3, 1)) == 0
    assert reminders.yearly_publication_reminder(dt.date(2026, 1, 5)) >= 1
    assert reminders.yearly_publication_reminder(dt.date(2026, 1, 6)) == 0
    assert Notification.objects.filter(key="sz4:2026", recipient__username="head").count() == 1


def test_the_inbox_page_and_badge(demo, make_case):
    make_case("dispatched")
    client = Client()
    client.force_login(Staff.objects.get(username="handler_sanitation"))
    page = client.get("/").content.decode()
    assert "data-unread=" in page
    inbox = client.get("/inbox/").content.decode()
    assert "新派遣案件" in inbox
    assert client.post("/inbox/", {}).status_code == 302
    assert not _unread("handler_sanitation")


def test_the_api_shows_only_ones_own_messages(demo, api, make_case):
    make_case("dispatched")
    mine = api("handler_sanitation").get("inbox", unread="true").json()
    assert mine["unread"] >= 1 and all(i["kind"] for i in mine["items"])
    theirs = {i["id"] for i in api("handler_greening").get("inbox", page_size=200).json()["items"]}
    ours = {i["id"] for i in api("handler_sanitation").get("inbox", page_size=200).json()["items"]}
    assert ours and not theirs & ours
    other = Notification.objects.filter(recipient__username="handler_sanitation").first()
    marked = api("handler_greening").post("inbox/read", {"ids": [other.pk]}).json()
    assert marked["marked"] == 0
    assert Notification.objects.get(pk=other.pk).read_at is None
    assert api(None).get("inbox").status_code == 401


def test_jobs_run_from_the_cli(demo, capsys):
    call_command("jobs", "run", "all")
    out = capsys.readouterr().out
    assert "city-case-deadlines:" in out and "yearly-publication-reminder:" in out


def test_the_worker_queue_runs_a_job_for_real(demo, tmp_path):
    """The SQLite queue the worker reads: a periodic task enqueued and executed through it."""
    from huey import SqliteHuey

    queue = SqliteHuey("probe", filename=str(tmp_path / "q.sqlite3"))
    # The job itself (tasks.py adds djhuey's connection handling, which would close the test's
    # transaction on PostgreSQL).
    wrapped = queue.task()(reminders.city_case_deadlines)
    result = wrapped()
    assert len(queue) == 1
    queue.execute(queue.dequeue())
    assert isinstance(result.get(), int)


@pytest.mark.parametrize("name", list(reminders.JOBS))
def test_every_job_is_scheduled(name):
    from huey.contrib.djhuey import HUEY

    from chengguan.jobs import tasks  # noqa: F401 — registers the periodic tasks

    scheduled = {t.__name__ for t in HUEY._registry._periodic_tasks}
    assert name.replace("-", "_") in scheduled
