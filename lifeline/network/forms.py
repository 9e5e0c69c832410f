from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from lifeline.cases.models import Concern
from lifeline.network.models import Frequency, Member, Section


def country_choices():
    import pycountry

    return sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda pair: pair[1])


class JoinForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters."),
    )
    language = forms.ChoiceField(label=_("Language for mail"), choices=settings.LANGUAGES)
    country = forms.ChoiceField(
        label=_("Country you live in"), choices=[("", "—"), *country_choices()], required=False
    )
    address = forms.CharField(
        label=_("Postal address (for the sender block of your letters)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.all(), required=False
    )

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class PreferencesForm(forms.ModelForm):
    chosen_countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=country_choices,
        required=False,
        help_text=_("Used when you do not want every action."),
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
            "country": forms.Select(choices=[("", "—"), *country_choices()]),
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
