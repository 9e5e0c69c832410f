"""`lifeline demo_logins`: the demo editor login, for `make demo` and local work."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from lifeline.accounts.roles import EDITORS, ensure_roles

EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "lifeline-editor"  # noqa: S105 - printed on purpose, DEBUG only


class Command(BaseCommand):
    help = _(
        "Create (or reset) the demo editor login and print the site address and the login. "
        "Only with DEBUG=True: the password is public."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _("demo_logins sets a published password; run it with DEBUG=True only.")
            )
        ensure_roles()
        user, _created = get_user_model().objects.get_or_create(username=EDITOR_USERNAME)
        user.set_password(EDITOR_PASSWORD)
        user.is_staff = True
        user.is_superuser = False
        user.is_active = True
        user.save()
        user.groups.set([Group.objects.get(name=EDITORS)])
        # SITE_URL is where the demo serves (make demo sets it from its port), so the
        # addresses printed here and those in the demo's mail are the ones that answer.
        site = settings.SITE_URL
        self.stdout.write(_("Site:   %(url)s") % {"url": f"{site}/"})
        self.stdout.write(_("Admin:  %(url)s") % {"url": site + reverse("admin:index")})
        self.stdout.write(
            _("Editor: %(username)s / %(password)s")
            % {"username": EDITOR_USERNAME, "password": EDITOR_PASSWORD}
        )
