"""Counters of penalty numbers moved to the ``penalty.`` namespace (before: bare kinds such as
``decision``, which other domains' counters could collide with). Existing counters keep their value."""

from django.db import migrations

RENAMED = {
    "penalty_case": "penalty.case",
    "onsite_decision": "penalty.onsite_decision",
    "decision": "penalty.decision",
    "transfer": "penalty.transfer",
    "no_penalty_decision": "penalty.no_penalty_decision",
}


def forwards(apps, schema_editor):
    Counter = apps.get_model("core", "Counter")
    for old, new in RENAMED.items():
        for row in Counter.objects.filter(kind=old):
            if not Counter.objects.filter(bureau_id=row.bureau_id, kind=new, year=row.year).exists():
                row.kind = new
                row.save(update_fields=["kind"])


class Migration(migrations.Migration):
    dependencies = [
        ("penalties", "0001_initial"),
        ("core", "0002_seed_calendar"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
