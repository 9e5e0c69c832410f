"""Member pages: join, confirm, sign in and out, passwords, unsubscribe, preferences,
data download and deletion.

Views are thin: the work is in signup.py, passwords.py and account.py. Every page
about a member goes through `_member()`, so nobody sees or changes anyone else's.
"""

import json
from base64 import b32encode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lifeline.accounts import second_factor
from lifeline.accounts.client import client_ip
from lifeline.accounts.forms import DeviceForm, SignInForm
from lifeline.accounts.mail_window import within_allowance
from lifeline.network import account, links, postbox, signup
from lifeline.network.forms import JoinForm, PreferencesForm
from lifeline.network.models import Member
from lifeline.network.passwords import QueuedPasswordResetForm

LOGIN_URL = reverse_lazy("network:login")
BACKEND = "lifeline.accounts.backends.ConfirmedBackend"


def _member(request) -> Member:
    """The signed-in user's member record; 404 for users who are not members."""
    try:
        return request.user.member
    except Member.DoesNotExist:
        raise Http404(_("This account is not a member of the network.")) from None


@require_http_methods(["GET", "POST"])
def join(request):
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Each sign-up mails an address nobody has confirmed yet: one client may not
        # use the form to mail a list of strangers.
        if not within_allowance("signup", client_ip(request), settings.SIGNUPS_PER_CLIENT):
            form.add_error(
                None,
                _(
                    "Too many sign-ups from your network address in the last hour. "
                    "Please try again later."
                ),
            )
            return render(request, "network/join.html", {"form": form}, status=429)
        data = form.cleaned_data
        existing = Member.objects.filter(email__iexact=data["email"]).first()
        try:
            with transaction.atomic():
                if existing is None:
                    member = signup.create_member(**data)
                    postbox.confirmations([member.pk])
                elif not existing.confirmed:
                    postbox.confirmations([existing.pk])
        except IntegrityError:
            pass  # the same address joined a moment ago, in a concurrent request
        # The same answer whether or not the address was known: the page must not
        # tell strangers who is a member.
        return redirect("network:join_sent")
    return render(request, "network/join.html", {"form": form})


def join_sent(request):
    return render(request, "network/join_sent.html")


def _in_language(response, language: str):
    """Keep showing the site in `language` (LocaleMiddleware reads the cookie)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The owner of the address confirms it and chooses the password, in one form.

    GET only shows the form: mail scanners follow links, and must not subscribe
    anyone. The link works once (signup.member_for_token).
    """
    member = signup.member_for_token(token)
    if member is None:
        return render(request, "network/link_invalid.html", status=400)
    # The member's own language, whatever their browser says: they chose it on joining.
    translation.activate(member.language)
    request.LANGUAGE_CODE = member.language
    form = SetPasswordForm(member.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = signup.confirm_with_password(token, form.cleaned_data["new_password1"])
        if member is None:
            return render(request, "network/link_invalid.html", status=400)
        login(request, member.user, backend=BACKEND)
        messages.success(request, _("Thank you: your address is confirmed."))
        return _in_language(redirect("network:preferences"), member.language)
    return render(request, "network/confirm.html", {"member": member, "form": form})


@csrf_exempt  # RFC 8058 one-click: the mail provider POSTs without our CSRF cookie.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    code = links.read_token(token, links.UNSUBSCRIBE_SALT)
    member = Member.objects.filter(code=code).first() if code else None
    if member is None:
        return render(request, "network/link_invalid.html", status=400)
    if request.method == "POST":
        Member.objects.filter(pk=member.pk, unsubscribed__isnull=True).update(
            unsubscribed=timezone.now()
        )
        return render(request, "network/unsubscribed.html", {"member": member})
    return render(request, "network/unsubscribe.html", {"member": member})


class LoginView(auth_views.LoginView):
    template_name = "network/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    # Lazy URLs, as Django's docs give them; django-stubs types next_page as str only.
    next_page = reverse_lazy("network:preferences")  # type: ignore[assignment]

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["username"].label = _("Email")
        return form

    def post(self, request, *args, **kwargs):
        # Usernames are lowercased addresses (signup.username_for).
        if "username" in request.POST:
            request.POST = request.POST.copy()
            request.POST["username"] = signup.username_for(request.POST["username"])
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("cases:home")  # type: ignore[assignment]


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Turn on two-step sign-in: the app is given the secret, then shows a code to confirm."""
    user = request.user
    if second_factor.has_device(user):
        return render(request, "network/two_factor.html", {"on": True})
    device = second_factor.pending_device(user)
    form = DeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm_device(device, form.cleaned_data["otp_token"]):
            django_otp.login(request, device)
            messages.success(request, _("Two-step sign-in is on."))
            return redirect("admin:index" if user.is_staff else "network:preferences")
        form.add_error("otp_token", _("This is not the code the app shows now. Try the next one."))
    context = {
        "form": form,
        "secret": second_factor.spaced(b32encode(device.bin_key).decode()),
        "config_url": device.config_url,
        "required": second_factor.must_use(user),
    }
    return render(request, "network/two_factor.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view: it keeps this session signed in and ends every other one."""

    template_name = "network/password_change.html"
    success_url = reverse_lazy("network:preferences")

    # To the members' sign-in, not the admin's (settings.LOGIN_URL).
    @method_decorator(login_required(login_url=LOGIN_URL))
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    def form_valid(self, form):
        messages.success(
            self.request, _("Your password is changed. Other sessions are signed out.")
        )
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "network/password_reset.html"
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("network:password_reset_sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "network/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the link in the mail.

    The new password changes the session hash, so every session signed in
    before is ended. Following the link also proves the mailbox is the member's,
    so an unconfirmed member is confirmed.
    """

    template_name = "network/password_reset_confirm.html"
    success_url = reverse_lazy("network:password_reset_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        member = Member.objects.filter(user=form.user).first()
        if member is not None:
            signup.confirm(member)
        return response


class PasswordResetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "network/password_reset_done.html"


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def preferences(request):
    member = _member(request)
    form = PreferencesForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        account.save_preferences(form)
        messages.success(request, _("Your preferences are saved."))
        return redirect("network:preferences")
    return render(request, "network/preferences.html", {"form": form, "member": member})


@login_required(login_url=LOGIN_URL)
def download(request):
    member = _member(request)
    data = account.export_data(member)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="lifeline-my-data.json"'
    return response


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def delete(request):
    member = _member(request)
    if request.method == "POST":
        account.delete_member(member)
        logout(request)
        return render(request, "network/deleted.html")
    return render(request, "network/delete.html", {"member": member})


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in refused by the throttle (AXES_LOCKOUT_CALLABLE)."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    context = {"cooloff_minutes": minutes}
    return render(request, "network/locked_out.html", context, status=429)
