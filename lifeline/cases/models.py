"""The case thread and its documents, appeal groups, points and the target directory;
editors' translations of the points and the outcomes they record."""

import datetime as dt
import hashlib
import re
import unicodedata
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lifeline.letters.frames import FRAMES


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PAST_DEADLINE = "past_deadline", _("Past deadline")
    CLOSED = "closed", _("Closed")


class DocumentKind(models.TextChoices):
    URGENT_ACTION = "urgent_action", _("Urgent Action")
    FURTHER_INFORMATION = "further_information", _("Further information")
    STOP_ACTION = "stop_action", _("Stop action")
    NEWS = "news", _("News")
    OTHER = "other", _("Other")


class Concern(models.Model):
    """One entry of the normalised concern vocabulary ("Fear for safety")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")

    def __str__(self):
        return self.name


class CaseQuerySet(models.QuerySet):
    def with_status(self, status: str, today: dt.date | None = None):
        """Filter by the derived status; the deadline half depends on today's date."""
        today = today or timezone.localdate()
        if status == CaseStatus.CLOSED:
            return self.filter(closed=True)
        if status == CaseStatus.PAST_DEADLINE:
            return self.filter(closed=False, deadline__lt=today)
        if status == CaseStatus.OPEN:
            return self.filter(Q(deadline__gte=today) | Q(deadline__isnull=True), closed=False)
        return self.none()


class Case(models.Model):
    """The thread that holds a UA, its updates, stop action and related news.

    `deadline`, `closed`, `title`, `issued` and `countries` are summaries of the
    documents, rewritten by `refresh_summary()` whenever a document joins, so
    that list pages can filter and sort without joining every document.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    ua_number = models.CharField(_("UA number"), max_length=20, null=True, blank=True, unique=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    deadline = models.DateField(_("appeal deadline"), null=True, blank=True)
    closed = models.BooleanField(_("closed"), default=False)
    issued = models.DateField(_("first issued"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-issued", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # Home page: open cases, nearest deadline first.
            models.Index(fields=["closed", "deadline"], name="case_open_deadline_idx"),
            # Case list sorted by date and filtered by year.
            models.Index(fields=["issued"], name="case_issued_idx"),
        ]

    def __str__(self):
        if self.ua_number:
            return f"UA {self.ua_number}: {self.title}"
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse("cases:case", kwargs={"slug": self.slug})

    def status_on(self, today: dt.date) -> str:
        if self.closed:
            return CaseStatus.CLOSED
        if self.deadline and self.deadline < today:
            return CaseStatus.PAST_DEADLINE
        return CaseStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(CaseStatus(self.status).label)

    def refresh_summary(self) -> None:
        """Rewrite the summary fields from the case's documents (see `refresh_summaries`)."""
        refresh_summaries([self])

    def summarise(self, documents: list[dict], ended: bool = False) -> None:
        """Set the summary fields from `documents` (dicts of SUMMARY_SOURCE), unsaved.

        The one place the summary rules live; `refresh_summaries()` feeds it from
        the database, the importer from documents it is about to insert.

        - title: the original Urgent Action's, else the newest document's;
        - countries: the union over the documents, oldest first, in their order;
        - deadline: the newest document's that has one (a later update may move it
          earlier, so this is not the maximum);
        - closed: any stop action, or `ended`: an outcome an editor marked as
          closing the case (a release, say), which ends the appeals the same way;
        - issued: the earliest `document_date()`.

        "Newest" is by `document_date()`, then update number, then import order.
        """
        documents = sorted(documents, key=_chronological)
        originals = [d for d in documents if d["kind"] == DocumentKind.URGENT_ACTION]
        if originals:
            self.title = originals[0]["title"]
        elif documents:
            self.title = documents[-1]["title"]
        countries: list[str] = []
        for document in documents:
            countries.extend(c for c in document["countries"] if c not in countries)
        self.countries = countries
        deadlines = [d["appeal_deadline"] for d in documents if d["appeal_deadline"]]
        self.deadline = deadlines[-1] if deadlines else None
        self.closed = ended or any(d["kind"] == DocumentKind.STOP_ACTION for d in documents)
        dates = [date for d in documents if (date := document_date(**_date_fields(d)))]
        self.issued = min(dates) if dates else None


def refresh_summaries(cases: list[Case]) -> None:
    """Rewrite the summary fields of `cases` from their documents and save them.

    One query for all their documents, one for the cases an outcome closes (the
    `Outcome.closes_case`), then one UPDATE per case (cheaper here than
    bulk_update(), whose CASE expressions cost more to build than they save).
    """
    if not cases:
        return
    documents: dict[int, list[dict]] = {case.pk: [] for case in cases}
    rows = Document.objects.filter(case__in=cases).order_by().values("case_id", *SUMMARY_SOURCE)
    for row in rows:
        documents[row["case_id"]].append(row)
    ended = set(
        Case.objects.filter(pk__in=list(documents), outcomes__closes_case=True)
        .order_by()
        .values_list("pk", flat=True)
    )
    for case in cases:
        case.summarise(documents[case.pk], ended=case.pk in ended)
        case.save(update_fields=[*SUMMARY_FIELDS, "updated"])


SUMMARY_FIELDS = ["title", "countries", "deadline", "closed", "issued"]
# The document fields the summary is made from.
SUMMARY_SOURCE = [
    "pk",
    "kind",
    "title",
    "countries",
    "issue_date",
    "appeal_deadline",
    "update_number",
    "document_index",
    "ua_number",
]

# Most sheets ask for appeals within about six weeks of issue; used to place a
# sheet without an issue date but with a deadline.
APPEAL_WINDOW = dt.timedelta(weeks=6)


def _year(number: str | None) -> int | None:
    """The year of "105/00" or "ASA 17/21/00" (last part; two digits pivot at 1970)."""
    match = re.search(r"/\s*(\d{2}|\d{4})\s*$", number or "")
    if not match:
        return None
    year = int(match.group(1))
    if year < 100:
        # The UA network started in 1973, so "99" is 1999 and "05" is 2005.
        year += 1900 if year >= 70 else 2000
    return year


def document_date(
    issue_date: dt.date | None,
    appeal_deadline: dt.date | None = None,
    document_index: str | None = None,
    ua_number: str | None = None,
) -> dt.date | None:
    """When a document came out, or the best estimate for undated legacy sheets.

    The issue date; else six weeks before the appeal deadline; else 1 January of
    the year in the document index or, failing that, in the UA number.
    """
    if issue_date:
        return issue_date
    if appeal_deadline:
        return appeal_deadline - APPEAL_WINDOW
    year = _year(document_index) or _year(ua_number)
    return dt.date(year, 1, 1) if year else None


def date_basis(
    issue_date: dt.date | None,
    appeal_deadline: dt.date | None = None,
    document_index: str | None = None,
    ua_number: str | None = None,
) -> str | None:
    """Where `document_date()` takes its date from: "issued" (the sheet gives it),
    "deadline" (six weeks before the appeal deadline), "year" (1 January of the year
    in its numbers) or None (no date at all).

    Only "issued" may be shown as an issue date; the others are estimates for sorting.
    """
    if issue_date:
        return "issued"
    if appeal_deadline:
        return "deadline"
    if _year(document_index) or _year(ua_number):
        return "year"
    return None


def _date_fields(document: dict) -> dict:
    return {
        "issue_date": document["issue_date"],
        "appeal_deadline": document["appeal_deadline"],
        "document_index": document["document_index"],
        "ua_number": document["ua_number"],
    }


def _chronological(document: dict) -> tuple:
    date = document_date(**_date_fields(document)) or dt.date.min
    return (date, document["update_number"] or 0, document["pk"])


class Document(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    ua_number = models.CharField(_("UA number"), max_length=20, blank=True)
    update_number = models.PositiveIntegerField(_("update number"), null=True, blank=True)
    # NULL rather than "" for sheets without an index, so the unique constraint skips them.
    document_index = models.CharField(  # noqa: DJ001
        _("document index"), max_length=40, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    concerns = models.ManyToManyField(Concern, blank=True, related_name="documents")
    countries = models.JSONField(_("countries"), default=list, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    appeal_deadline = models.DateField(_("appeal deadline"), null=True, blank=True)
    appeal_immediately = models.BooleanField(_("appeal immediately"), default=False)
    people_at_risk = models.JSONField(_("people at risk"), default=list, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    own_language = models.BooleanField(_("own language allowed"), default=False)
    copies_to = models.TextField(_("copies to"), blank=True)
    model_letter = models.TextField(_("model letter"), blank=True)
    body = models.TextField(_("background"), blank=True)
    source_name = models.CharField(_("source file"), max_length=500, blank=True)
    source_text = models.TextField(_("original text"), blank=True)
    # NULL for documents written by hand in the admin: they have no source bytes, and
    # NULLs do not collide in the unique constraint (a blank hash did, on the second).
    source_hash = models.CharField(  # noqa: DJ001
        _("source hash"), max_length=64, null=True, blank=True
    )
    warnings = models.JSONField(_("parser warnings"), default=list, blank=True)
    published = models.DateTimeField(_("published"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["issue_date", "update_number", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # Re-importing the same bytes is recognised by hash. A plain index (NULLs
            # are distinct), so the importer's lookups by hash can use it on SQLite too.
            models.UniqueConstraint(fields=["source_hash"], name="document_source_hash_uniq"),
            # A document index names one document; many old sheets have none.
            models.UniqueConstraint(
                fields=["document_index"],
                condition=Q(document_index__isnull=False),
                name="document_index_uniq",
            ),
        ]
        indexes = [
            # Case timeline.
            models.Index(fields=["case", "issue_date"], name="document_case_date_idx"),
            # Case list filtered by document kind.
            models.Index(fields=["kind"], name="document_kind_idx"),
        ]

    def __str__(self):
        label = self.document_index or self.source_name or str(self.code)
        return f"{self.get_kind_display()} {label}"

    def get_absolute_url(self):
        return reverse("cases:document", kwargs={"code": self.code})


class DocumentCountry(models.Model):
    """One country a document is about, kept as rows so lists can filter on it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="country_rows")
    code = models.CharField(_("country"), max_length=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("document country")
        verbose_name_plural = _("document countries")
        constraints = [
            models.UniqueConstraint(fields=["document", "code"], name="document_country_uniq"),
        ]
        indexes = [
            # Case list filtered by country.
            models.Index(fields=["code"], name="document_country_code_idx"),
        ]

    def __str__(self):
        return self.code


TARGET_KEY_LENGTH = 300
# What the directory knows of an official; the importer and the admin form use it.
TARGET_FIELDS = (
    "title",
    "name",
    "organisation",
    "address",
    "country",
    "telex",
    "telegram",
    "fax",
    "email",
    "phone",
    "twitter",
    "salutation",
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split()).strip(" ,.;:")


def target_key(
    name: str, title: str, country: str, organisation: str = "", address: Sequence[str] = ()
) -> str:
    """The directory key of an official: normalised "name|title|country".

    Normalised means NFKC, casefolded, typographic quotes made plain, whitespace
    collapsed and stray punctuation trimmed, so "ZHU  Rongji" on one sheet and
    "Zhu Rongji" on the next are the same row. The country is part of the key:
    a "Minister of Justice" in two countries is two officials. Without a name or
    a title the organisation (else the first address line) stands in for the
    title. A key longer than the column keeps its start and a hash of the whole.
    Returns "" when there is nothing to recognise the official by.
    """
    name, title = _normalise(name), _normalise(title)
    if not name and not title:
        title = _normalise(organisation) or _normalise(next(iter(address), ""))
        if not title:
            return ""
    key = f"{name}|{title}|{_normalise(country)}"
    if len(key) > TARGET_KEY_LENGTH:
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        key = f"{key[: TARGET_KEY_LENGTH - 17]}#{digest}"
    return key


class Target(models.Model):
    """An official in the directory; many documents' groups point at the same one.

    `key` is a normalised name/title/country so that re-imports and later sheets
    naming the same official find this row instead of adding a twin.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.CharField(max_length=TARGET_KEY_LENGTH, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    address = models.JSONField(_("postal address lines"), default=list, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    telex = models.JSONField(_("telex"), default=list, blank=True)
    telegram = models.JSONField(_("telegram"), default=list, blank=True)
    fax = models.JSONField(_("fax"), default=list, blank=True)
    email = models.JSONField(_("email"), default=list, blank=True)
    phone = models.JSONField(_("phone"), default=list, blank=True)
    twitter = models.JSONField(_("Twitter"), default=list, blank=True)
    salutation = models.CharField(_("salutation"), max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "title"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return ", ".join(part for part in (self.name, self.title) if part) or self.key

    @property
    def display_name(self) -> str:
        """The official as writers see them named: name and title, else the organisation."""
        return ", ".join(part for part in (self.name, self.title) if part) or self.organisation


class AppealGroup(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="groups")
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    targets = models.ManyToManyField(Target, through="GroupTarget", related_name="groups")

    class Meta:
        ordering = ["position"]
        verbose_name = _("appeal group")
        verbose_name_plural = _("appeal groups")
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="group_position_uniq"),
        ]

    def __str__(self):
        # str(): a lazy translation is not a str, and Python refuses it from __str__.
        return self.audience or str(_("Appeals"))


class AppealPoint(models.Model):
    group = models.ForeignKey(AppealGroup, on_delete=models.CASCADE, related_name="points")
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("appeal point")
        verbose_name_plural = _("appeal points")

    def __str__(self):
        return self.text[:80]


class GroupTarget(models.Model):
    group = models.ForeignKey(AppealGroup, on_delete=models.CASCADE, related_name="target_links")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="group_links")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("target of an appeal group")
        verbose_name_plural = _("targets of appeal groups")
        constraints = [
            models.UniqueConstraint(fields=["group", "target"], name="group_target_uniq"),
        ]

    def __str__(self):
        return str(self.target)


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
@receiver(pre_save, sender=Outcome, dispatch_uid="cases.outcome_saving")
def _outcome_saving(sender, instance, raw=False, **kwargs):
    # An outcome moved to another case (corrected in the admin) may reopen the first.
    instance._case_before = None
    if not raw and instance.pk is not None:
        instance._case_before = (
            Outcome.objects.filter(pk=instance.pk).values_list("case_id", flat=True).first()
        )


@receiver(post_save, sender=Outcome, dispatch_uid="cases.outcome_saved")
def _outcome_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    cases = [instance.case]
    before = getattr(instance, "_case_before", None)
    if before is not None and before != instance.case_id:
        cases.extend(Case.objects.filter(pk=before))
    refresh_summaries(cases)


@receiver(post_delete, sender=Outcome, dispatch_uid="cases.outcome_deleted")
def _outcome_deleted(sender, instance, origin=None, **kwargs):
    # Deleting a case deletes its outcomes first: there is no case left to refresh.
    if isinstance(origin, Case) or getattr(origin, "model", None) is Case:
        return
    refresh_summaries(list(Case.objects.filter(pk=instance.case_id)))
