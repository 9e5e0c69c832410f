"""Editors translate appeal points here; appeals and emails are shown, never edited."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from lifeline.actions.models import Appeal, AppealPointsTranslation, OutgoingAppeal


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
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["sent", "channel", "language", "target", "document"]
    list_filter = ["channel", "language"]
    list_select_related = ["target", "document"]
    date_hierarchy = "sent"


@admin.register(OutgoingAppeal)
class OutgoingAppealAdmin(ReadOnlyAdmin):
    list_display = ["created", "state", "to", "subject"]
    list_filter = ["state"]
    exclude = ["html"]
