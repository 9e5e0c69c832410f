"""The member forms: joining and preferences.

Joining asks for no password: whoever fills the form in may not own the address;
the owner chooses the password when confirming (signup.py).
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lifeline.cases.models import Concern
from lifeline.lib.countries import country_choices
from lifeline.network.models import Frequency, Member, Section
from lifeline.network.regions import grouped_country_choices


def _country_or_none():
    return [("", "—"), *country_choices()]


class CountryPicker(forms.CheckboxSelectMultiple):
    """Checkboxes grouped by region, each region a <details> that opens on a click.

    Works without JavaScript; a region with a chosen country starts open.
    """

    template_name = "network/widgets/country_picker.html"
    grouped = True


class JoinForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(label=_("Language for mail"), choices=settings.LANGUAGES)
    country = forms.ChoiceField(
        label=_("Country you live in"), choices=_country_or_none, required=False
    )
    address = forms.CharField(
        label=_("Postal address (for the sender block of your letters)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.all(), required=False
    )


class PreferencesForm(forms.ModelForm):
    chosen_countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=grouped_country_choices,
        widget=CountryPicker,
        required=False,
        help_text=_("Used when you do not want every action. Open a region to choose."),
    )

    class Meta:
        model = Member
        fields = [
            "name",
            "language",
            "address",
            "country",
            "all_actions",
            "chosen_countries",
            "concerns",
            "weekly_limit",
            "frequency",
        ]
        widgets = {
            "concerns": forms.CheckboxSelectMultiple,
            "frequency": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
            # Called at each render (Django 5 takes a callable; django-stubs not yet).
            "country": forms.Select(choices=_country_or_none),  # type: ignore[arg-type]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"].queryset = Concern.objects.order_by("name")
        self.fields["concerns"].required = False
        self.fields["frequency"].choices = Frequency.choices
        self.fields["weekly_limit"].help_text = _("Leave empty for no limit.")
        if self.instance.pk:
            self.initial["chosen_countries"] = list(
                self.instance.country_rows.values_list("code", flat=True)
            )
