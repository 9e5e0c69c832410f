"""Appeal emails left `sending` by the old sending inside the web request are queued.

Before the outbox, a process that died while it sent an appeal email left it
`sending` for ever; whether the official got it is unknown. The outbox treats
such a message as it treats one whose worker died (sent again, with at-least-once
semantics), so each gets a row of the outbox and a worker sends it.
"""

from django.db import migrations
from django.utils import timezone


def queue_interrupted(apps, schema_editor):
    OutgoingAppeal = apps.get_model("actions", "OutgoingAppeal")
    Delivery = apps.get_model("network", "Delivery")
    now = timezone.now()
    stuck = OutgoingAppeal.objects.filter(state="sending").exclude(
        pk__in=Delivery.objects.filter(kind="appeal").values("appeal_id")
    )
    Delivery.objects.bulk_create(
        Delivery(kind="appeal", appeal=outgoing, to=outgoing.to, state="queued", next_attempt=now)
        for outgoing in stuck
    )


class Migration(migrations.Migration):
    dependencies = [("network", "0006_one_outbox")]

    operations = [migrations.RunPython(queue_interrupted, migrations.RunPython.noop)]
