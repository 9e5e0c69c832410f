"""Delivery.outcome points at the Outcome model now in the cases app.

State only: the database's foreign key already points at the table cases 0004
renamed (PostgreSQL holds the reference by the table itself, SQLite rewrites it
on rename), so nothing is rebuilt, and going back needs nothing either.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_followers"),
        ("cases", "0004_outcomes_and_points_translations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="delivery",
                    name="outcome",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="cases.outcome",
                    ),
                ),
            ],
        ),
    ]
