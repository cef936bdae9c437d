from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("citycases", "0003_case_media_url"),
    ]

    operations = [
        migrations.AddField(
            model_name="citycase",
            name="query_code_digest",
            field=models.CharField(
                blank=True, default="", max_length=64, verbose_name="查询码摘要"
            ),
        ),
    ]
