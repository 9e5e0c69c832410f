"""Remembered searches move to Django's cache (archive/cache.py): their table goes.

The generation becomes a random number at each change (see cache.py); it is given one
here too, so that two databases (a test's, a restored copy's) sharing one Redis do not
both start at 0 and read each other's answers.
"""

import secrets

from django.db import migrations


def random_generation(apps, schema_editor):
    state = apps.get_model("archive", "IndexState")
    state.objects.using(schema_editor.connection.alias).filter(id=1).update(
        generation=secrets.randbits(62)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_verbose_names"),
    ]

    operations = [
        migrations.DeleteModel(name="RememberedSearch"),
        migrations.RunPython(random_generation, migrations.RunPython.noop),
    ]
