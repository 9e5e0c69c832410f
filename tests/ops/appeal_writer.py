"""Records appeals through the real code until stopped, printing each acknowledged key.

Run as a process of its own beside `lifeline backup` (tests/ops/test_backup.py). A
key is printed only once record_appeal has returned, its transaction committed.
SIGTERM lets the appeal under way finish and be printed before the exit.
"""

import os
import signal
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifeline.settings")

import django

django.setup()

from lifeline.actions.appeals import record_appeal  # noqa: E402
from tests.cases.factories import make_action_case  # noqa: E402

stopping = False


def stop(signum, frame):
    global stopping
    stopping = True


signal.signal(signal.SIGTERM, stop)
_case, document = make_action_case()
target = document.groups.first().targets.first()
print("ready", flush=True)
while not stopping:
    key = uuid.uuid4()
    record_appeal(key=key, document=document, target=target, channel="email", language="en")
    print(key.hex, flush=True)
