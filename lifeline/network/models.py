"""Sections, members with their preferences, and the outbox: every mail the site sends.

A `Delivery` is one mail to one recipient. For notifications, its unique
(member, document) pair is what makes "each member gets each document once"
hold even when a document is published twice or two editors publish at once;
(member, outcome) does the same for good news, (appeal, kind) for appeal emails.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lifeline.cases.models import Concern, Document


class Section(models.Model):
    """A national office: its members and the coordinators who look after them."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coordinated_sections"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return f"{self.code}: {self.name}"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as an action is published")
    WEEKLY = "weekly", _("A weekly digest")


class Member(models.Model):
    """A letter writer: a user who can log in, with what they want to receive.

    `confirmed` is set when the owner of `email` follows the confirmation link:
    nothing but that link is ever sent before. `bounces` counts permanent
    failures in a row; at `NOTIFY_MAX_BOUNCES` the address gets no more mail.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254, unique=True)
    address = models.TextField(_("postal address"), blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    # Preferences: every action, or only those about chosen countries or concerns.
    all_actions = models.BooleanField(_("every urgent action"), default=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    concerns = models.ManyToManyField(Concern, blank=True, related_name="members")
    weekly_limit = models.PositiveSmallIntegerField(
        _("at most this many actions a week"), null=True, blank=True
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    confirmed = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    unsubscribed = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    bounces = models.PositiveSmallIntegerField(_("bounces in a row"), default=0)
    mail_stopped = models.DateTimeField(_("mail stopped after bounces"), null=True, blank=True)
    last_bounce = models.TextField(_("last bounce"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [
            # Publishing selects the members who may receive mail.
            models.Index(
                fields=["id"],
                condition=Q(
                    confirmed__isnull=False, unsubscribed__isnull=True, mail_stopped__isnull=True
                ),
                name="member_mailable_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def mailable(self) -> bool:
        return bool(self.confirmed and not self.unsubscribed and not self.mail_stopped)


class MemberCountry(models.Model):
    """A country a member chose, kept as rows so that publishing can match them in SQL."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="country_rows")
    code = models.CharField(_("country"), max_length=2)

    class Meta:
        verbose_name = _("member country")
        verbose_name_plural = _("member countries")
        constraints = [
            models.UniqueConstraint(fields=["member", "code"], name="member_country_uniq"),
        ]
        indexes = [
            # Publishing: members who chose one of the document's countries.
            models.Index(fields=["code"], name="member_country_code_idx"),
        ]

    def __str__(self):
        return self.code


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    RETRYING = "retrying", _("Retrying")


class MailKind(models.TextChoices):
    """What a mail of the outbox is; each is the name of its templates (`lib.emails`)."""

    NOTIFICATION = "notification", _("Urgent action")
    OUTCOME = "outcome", _("News of an outcome")
    CONFIRM = "confirm", _("Sign-up confirmation")
    RESET = "reset", _("Password reset")
    APPEAL_LINK = "appeal-link", _("Link to confirm a writer's address")
    APPEAL = "appeal", _("Appeal email to an official")


class Delivery(models.Model):
    """One mail to one recipient: a row of the outbox, the only way mail leaves the site.

    A notification of a document (or several, in a weekly digest) or the news
    of an outcome to a member or follower; a member's sign-up confirmation; a
    password reset link to a user; an appeal email to an official, or the link
    confirming the writer's address that comes first (both of an `appeal`,
    whose state follows its rows, see `outbox`). The request that makes one
    only queues it, in its own transaction; workers send it (`sending`).

    A worker claims rows by moving them to `sending` with its `claim` token and
    a `lease_until`; a row still `sending` after its lease belongs to a worker
    (or process) that died and may be claimed again. `next_attempt` is when a
    queued or retrying row becomes due (a weekly digest's rows wait for the
    digest day).
    """

    kind = models.CharField(
        _("kind"), max_length=20, choices=MailKind.choices, default=MailKind.NOTIFICATION
    )
    # Who it goes to: a member, a follower (only ever the news of an outcome), a
    # user (a password reset) or an address (`to`: an official, a writer).
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    follower = models.ForeignKey(
        "network.Follower",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mail",
    )
    to = models.EmailField(_("to"), max_length=254, blank=True)
    # An appeal email, or the link to its writer: deleted with it (and its writer's address).
    appeal = models.ForeignKey(
        "actions.OutgoingAppeal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    # What the templates need beyond the rows it names: JSON, no secrets (the
    # links that sign in or confirm are made when the message is written).
    context = models.JSONField(_("context"), default=dict, blank=True)
    # What the message is about: a published document, or an announced outcome.
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    outcome = models.ForeignKey(
        "cases.Outcome",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt = models.DateTimeField(_("next attempt"))
    claim = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent = models.DateTimeField(_("sent"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # Exactly once: a member gets a document once however often it is published.
            models.UniqueConstraint(fields=["member", "document"], name="delivery_once_uniq"),
            models.UniqueConstraint(
                fields=["member", "outcome"], name="delivery_outcome_once_uniq"
            ),
            models.CheckConstraint(
                condition=Q(kind="notification", document__isnull=False, outcome__isnull=True)
                | Q(kind="outcome", document__isnull=True, outcome__isnull=False)
                | (
                    ~Q(kind__in=["notification", "outcome"])
                    & Q(document__isnull=True, outcome__isnull=True)
                ),
                name="delivery_about_one_thing",
            ),
            # A follower hears each outcome once, and only outcomes.
            models.UniqueConstraint(
                fields=["follower", "outcome"], name="delivery_follower_outcome_once_uniq"
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False, follower__isnull=True, user__isnull=True, to="")
                | Q(
                    member__isnull=True,
                    follower__isnull=False,
                    user__isnull=True,
                    to="",
                    kind="outcome",
                )
                | Q(member__isnull=True, follower__isnull=True, user__isnull=False, to="")
                | (Q(member__isnull=True, follower__isnull=True, user__isnull=True) & ~Q(to="")),
                name="delivery_to_one_recipient",
            ),
            # An appeal email, and the link to its writer, are queued once each.
            models.UniqueConstraint(fields=["appeal", "kind"], name="delivery_appeal_once_uniq"),
        ]
        indexes = [
            # Workers claim due rows: queued/retrying by next_attempt, stale sending by lease.
            models.Index(
                fields=["next_attempt"],
                condition=Q(state__in=["queued", "retrying"]),
                name="delivery_due_idx",
            ),
            models.Index(
                fields=["lease_until"], condition=Q(state="sending"), name="delivery_lease_idx"
            ),
            # Further information: who received anything of this document's case.
            models.Index(fields=["document", "state"], name="delivery_document_state_idx"),
        ]

    def __str__(self):
        if self.kind == MailKind.NOTIFICATION:
            about = self.document_id
        elif self.kind == MailKind.OUTCOME:
            about = f"outcome {self.outcome_id}"
        else:
            about = self.kind
        if self.member_id:
            to = self.member_id
        elif self.follower_id:
            to = f"follower {self.follower_id}"
        else:
            to = f"user {self.user_id}" if self.user_id else self.to
        return f"{about} → {to} ({self.state})"

    @property
    def recipient(self) -> "Member | Follower | None":
        """The member or follower whose bounces the row counts; None for the others."""
        if self.member_id:
            return self.member
        return self.follower if self.follower_id else None


class Follower(models.Model):
    """An address that asked, on "I have sent it", to hear how a case goes on.

    Someone who wrote without signing in and gave their email: they get the
    news of the outcomes of the cases they wrote about, and nothing else. Made
    when an outcome is announced, from the appeals' addresses; stopping (the
    signed link in each message) deletes the row and blanks the address on
    every appeal, so nothing of it is kept. It answers to what the sender reads
    of a `Member`: email, language, code, mailable, bounces.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email"), max_length=254, unique=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    bounces = models.PositiveSmallIntegerField(_("bounces in a row"), default=0)
    mail_stopped = models.DateTimeField(_("mail stopped after bounces"), null=True, blank=True)
    last_bounce = models.TextField(_("last bounce"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    # What a member has and a follower has not.
    name = ""
    unsubscribed = None
    confirmed = True
    frequency = Frequency.IMMEDIATE

    class Meta:
        verbose_name = _("follower of a case")
        verbose_name_plural = _("followers of cases")

    def __str__(self):
        return f"follower {self.pk}"

    @property
    def mailable(self) -> bool:
        return self.mail_stopped is None


class SmtpRate(models.Model):
    """The next free sending slot of one SMTP server, shared by every worker.

    Stored in the database so that the limit holds across processes and
    machines, on SQLite as on PostgreSQL.
    """

    server = models.CharField(max_length=300, unique=True)
    next_slot = models.DateTimeField()

    class Meta:
        verbose_name = _("SMTP sending rate")
        verbose_name_plural = _("SMTP sending rates")

    def __str__(self):
        return self.server
