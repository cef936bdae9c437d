"""Seed the working calendar from the chinesecalendar package for every year it knows (CAL-2)."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    from chengguan.core.calendar_seed import package_days

    CalendarDay = apps.get_model("core", "CalendarDay")
    existing = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=d, is_workday=w, name=n, source="package",
                        updated_at=dt.datetime.now(dt.UTC))
            for d, w, n in package_days()
            if d not in existing
        ],
        batch_size=2000,
    )


def unseed(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
