"""Editors translate appeal points and record outcomes here; appeals and emails are
shown, never edited.

Who wrote stays private: the "I have sent it" form promises a writer that their
email is shown to no one, and an appeal email's sender, name and text are the
writer's own. So those fields are on no admin page (list, change, search,
filters), for editors and superusers alike.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lifeline.actions.models import Appeal, AppealPointsTranslation, Outcome, OutgoingAppeal
from lifeline.network.publishing import Announced, announce, writers


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


class ReadOnlyAdmin(admin.ModelAdmin):
    # Fields about the writer that no admin page shows or lets anyone look up.
    private_fields: tuple[str, ...] = ()

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), *self.private_fields]

    def lookup_allowed(self, lookup, value, request=None):
        # Django allows a lookup on any of the model's own fields from the URL
        # (?email=...), which would tell whether an address wrote.
        if lookup.split("__")[0] in self.private_fields:
            return False
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    private_fields = ("email", "writer")
    list_display = ["sent", "channel", "language", "target", "document"]
    list_filter = ["channel", "language"]
    list_select_related = ["target", "document"]
    date_hierarchy = "sent"


@admin.register(OutgoingAppeal)
class OutgoingAppealAdmin(ReadOnlyAdmin):
    list_display = ["created", "state", "to", "subject"]
    list_filter = ["state"]
    private_fields = ("sender", "writer_name", "text", "html")


class OutcomeForm(forms.ModelForm):
    announce_now = forms.BooleanField(
        label=_("Send the news to the members who wrote"),
        required=False,
        help_text=_("Each member who wrote an appeal about the case gets it once, by email."),
    )

    class Meta:
        model = Outcome
        fields = ["case", "kind", "happened", "summary", "closes_case"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    form = OutcomeForm
    list_display = ["case", "kind", "happened", "closes_case", "recorded", "announced"]
    list_filter = ["kind", "closes_case", "announced"]
    list_select_related = ["case"]
    search_fields = ["case__title", "case__ua_number", "summary"]
    autocomplete_fields = ["case"]
    readonly_fields = ["recorded", "recorded_by", "announced", "members_who_wrote"]
    actions = ["announce_to_writers"]
    date_hierarchy = "recorded"

    def get_fields(self, request, obj=None):
        fields = ["case", "kind", "happened", "summary", "closes_case", "recorded", "recorded_by"]
        if obj is not None and obj.announced:
            return [*fields, "announced", "members_who_wrote"]
        return [*fields, "members_who_wrote", "announce_now"]

    @admin.display(description=_("members who wrote"))
    def members_who_wrote(self, outcome):
        if outcome.pk is None:
            return _("Counted once the outcome is saved.")
        return writers(outcome.case_id).count()

    def save_model(self, request, obj, form, change):
        if obj.recorded_by_id is None:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("announce_now"):
            self._report(request, [announce(obj)])

    @admin.action(description=_("Send the news to the members who wrote"))
    def announce_to_writers(self, request, queryset):
        self._report(request, [announce(outcome) for outcome in queryset])

    def _report(self, request, results: list[Announced]) -> None:
        again = sum(not result.first_time for result in results)
        queued = sum(result.deliveries for result in results)
        self.message_user(
            request,
            ngettext(
                "%(count)d message queued for the members who wrote.",
                "%(count)d messages queued for the members who wrote.",
                queued,
            )
            % {"count": queued},
            messages.SUCCESS,
        )
        if again:
            self.message_user(
                request,
                ngettext(
                    "%(count)d outcome had been announced before: nothing sent again.",
                    "%(count)d outcomes had been announced before: nothing sent again.",
                    again,
                )
                % {"count": again},
                messages.WARNING,
            )
