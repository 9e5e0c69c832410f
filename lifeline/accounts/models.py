"""What the accounts app stores: when an address last got an account mail."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailWindow(models.Model):
    """The last confirmation or password-reset mail to one address (mail_window.py).

    Kept under a hash of the kind and the address, never the address, and
    deleted once the window has passed.
    """

    key = models.CharField(max_length=64, unique=True)
    sent = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("account mail window")
        verbose_name_plural = _("account mail windows")

    def __str__(self):
        return f"{self.key[:12]}… {self.sent:%Y-%m-%d %H:%M}"
