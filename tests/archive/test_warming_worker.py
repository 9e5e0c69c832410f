"""An edit made outside the import queues warming, and `lifeline worker` carries it out.

On a SQLite file of the test's own, through the real commands in their own processes
(the suite's database lives in memory, which other processes cannot see).
"""

import json
import sqlite3

from django_tasks_db.models import DBTaskResult

from lifeline.archive.models import IndexState, RememberedSearch
from lifeline.archive.tasks import warm_searches
from tests.archive.processes import SHEETS, lifeline, sqlite_file_environment

EDIT = (
    "from lifeline.cases.models import Document; "
    "document = Document.objects.get(); "
    "document.body += ' The invented zanzibar clause.'; "
    "document.save()"
)


def test_an_edit_is_warmed_by_the_worker(tmp_path):
    env = sqlite_file_environment(tmp_path)
    lifeline(env, "migrate", "--noinput", "-v0")
    lifeline(env, "import", "--no-progress", str(SHEETS / "1997-03-14_ua-087-97.txt"))
    assert json.loads(lifeline(env, "search", "--json", "zanzibar").stdout)["total"] == 0
    database = sqlite3.connect(tmp_path / "lifeline.sqlite3", isolation_level=None)
    tasks, state = DBTaskResult._meta.db_table, IndexState._meta.db_table
    remembered = RememberedSearch._meta.db_table
    current = (
        f"SELECT COUNT(*) FROM {remembered} r JOIN {state} s "  # noqa: S608
        "ON r.generation = s.generation"
    )
    path = warm_searches.module_path
    waiting = f"SELECT COUNT(*) FROM {tasks} WHERE task_path = ? AND status = 'READY'"  # noqa: S608

    lifeline(env, "shell", "-c", EDIT)

    assert database.execute(current).fetchone()[0] == 0  # the edit made them stale
    assert database.execute(waiting, [path]).fetchone()[0] == 1
    lifeline(env, "worker", "--until-empty", "--interval", "0.1")
    done = f"SELECT status, return_value FROM {tasks} WHERE task_path = ?"  # noqa: S608
    assert database.execute(done, [path]).fetchall() == [("SUCCESSFUL", "2")]
    # The front page and "zanzibar": facet counts and first page of each.
    assert database.execute(current).fetchone()[0] == 4
    database.close()
    found = json.loads(lifeline(env, "search", "--json", "zanzibar").stdout)
    assert found["total"] == 1
