from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "lifeline.archive"
    verbose_name = _("Archive")

    def ready(self):
        from lifeline.archive import indexing

        indexing.connect_signals()
