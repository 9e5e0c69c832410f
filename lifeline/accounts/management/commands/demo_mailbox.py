"""`lifeline demo_mailbox`: a local SMTP server that keeps the demo's mail in a folder."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lifeline.demo.mailbox import Keeper


class Command(BaseCommand):
    help = _(
        "Receive the mail that the demo's workers send, on a local SMTP port, and keep each "
        "message as a readable file (for make demo; nothing is delivered anywhere)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8025)
        parser.add_argument(
            "--folder", type=Path, default=settings.DATA_DIR / "mail", help=_("where to keep it")
        )

    def say(self, line: str) -> None:
        # Flushed at once: make demo runs this in the background beside the server's log.
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args, port, folder, **options):
        from aiosmtpd.controller import Controller  # a demo tool; production never loads it

        keeper = Keeper(folder, announce=self.say)
        controller = Controller(keeper, hostname="127.0.0.1", port=port)
        controller.start()
        self.say(
            _("Demo mail: smtp://127.0.0.1:%(port)s, kept in %(folder)s")
            % {"port": port, "folder": folder}
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
