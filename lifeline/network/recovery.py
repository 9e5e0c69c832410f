"""Keeping the task queue in step with the outbox.

Send tasks carry no message ids: each claims whatever is due. So the outbox
rows are the truth and tasks are only the nudges that make workers look.
Rows can be due without a task to look at them: a retry whose backoff has
passed, a row left `sending` by a killed worker whose lease has run out, a
digest whose day has come, or a publication whose process died between its
commit and the enqueue. Every worker calls `top_up()` now and then; extra
tasks are harmless, as a task that finds nothing due returns at once.
"""

from __future__ import annotations

import math

from django.conf import settings
from django_tasks_db.models import DBTaskResult

from lifeline.network import outbox
from lifeline.network.tasks import send_notifications


def waiting_tasks() -> int:
    return DBTaskResult.objects.ready().filter(task_path=send_notifications.module_path).count()


def top_up() -> int:
    """Enqueue send tasks until there is one per batch of due rows; returns how many."""
    needed = math.ceil(outbox.due_count() / settings.NOTIFY_BATCH_SIZE) - waiting_tasks()
    for _ in range(max(0, needed)):
        send_notifications.enqueue()
    return max(0, needed)
