"""Documents written by hand have no source hash (NULL) instead of a blank one.

Blank hashes collided in the unique constraint, so only one such document could
exist; the one that does gets NULL like those written from now on.
"""

from django.db import migrations, models


def blank_to_null(apps, schema_editor):
    Document = apps.get_model("cases", "Document")
    Document.objects.filter(source_hash="").update(source_hash=None)


def null_to_blank(apps, schema_editor):
    # Back to a blank hash is possible for one document only; more cannot go back.
    Document = apps.get_model("cases", "Document")
    Document.objects.filter(source_hash__isnull=True).update(source_hash="")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_verbose_names"),
    ]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="source_hash",
            field=models.CharField(
                blank=True, max_length=64, null=True, verbose_name="source hash"
            ),
        ),
        migrations.RunPython(blank_to_null, null_to_blank, elidable=True),
    ]
