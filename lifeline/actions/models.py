"""Appeals members say they sent and emails the site sends for them."""

import datetime as dt
import uuid

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lifeline.cases.models import Document, Target


class Channel(models.TextChoices):
    LETTER = "letter", _("Printed letter")
    EMAIL = "email", _("Email")
    FAX = "fax", _("Fax")


class Appeal(models.Model):
    """One letter, email or fax from one member to one target about one document.

    `key` is drawn into the "I have sent it" form when the page is made, so a
    double click or a retried request finds the appeal already recorded instead
    of counting it twice. A writer is a user, or anonymous with or without an
    email address.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.UUIDField(_("idempotency key"))
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="appeals")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="appeals")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=10)
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
    )
    email = models.EmailField(_("writer's email"), blank=True)
    sent = models.DateTimeField(_("sent"), default=timezone.now)
    # Keyed hashes (see lifeline.actions.clients), never the address or cookie itself:
    # an anonymous writer's browser, so the counts take their appeals once per
    # official and channel, and the client's network address, for the rate limit.
    browser = models.CharField(max_length=64, blank=True, default="", editable=False)
    client = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-sent"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            # One appeal per key: the idempotency of "I have sent it".
            models.UniqueConstraint(fields=["key"], name="appeal_key_uniq"),
        ]
        indexes = [
            # Running counts per target and channel on the case page.
            models.Index(fields=["document", "target", "channel"], name="appeal_counts_idx"),
            # Statistics by day.
            models.Index(fields=["sent"], name="appeal_sent_idx"),
            # Rate limit: what one client recorded in the last hour.
            models.Index(fields=["client", "sent"], name="appeal_client_sent_idx"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} to {self.target} ({self.sent:%Y-%m-%d})"


class SenderAddress(models.Model):
    """A writer's email address, confirmed by following a link sent to it."""

    email = models.EmailField(_("email address"), unique=True)
    confirmed = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sender address")
        verbose_name_plural = _("sender addresses")

    def __str__(self):
        return self.email


# How long the link that confirms a writer's address works.
CONFIRMATION_MAX_AGE = dt.timedelta(days=2)
# Signed links made before `network.appeal_emails` had its name must keep working: the salt stays.
CONFIRMATION_SALT = "lifeline.actions.sending.confirm"


class OutgoingState(models.TextChoices):
    WAITING = "waiting", _("Waiting for the writer to confirm")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingAppeal(models.Model):
    """An appeal email the site sends to a target for a writer, Reply-To the writer.

    Held as `waiting` until the writer follows the confirmation link; whoever
    moves it from `waiting` to `sending` with a conditional update queues it in
    the outbox (`network.Delivery`, in the same transaction), and from then on
    its state follows its row there: `sent` when a worker has sent it, `failed`
    when the row (or the link to the writer) failed for good. See
    `lifeline.network.appeal_emails`.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sender = models.ForeignKey(SenderAddress, on_delete=models.CASCADE, related_name="outgoing")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="outgoing")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="outgoing")
    to = models.EmailField(_("to"))
    writer_name = models.CharField(_("writer's name"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"))
    state = models.CharField(
        _("state"), max_length=10, choices=OutgoingState.choices, default=OutgoingState.WAITING
    )
    error = models.TextField(_("error"), blank=True)
    created = models.DateTimeField(default=timezone.now)
    # When the link to confirm the writer's address went out; None when the
    # writer had already confirmed it in this browser.
    confirmation_sent = models.DateTimeField(null=True, blank=True)
    sent = models.DateTimeField(_("sent"), null=True, blank=True)
    # For the limits per client and per sender domain (see lifeline.network.appeal_emails):
    # a keyed hash of the client's network address, and the sender's mail domain.
    client = models.CharField(max_length=64, blank=True, default="", editable=False)
    domain = models.CharField(max_length=255, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("appeal email")
        verbose_name_plural = _("appeal emails")
        constraints = [
            # One email per writer, document and target: the site is not a megaphone.
            models.UniqueConstraint(
                fields=["sender", "document", "target"],
                condition=~Q(state="failed"),
                name="outgoing_once_per_target_uniq",
            ),
        ]
        indexes = [
            # Rate limits: what an address asked the site to send in the last hour.
            models.Index(fields=["sender", "created"], name="outgoing_sender_created_idx"),
            models.Index(fields=["client", "created"], name="outgoing_client_created_idx"),
            models.Index(fields=["domain", "created"], name="outgoing_domain_created_idx"),
            models.Index(fields=["target", "created"], name="outgoing_target_created_idx"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to} ({self.state})"


def confirmation_token(outgoing: OutgoingAppeal) -> str:
    """The signed token of the link that confirms `outgoing`'s writer (`network.appeal_emails`).

    Made when the link's mail is written, never stored (see `Delivery.context`).
    """
    return signing.dumps(str(outgoing.code), salt=CONFIRMATION_SALT, compress=False)
