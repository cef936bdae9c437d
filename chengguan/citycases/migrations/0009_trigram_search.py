"""Trigram GIN indexes for the case-list search (decision 092); nothing on SQLite.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner that runs the migrations
(``chengguan_owner`` of scripts/pg_roles.sql) may create it without being a superuser. Where it
cannot be created the indexes are skipped with a notice and the search stays a bounded scan."""

from django.db import migrations

COLUMNS = ("number", "description", "address")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cur.fetchone() is None:
            try:
                cur.execute("SAVEPOINT cg_trgm")
                cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cur.execute("RELEASE SAVEPOINT cg_trgm")
            except Exception as exc:  # noqa: BLE001 - any refusal: keep the bounded scan
                cur.execute("ROLLBACK TO SAVEPOINT cg_trgm")
                print(f"\n  pg_trgm 未能启用（{exc.__class__.__name__}），案件检索不建三元组索引")
                return
        for column in COLUMNS:
            # Django's icontains on PostgreSQL is UPPER(col::text) LIKE UPPER(%s): the index is
            # on that expression, or the planner cannot use it
            cur.execute(
                f"CREATE INDEX IF NOT EXISTS citycase_trgm_{column} ON citycases_citycase"
                f" USING gin ((UPPER({column}::text)) gin_trgm_ops)"
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cur:
        for column in COLUMNS:
            cur.execute(f"DROP INDEX IF EXISTS citycase_trgm_{column}")


class Migration(migrations.Migration):
    dependencies = [("citycases", "0008_rollups")]

    operations = [migrations.RunPython(forward, backward)]
