"""Background tasks, run by `lifeline worker` (django-tasks with its database backend).

Every mail goes through `send_notifications`: a task carries no message, it only
makes a worker send whatever the outbox holds that is due (`postbox` enqueues it).
"""

from django_tasks import task

from lifeline.network import retention, sending


@task()
def send_notifications() -> dict:
    """Send one batch of due mail of the outbox over one SMTP connection."""
    report = sending.send_batch()
    return {
        "sent": report.sent,
        "retrying": report.retrying,
        "failed": report.failed,
        "lost": report.lost,
    }


@task()
def purge_personal_data() -> dict:
    """Apply the retention periods (`lifeline.network.retention`); the worker also
    does this every hour by itself."""
    return {name: count for name, count in vars(retention.purge()).items()}
