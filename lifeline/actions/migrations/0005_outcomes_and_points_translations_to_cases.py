"""Outcomes and translations of appeal points left for the cases app (cases 0004).

State only: their tables and rows now belong to cases, which renamed them.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_outcome_closes_case"),
        ("cases", "0004_outcomes_and_points_translations"),
        # Nothing may point at actions.Outcome when it leaves the state.
        ("network", "0005_delivery_outcome_in_cases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Outcome"),
                migrations.DeleteModel(name="AppealPointsTranslation"),
            ],
        ),
    ]
