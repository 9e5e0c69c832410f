from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: serving, health checks, backups. No models."""

    name = "lifeline.ops"
    verbose_name = _("Operations")
