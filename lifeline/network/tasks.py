"""Background tasks, run by `lifeline worker` (django-tasks with its database backend)."""

from django_tasks import task

from lifeline.network import sending


@task()
def send_notifications() -> dict:
    """Send one batch of due notifications over one SMTP connection."""
    report = sending.send_batch()
    return {
        "sent": report.sent,
        "retrying": report.retrying,
        "failed": report.failed,
        "lost": report.lost,
    }


@task()
def send_confirmations(member_ids: list[int]) -> int:
    """Send the double opt-in confirmation mail to these members."""
    from lifeline.network.signup import send_confirmation_mails

    return send_confirmation_mails(member_ids)


@task()
def purge_personal_data() -> dict:
    """Apply the retention periods (`lifeline.network.retention`); the worker also
    does this every hour by itself."""
    from lifeline.network.retention import purge

    return {name: count for name, count in vars(purge()).items()}
