"""Appeals members say they sent, emails the site sends for them, point translations
and the outcomes editors record."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lifeline.cases.models import AppealGroup, Case, Document, Target, refresh_summaries
from lifeline.letters.frames import FRAMES


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


def _translation_languages():
    return [(code, code) for code in FRAMES if code != "en"]


class AppealPointsTranslation(models.Model):
    """An editor's translation of one appeal group's points into one language.

    `points` holds one translated point for each of the group's points, in the
    same order (the composer refuses a list of another length).
    """

    group = models.ForeignKey(AppealGroup, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, choices=_translation_languages)
    points = models.JSONField(_("translated points"), default=list)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "language"]
        verbose_name = _("translation of appeal points")
        verbose_name_plural = _("translations of appeal points")
        constraints = [
            # The letter writer looks up one translation per group and language.
            models.UniqueConstraint(fields=["group", "language"], name="points_translation_uniq"),
        ]

    def __str__(self):
        return f"{self.group} ({self.language})"


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


class OutgoingState(models.TextChoices):
    WAITING = "waiting", _("Waiting for the writer to confirm")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingAppeal(models.Model):
    """An appeal email the site sends to a target for a writer, Reply-To the writer.

    Held as `waiting` until the writer follows the confirmation link; whoever
    moves it from `waiting` to `sending` with a conditional update sends it.
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
    # For the limits per client and per sender domain (see lifeline.actions.sending):
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


class OutcomeKind(models.TextChoices):
    RELEASED = "released", _("Released")
    CHARGES_DROPPED = "charges_dropped", _("Charges dropped")
    ACQUITTED = "acquitted", _("Acquitted")
    SENTENCE_COMMUTED = "sentence_commuted", _("Sentence commuted")
    NOT_RETURNED = "not_returned", _("Not forcibly returned")
    TREATMENT_IMPROVED = "treatment_improved", _("Access to family, lawyer or medical care")
    OTHER = "other", _("Other")


class Outcome(models.Model):
    """What happened to the people at risk, as an editor recorded it.

    Announcing it sends the news to every member who wrote about the case (see
    `lifeline.network.publishing.announce`); `announced` is set once, so
    announcing twice sends nothing the second time.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("what happened"), max_length=20, choices=OutcomeKind.choices)
    summary = models.TextField(
        _("summary"),
        help_text=_("What happened, in a few sentences for the members who wrote."),
    )
    happened = models.DateField(_("date it happened"), null=True, blank=True)
    recorded = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    announced = models.DateTimeField(_("announced to the writers"), null=True, blank=True)
    closes_case = models.BooleanField(
        _("closes the case"),
        default=False,
        help_text=_(
            "Tick when no more appeals are needed (for example, everyone at risk was "
            "released): the case is then shown as closed, leaves the open actions and "
            "its letter page asks for no more letters, as after a stop action."
        ),
    )

    class Meta:
        ordering = ["-recorded"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return f"{self.case}: {self.get_kind_display()}"


# The case's `closed` summary counts closing outcomes (Case.summarise), so it is
# refreshed whenever an outcome is saved or deleted, however that happens (admin,
# shell, a queryset's delete()); the archive's index follows the case's save.
@receiver(pre_save, sender=Outcome, dispatch_uid="actions.outcome_saving")
def _outcome_saving(sender, instance, raw=False, **kwargs):
    # An outcome moved to another case (corrected in the admin) may reopen the first.
    instance._case_before = None
    if not raw and instance.pk is not None:
        instance._case_before = (
            Outcome.objects.filter(pk=instance.pk).values_list("case_id", flat=True).first()
        )


@receiver(post_save, sender=Outcome, dispatch_uid="actions.outcome_saved")
def _outcome_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    cases = [instance.case]
    before = getattr(instance, "_case_before", None)
    if before is not None and before != instance.case_id:
        cases.extend(Case.objects.filter(pk=before))
    refresh_summaries(cases)


@receiver(post_delete, sender=Outcome, dispatch_uid="actions.outcome_deleted")
def _outcome_deleted(sender, instance, origin=None, **kwargs):
    # Deleting a case deletes its outcomes first: there is no case left to refresh.
    if isinstance(origin, Case) or getattr(origin, "model", None) is Case:
        return
    refresh_summaries(list(Case.objects.filter(pk=instance.case_id)))
