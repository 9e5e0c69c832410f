"""An edit queues warming, and `lifeline worker` carries it out.

On a SQLite file of the test's own, through the real commands in their own processes
(the suite's database lives in memory, which other processes cannot see).
"""

import json
import sqlite3

from django_tasks_db.models import DBTaskResult

from lifeline.archive.tasks import warm_searches
from tests.archive.processes import SHEETS, lifeline, sqlite_file_environment

EDIT = (
    "from lifeline.cases.models import Document; "
    "document = Document.objects.get(); "
    "document.body += ' The invented zanzibar clause.'; "
    "document.save()"
)
# A visitor's search on the search page, which records it as asked.
VISIT = (
    "from django.test import RequestFactory; "
    "from lifeline.archive.views import search_page; "
    "assert search_page(RequestFactory().get('/search/', {'q': 'zanzibar'})).status_code == 200"
)
REMEMBERED = (
    "from lifeline.archive import search; "
    "found = search('zanzibar'); "
    "print(found.total, found.from_memory)"
)


def test_an_edit_is_warmed_by_the_worker(tmp_path):
    env = sqlite_file_environment(tmp_path)
    lifeline(env, "migrate", "--noinput", "-v0")
    lifeline(env, "import", "--no-progress", str(SHEETS / "1997-03-14_ua-087-97.txt"))
    database = sqlite3.connect(tmp_path / "lifeline.sqlite3", isolation_level=None)
    tasks = DBTaskResult._meta.db_table
    path = warm_searches.module_path
    waiting = f"SELECT COUNT(*) FROM {tasks} WHERE task_path = ? AND status = 'READY'"  # noqa: S608
    assert database.execute(waiting, [path]).fetchone()[0] == 1  # queued by the import
    lifeline(env, "worker", "--until-empty", "--interval", "0.1")
    lifeline(env, "shell", "-v0", "-c", VISIT)

    lifeline(env, "shell", "-v0", "-c", EDIT)

    assert database.execute(waiting, [path]).fetchone()[0] == 1
    assert lifeline(env, "shell", "-v0", "-c", REMEMBERED).stdout.split() == ["1", "False"]
    lifeline(env, "shell", "-v0", "-c", EDIT)  # stale again: the worker is yet to run
    lifeline(env, "worker", "--until-empty", "--interval", "0.1")
    done = f"SELECT status, return_value FROM {tasks} WHERE task_path = ? ORDER BY enqueued_at"  # noqa: S608
    # The import's warming (the front page), then the edits' (the front page and
    # "zanzibar", which the visitor asked).
    assert database.execute(done, [path]).fetchall() == [("SUCCESSFUL", "1"), ("SUCCESSFUL", "2")]
    database.close()
    assert lifeline(env, "shell", "-v0", "-c", REMEMBERED).stdout.split() == ["1", "True"]
    found = json.loads(lifeline(env, "search", "--json", "zanzibar").stdout)
    assert found["total"] == 1
