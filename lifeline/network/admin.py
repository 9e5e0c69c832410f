"""The outcome admin with announcing: an editor who records an outcome can send the
news to the members who wrote about the case.

The recording part is the cases app's (lifeline.cases.admin.OutcomeAdmin); it is
registered here because announcing queues mail, which is the network's, and cases
imports nothing of the network.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lifeline.cases.admin import OutcomeAdmin, OutcomeForm
from lifeline.cases.models import Outcome
from lifeline.network.publishing import Announced, announce, writers


class AnnouncingOutcomeForm(OutcomeForm):
    announce_now = forms.BooleanField(
        label=_("Send the news to the members who wrote"),
        required=False,
        help_text=_("Each member who wrote an appeal about the case gets it once, by email."),
    )


@admin.register(Outcome)
class AnnouncingOutcomeAdmin(OutcomeAdmin):
    form = AnnouncingOutcomeForm
    readonly_fields = [*OutcomeAdmin.readonly_fields, "members_who_wrote"]
    actions = ["announce_to_writers"]

    def get_fields(self, request, obj=None):
        fields = list(OutcomeAdmin.fields)
        if obj is not None and obj.announced:
            return [*fields, "announced", "members_who_wrote"]
        return [*fields, "members_who_wrote", "announce_now"]

    @admin.display(description=_("members who wrote"))
    def members_who_wrote(self, outcome):
        if outcome.pk is None:
            return _("Counted once the outcome is saved.")
        return writers(outcome.case_id).count()

    def save_model(self, request, obj, form, change):
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
