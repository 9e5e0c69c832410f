"""Background tasks of the archive, run by `lifeline worker`."""

from django_tasks import task

from lifeline.archive import warming


# Below everything else: notifications about people at risk go out first.
@task(priority=-50)
def warm_searches() -> int:
    """Ask again the searches people made, after the index changed (see warming.py)."""
    return warming.warm()
