"""The table of Django's database cache (settings.CACHES), made with the schema.

Without it the configured cache would fail at its first use; `createcachetable`
does nothing when the cache is Redis (REDIS_URL) or the table exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
