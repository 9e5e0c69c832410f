from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, using, **kwargs):
    from lifeline.accounts.roles import ensure_roles

    ensure_roles(using=using)


class AccountsConfig(AppConfig):
    name = "lifeline.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib import admin

        from lifeline.accounts.forms import AdminSignInForm

        # The admin's sign-in asks for the second factor of those who turned it on.
        admin.site.login_form = AdminSignInForm
        # post_migrate is sent once per app that has models: listen for auth's,
        # which comes after every app's tables exist.
        post_migrate.connect(
            _ensure_roles,
            sender=apps.get_app_config("auth"),
            dispatch_uid="lifeline.accounts.roles",
        )
