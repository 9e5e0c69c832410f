"""Outcomes and translations of appeal points join the cases app from actions.

Their rows stay where they are: the models are created here in the migration
state only, on the actions tables, and the tables are then renamed to this app's
names (the foreign keys that point at them follow the rename in PostgreSQL and
SQLite alike). Their content types move too, so permissions given on them and
the admin's history keep pointing at them. actions 0005 drops the models from
the actions state once network 0005 has pointed Delivery.outcome here.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import lifeline.cases.models

MOVED = ["outcome", "appealpointstranslation"]


def _move_content_types(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        # A database migrated once already has the target's row from post_migrate:
        # leave both rather than break the unique (app_label, model) pair.
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def content_types_to_cases(apps, schema_editor):
    _move_content_types(apps, "actions", "cases")


def content_types_to_actions(apps, schema_editor):
    _move_content_types(apps, "cases", "actions")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_handwritten_documents_without_hash"),
        ("actions", "0004_outcome_closes_case"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AppealPointsTranslation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "language",
                            models.CharField(
                                choices=lifeline.cases.models._translation_languages,
                                max_length=10,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "points",
                            models.JSONField(default=list, verbose_name="translated points"),
                        ),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("updated", models.DateTimeField(auto_now=True)),
                        (
                            "group",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="translations",
                                to="cases.appealgroup",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "translation of appeal points",
                        "verbose_name_plural": "translations of appeal points",
                        "ordering": ["group", "language"],
                        "db_table": "actions_appealpointstranslation",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("group", "language"), name="points_translation_uniq"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Outcome",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("released", "Released"),
                                    ("charges_dropped", "Charges dropped"),
                                    ("acquitted", "Acquitted"),
                                    ("sentence_commuted", "Sentence commuted"),
                                    ("not_returned", "Not forcibly returned"),
                                    (
                                        "treatment_improved",
                                        "Access to family, lawyer or medical care",
                                    ),
                                    ("other", "Other"),
                                ],
                                max_length=20,
                                verbose_name="what happened",
                            ),
                        ),
                        (
                            "summary",
                            models.TextField(
                                help_text=(
                                    "What happened, in a few sentences for the members who wrote."
                                ),
                                verbose_name="summary",
                            ),
                        ),
                        (
                            "happened",
                            models.DateField(
                                blank=True, null=True, verbose_name="date it happened"
                            ),
                        ),
                        (
                            "recorded",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="recorded"
                            ),
                        ),
                        (
                            "announced",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="announced to the writers"
                            ),
                        ),
                        (
                            "closes_case",
                            models.BooleanField(
                                default=False,
                                help_text=(
                                    "Tick when no more appeals are needed (for example, everyone "
                                    "at risk was released): the case is then shown as closed, "
                                    "leaves the open actions and its letter page asks for no more "
                                    "letters, as after a stop action."
                                ),
                                verbose_name="closes the case",
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="outcomes",
                                to="cases.case",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="recorded by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outcome",
                        "verbose_name_plural": "outcomes",
                        "ordering": ["-recorded"],
                        "db_table": "actions_outcome",
                    },
                ),
            ],
        ),
        # None: the app's default names, cases_outcome and cases_appealpointstranslation.
        migrations.AlterModelTable(name="appealpointstranslation", table=None),
        migrations.AlterModelTable(name="outcome", table=None),
        migrations.RunPython(content_types_to_cases, content_types_to_actions),
    ]
