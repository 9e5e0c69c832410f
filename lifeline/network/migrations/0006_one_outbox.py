"""One outbox for every mail: what a row is (`kind`), and recipients that are not members."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def mark_outcomes(apps, schema_editor):
    Delivery = apps.get_model("network", "Delivery")
    Delivery.objects.filter(outcome__isnull=False).update(kind="outcome")


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_outcome_closes_case"),
        ("network", "0005_delivery_outcome_in_cases"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="delivery",
            name="delivery_about_one_thing",
        ),
        migrations.RemoveConstraint(
            model_name="delivery",
            name="delivery_to_one_recipient",
        ),
        migrations.AddField(
            model_name="delivery",
            name="appeal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to="actions.outgoingappeal",
            ),
        ),
        migrations.AddField(
            model_name="delivery",
            name="context",
            field=models.JSONField(blank=True, default=dict, verbose_name="context"),
        ),
        migrations.AddField(
            model_name="delivery",
            name="kind",
            field=models.CharField(
                choices=[
                    ("notification", "Urgent action"),
                    ("outcome", "News of an outcome"),
                    ("confirm", "Sign-up confirmation"),
                    ("reset", "Password reset"),
                    ("appeal-link", "Link to confirm a writer's address"),
                    ("appeal", "Appeal email to an official"),
                ],
                default="notification",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="delivery",
            name="to",
            field=models.EmailField(blank=True, max_length=254, verbose_name="to"),
        ),
        migrations.AddField(
            model_name="delivery",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="mail",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        # The rows there are are notifications, or news of an outcome.
        migrations.RunPython(mark_outcomes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="delivery",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("document__isnull", False),
                        ("kind", "notification"),
                        ("outcome__isnull", True),
                    ),
                    models.Q(
                        ("document__isnull", True), ("kind", "outcome"), ("outcome__isnull", False)
                    ),
                    models.Q(
                        models.Q(("kind__in", ["notification", "outcome"]), _negated=True),
                        ("document__isnull", True),
                        ("outcome__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="delivery_about_one_thing",
            ),
        ),
        migrations.AddConstraint(
            model_name="delivery",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("follower__isnull", True),
                        ("member__isnull", False),
                        ("to", ""),
                        ("user__isnull", True),
                    ),
                    models.Q(
                        ("follower__isnull", False),
                        ("kind", "outcome"),
                        ("member__isnull", True),
                        ("to", ""),
                        ("user__isnull", True),
                    ),
                    models.Q(
                        ("follower__isnull", True),
                        ("member__isnull", True),
                        ("to", ""),
                        ("user__isnull", False),
                    ),
                    models.Q(
                        ("follower__isnull", True),
                        ("member__isnull", True),
                        ("user__isnull", True),
                        models.Q(("to", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="delivery_to_one_recipient",
            ),
        ),
        migrations.AddConstraint(
            model_name="delivery",
            constraint=models.UniqueConstraint(
                fields=("appeal", "kind"), name="delivery_appeal_once_uniq"
            ),
        ),
    ]
