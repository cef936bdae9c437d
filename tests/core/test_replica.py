"""Reports and dashboards read from a real PostgreSQL streaming replica (issue #16 item 5,
decision 096): started by the harness (scripts/pg_replica.sh: pg_basebackup, a standby on port
5433), the router sends the business tables' reads there, tolerates its lag, and falls back to
the primary when it lags too far or is down. Accounts and permissions are always read from the
primary."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext

from chengguan.core.db import replica
from chengguan.org.models import Staff
from chengguan.penalties.models import PenaltyCase
from chengguan.reports.figures import compute

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("REPLICA_PORT", "5433"))
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def test_without_a_replica_everything_reads_the_primary(demo, api):
    assert "replica" not in settings.DATABASES or ON_POSTGRES
    router = replica.ReplicaRouter()
    assert router.db_for_read(PenaltyCase) is None
    token = replica._reading.set("replica")
    try:
        # business tables would go to the replica; accounts, roles and the ledger never do
        assert router.db_for_read(PenaltyCase) == "replica"
        assert router.db_for_read(Staff) is None
    finally:
        replica._reading.reset(token)
    assert router.db_for_write(PenaltyCase) == "default"
    assert router.allow_migrate("replica", "penalties") is False


@pytest.fixture(scope="module")
def live_replica(django_db_setup: None, django_db_blocker: object) -> Iterator[int]:
    if not ON_POSTGRES:
        pytest.skip("只读副本需要 PostgreSQL（本轮为 SQLite）")
    if os.geteuid() != 0:
        pytest.skip("启动副本需要 root（runuser postgres）")
    started = subprocess.run(
        ["bash", str(ROOT / "scripts" / "pg_replica.sh"), "start"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert started.returncode == 0, started.stdout + started.stderr
    primary = connections["default"].settings_dict
    settings.DATABASES["replica"] = {
        **primary,
        "HOST": "127.0.0.1",
        "PORT": str(PORT),
        "TEST": {**primary.get("TEST", {}), "MIRROR": None},
    }
    try:
        yield PORT
    finally:
        connections["replica"].close()
        del settings.DATABASES["replica"]
        subprocess.run(["bash", str(ROOT / "scripts" / "pg_replica.sh"), "stop"], timeout=300)


@pytest.fixture(autouse=True, scope="module")
def _replica_alias_first(request: pytest.FixtureRequest) -> None:
    # The alias must exist before the test's database wrapper is built: a module-scoped
    # autouse fixture comes before the function-scoped database fixtures.
    if ON_POSTGRES and os.geteuid() == 0:
        request.getfixturevalue("live_replica")


def _wait_until_replayed(timeout: float = 60.0) -> float:
    """Seconds until the replica has replayed the primary's current WAL position."""
    t0 = time.monotonic()
    while True:
        lag = replica.replica_lag_bytes()
        if lag == 0:
            return time.monotonic() - t0
        assert time.monotonic() - t0 < timeout, f"replica still {lag} bytes behind"
        time.sleep(0.1)


needs_replica = pytest.mark.skipif(
    not ON_POSTGRES or os.geteuid() != 0, reason="只读副本需要 PostgreSQL 和 root"
)


@needs_replica
@pytest.mark.django_db(databases=["default", "replica"])
def test_the_report_figures_come_from_the_replica_and_equal_the_primarys(demo, live_replica):
    _wait_until_replayed()
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        replica.reading_from_replica() as alias,
    ):
        assert alias == "replica"
        from_replica = compute(demo.bureau, 2024).as_dict()
    assert len(on_replica.captured_queries) > 10
    with connections["replica"].cursor() as cur:
        cur.execute("SELECT pg_is_in_recovery()")
        assert cur.fetchone() == (True,)  # a real standby, not a second name for the primary
    assert from_replica == compute(demo.bureau, 2024).as_dict()


@needs_replica
@pytest.mark.django_db(databases=["default", "replica"])
def test_a_committed_write_reaches_the_replica_and_the_lag_is_measured(demo, live_replica):
    primary = connections["default"].settings_dict
    # The probe table is DDL: the superuser makes it (the app role may not, decision 091).
    dsn = f"host=127.0.0.1 port={primary['PORT'] or 5432} user=postgres dbname={primary['NAME']}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS replica_probe (n int)")
        conn.execute("INSERT INTO replica_probe VALUES (42)")
        standby = dsn.replace("port=" + str(primary["PORT"] or 5432), f"port={live_replica}")
        try:
            t0 = time.monotonic()
            # Polled on a connection of its own, in autocommit: the test runner keeps a
            # transaction open on the Django alias, and nothing here may hold replay back.
            with psycopg.connect(standby, autocommit=True) as poll:
                while True:
                    found = poll.execute(
                        "SELECT to_regclass('replica_probe') IS NOT NULL"
                    ).fetchone()
                    if found and found[0]:
                        row = poll.execute(
                            "SELECT count(*) FROM replica_probe WHERE n = 42"
                        ).fetchone()
                        if row and row[0] == 1:
                            break
                    if time.monotonic() - t0 > 60:
                        log = Path(os.environ.get("REPLICA_DIR", "/tmp/chengguan-pg-replica"))
                        tail = (log / "log").read_text()[-3000:] if (log / "log").exists() else ""
                        pytest.fail(f"the write did not reach the replica in 60 s:\n{tail}")
                    time.sleep(0.05)
            print(f"replica lag for one committed write: {time.monotonic() - t0:.3f} s")
            assert isinstance(replica.replica_lag_bytes(), int)
        finally:
            conn.execute("DROP TABLE replica_probe")


@needs_replica
@pytest.mark.django_db(databases=["default", "replica"])
def test_the_stats_api_is_served_by_the_replica_and_falls_back_to_the_primary(
    demo, api, live_replica, settings
):
    _wait_until_replayed()
    r = api("supervisor").get("stats/penalties?year=2024")
    assert r.status_code == 200 and r["X-Chengguan-Read-From"] == "replica"
    body = r.json()
    # too far behind: the primary answers, with the same figures
    settings.REPLICA_MAX_LAG_BYTES = -1
    r = api("supervisor").get("stats/penalties?year=2024")
    assert r["X-Chengguan-Read-From"] == "default" and r.json() == body
    settings.REPLICA_MAX_LAG_BYTES = 16 * 1024 * 1024
    # the replica down: the primary answers
    conn = connections["replica"]
    conn.close()
    port = conn.settings_dict["PORT"]
    conn.settings_dict["PORT"] = "1"
    try:
        r = api("supervisor").get("stats/penalties?year=2024")
        assert r.status_code == 200 and r["X-Chengguan-Read-From"] == "default"
        assert json.loads(r.content) == body
    finally:
        conn.close()
        conn.settings_dict["PORT"] = port
    # writes and pages outside the listed paths never look at the replica
    r = api("supervisor").get("penalty-cases")
    assert "X-Chengguan-Read-From" not in r
