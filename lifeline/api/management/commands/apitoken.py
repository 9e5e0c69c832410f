"""`lifeline apitoken USERNAME`: make an API token for a user and print it once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lifeline.api.models import ApiToken


class Command(BaseCommand):
    help = (
        "Make an API token for USERNAME and print it. Only a digest is stored, so the "
        "token cannot be shown again; make a new one if it is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--name", default="", help="A label for the token, e.g. the tool using it."
        )

    def handle(self, *args, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: options["username"]})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {options['username']!r}.") from None
        if not user.is_active:
            raise CommandError(
                f"User {options['username']!r} is not active; its token would not work."
            )
        _, secret = ApiToken.issue(user, name=options["name"])
        self.stdout.write(secret)
        self.stderr.write(
            f"Token for {user.get_username()}: send it as 'Authorization: Bearer <token>'. "
            "It is shown only now."
        )
