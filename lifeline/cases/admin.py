"""The editors' back office for cases, documents, appeal groups, targets, concerns,
translations of appeal points and outcomes.

A case's title, countries, deadline, closed flag and first issue date summarise its
documents (`Case.refresh_summary()`), so they are read-only here and follow any
change an editor makes to a document.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from lifeline.cases.models import (
    SUMMARY_FIELDS,
    TARGET_FIELDS,
    AppealGroup,
    AppealPoint,
    AppealPointsTranslation,
    Case,
    Concern,
    Document,
    DocumentCountry,
    GroupTarget,
    Outcome,
    Target,
    target_key,
)


class CountryFilter(admin.SimpleListFilter):
    """Filter by a country any document of the case (or the document) is about."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = DocumentCountry.objects.order_by("code").values_list("code", flat=True)
        return [(code, code) for code in codes.distinct()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        # A subquery rather than a join, so a case with many documents is listed once.
        documents = Document.objects.filter(country_rows__code=self.value())
        if queryset.model is Case:
            return queryset.filter(pk__in=documents.values("case_id"))
        return queryset.filter(pk__in=documents.values("pk"))


_DOCUMENT_COLUMNS = (
    "kind",
    "document_index",
    "update_number",
    "issue_date",
    "appeal_deadline",
    "title",
)


class DocumentInline(admin.TabularInline):
    model = Document
    fields = _DOCUMENT_COLUMNS
    readonly_fields = _DOCUMENT_COLUMNS
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # Documents are imported or written on their own page, not inside a case.
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["slug", "ua_number", "title", "issued", "deadline", "closed", "document_count"]
    list_filter = ["closed", CountryFilter]
    search_fields = ["ua_number", "title", "slug", "documents__document_index"]
    readonly_fields = ["code", *SUMMARY_FIELDS, "recorded_outcomes", "created", "updated"]
    fields = [
        "slug",
        "ua_number",
        *SUMMARY_FIELDS,
        "recorded_outcomes",
        "outcome",
        "code",
        "created",
        "updated",
    ]
    inlines = [DocumentInline]
    date_hierarchy = "issued"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(document_count=Count("documents"))

    @admin.display(description=_("recorded outcomes"))
    def recorded_outcomes(self, case):
        """The outcomes recorded so far and a link to record one (works without JavaScript)."""
        if case.pk is None:
            return "-"
        add = f"{reverse('admin:cases_outcome_add')}?case={case.pk}"
        done = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (reverse("admin:cases_outcome_change", args=[outcome.pk]), str(outcome))
                for outcome in case.outcomes.all()
            ),
        )
        return format_html(
            '<ul>{}</ul><a class="addlink" href="{}">{}</a>', done, add, _("Record an outcome")
        )

    @admin.display(description=_("documents"), ordering="document_count")
    def document_count(self, case):
        return case.document_count


class DocumentCountryInline(admin.TabularInline):
    model = DocumentCountry
    extra = 0


class AppealGroupInline(admin.TabularInline):
    model = AppealGroup
    fields = ["position", "audience"]
    extra = 0
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "ua_number", "issue_date", "appeal_deadline", "case"]
    list_filter = ["kind", CountryFilter, "concerns", ("published", admin.EmptyFieldListFilter)]
    list_select_related = ["case"]
    search_fields = ["document_index", "ua_number", "title", "source_name"]
    autocomplete_fields = ["case", "concerns"]
    # Countries are edited as rows (the inline); the JSON copy keeps their order.
    readonly_fields = [
        "countries",
        "code",
        "source_name",
        "source_hash",
        "warnings",
        "created",
        "updated",
    ]
    inlines = [DocumentCountryInline, AppealGroupInline]
    date_hierarchy = "issue_date"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "case",
                    "kind",
                    ("ua_number", "update_number", "document_index"),
                    "title",
                    "concerns",
                    "countries",
                    ("issue_date", "appeal_deadline", "appeal_immediately"),
                    "published",
                ]
            },
        ),
        (
            _("Recommended action"),
            {
                "fields": [
                    "people_at_risk",
                    "channels",
                    ("languages", "own_language"),
                    "copies_to",
                    "model_letter",
                ]
            },
        ),
        (_("Background"), {"fields": ["body"]}),
        (
            _("Source"),
            {
                "classes": ["collapse"],
                "fields": [
                    "source_name",
                    "source_hash",
                    "warnings",
                    "source_text",
                    "code",
                    "created",
                    "updated",
                ],
            },
        ),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        document = form.instance
        countries = list(document.country_rows.values_list("code", flat=True))
        if countries != document.countries:
            document.countries = countries
            document.save(update_fields=["countries", "updated"])
        # The case summary follows the documents (deadline, title, closed, ...),
        # including the case a document was moved away from.
        document.case.refresh_summary()
        previous = form.initial.get("case")
        if previous and previous != document.case_id:
            Case.objects.get(pk=previous).refresh_summary()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        obj.case.refresh_summary()

    def delete_queryset(self, request, queryset):
        cases = list(Case.objects.filter(pk__in=queryset.values("case_id")))
        super().delete_queryset(request, queryset)
        for case in cases:
            case.refresh_summary()


class AppealPointInline(admin.TabularInline):
    model = AppealPoint
    fields = ["position", "text"]
    extra = 0
    formfield_overrides = {
        # Points are a sentence or two; the default textarea would dwarf the list.
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})},
    }


class GroupTargetInline(admin.TabularInline):
    model = GroupTarget
    fields = ["position", "target"]
    autocomplete_fields = ["target"]
    extra = 0


@admin.register(AppealGroup)
class AppealGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "document", "position"]
    list_select_related = ["document"]
    search_fields = ["audience", "document__document_index", "document__ua_number"]
    raw_id_fields = ["document"]
    inlines = [AppealPointInline, GroupTargetInline]


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = TARGET_FIELDS

    def clean(self):
        cleaned = super().clean()
        key = target_key(
            cleaned.get("name", ""),
            cleaned.get("title", ""),
            cleaned.get("country", ""),
            cleaned.get("organisation", ""),
            cleaned.get("address") or (),
        )
        if not key:
            raise forms.ValidationError(_("Give a name, a title or an organisation."))
        twins = Target.objects.filter(key=key).exclude(pk=self.instance.pk)
        if twins.exists():
            raise forms.ValidationError(
                _("The directory already has this official: %(target)s.") % {"target": twins.get()}
            )
        # Editing the name, title or country must keep the key in step, or the
        # next import would not recognise the official.
        self.instance.key = key
        return cleaned


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    form = TargetForm
    list_display = ["name", "title", "organisation", "country", "salutation"]
    list_filter = ["country"]
    search_fields = ["name", "title", "organisation"]
    readonly_fields = ["code", "created", "updated"]


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PointsTranslationForm(forms.ModelForm):
    """The points as one textarea, one point per paragraph (blank line between)."""

    points = forms.CharField(
        label=_("Translated points"),
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        help_text=_(
            "One translated point for each point of the group, in the same order, "
            "separated by a blank line."
        ),
    )

    class Meta:
        model = AppealPointsTranslation
        fields = ["group", "language", "points"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["points"] = "\n\n".join(self.instance.points)

    def clean_points(self):
        text = self.cleaned_data["points"].replace("\r\n", "\n")
        return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]

    def clean(self):
        cleaned = super().clean()
        group, points = cleaned.get("group"), cleaned.get("points")
        if group is not None and points is not None:
            expected = group.points.count()
            if len(points) != expected:
                self.add_error(
                    "points",
                    _(
                        "The group has %(expected)d points and this translation %(given)d: "
                        "give one translated point for each, separated by a blank line."
                    )
                    % {"expected": expected, "given": len(points)},
                )
        return cleaned


@admin.register(AppealPointsTranslation)
class AppealPointsTranslationAdmin(admin.ModelAdmin):
    form = PointsTranslationForm
    list_display = ["group", "language", "document", "updated"]
    list_filter = ["language"]
    list_select_related = ["group__document"]
    search_fields = ["group__audience", "group__document__document_index"]
    autocomplete_fields = ["group"]
    readonly_fields = ["original_points"]
    fields = ["group", "original_points", "language", "points"]

    @admin.display(description=_("document"))
    def document(self, translation):
        return translation.group.document

    @admin.display(description=_("Original points"))
    def original_points(self, translation):
        if not translation.pk:
            return _("Save once to see the group's points here.")
        points = translation.group.points.all()
        return format_html_join("", "<p>{}</p>", ((point.text,) for point in points))


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["case", "kind", "happened", "summary", "closes_case"]


class OutcomeAdmin(admin.ModelAdmin):
    """Recording what happened. Registered by the network app (lifeline.network.admin),
    which adds sending the news to the members who wrote: cases imports no network code.
    """

    form = OutcomeForm
    list_display = ["case", "kind", "happened", "closes_case", "recorded", "announced"]
    list_filter = ["kind", "closes_case", "announced"]
    list_select_related = ["case"]
    search_fields = ["case__title", "case__ua_number", "summary"]
    autocomplete_fields = ["case"]
    readonly_fields = ["recorded", "recorded_by", "announced"]
    fields = ["case", "kind", "happened", "summary", "closes_case", "recorded", "recorded_by"]
    date_hierarchy = "recorded"

    def save_model(self, request, obj, form, change):
        if obj.recorded_by_id is None:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
