"""Background tasks of the archive, run by `lifeline worker`."""

import logging

from django.db import DatabaseError, transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from lifeline.archive import warming

logger = logging.getLogger(__name__)


# Below everything else: notifications about people at risk go out first.
@task(priority=-50)
def warm_searches() -> int:
    """Ask again the searches people made, after the index changed (see warming.py)."""
    return warming.warm()


def enqueue_warming() -> None:
    """Enqueue `warm_searches`, unless one is waiting already: not yet started, it will
    see every change committed before it runs. Never fails the change that calls it."""
    try:
        with transaction.atomic():
            waiting = DBTaskResult.objects.ready().filter(task_path=warm_searches.module_path)
            if not waiting.exists():
                warm_searches.enqueue()
    except DatabaseError:
        # The change has committed; a search not warmed is only slower the first time.
        logger.warning("could not enqueue the warming of searches", exc_info=True)
