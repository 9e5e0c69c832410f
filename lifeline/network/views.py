"""Member pages: join, confirm, unsubscribe, preferences, data download and deletion.

Views are thin: the work is in signup.py and account.py. Every page about a
member goes through `_member()`, so nobody sees or changes anyone else's.
"""

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lifeline.network import account, links, signup
from lifeline.network.forms import JoinForm, PreferencesForm
from lifeline.network.models import Member

# A confirmation link is good for a week; an unsubscribe link for ever.
CONFIRM_MAX_AGE = 7 * 24 * 3600
LOGIN_URL = reverse_lazy("network:login")


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
        data = form.cleaned_data
        existing = Member.objects.filter(email__iexact=data["email"]).first()
        with transaction.atomic():
            if existing is None:
                member = signup.create_member(**data)
                signup.enqueue_confirmations([member.pk])
            elif not existing.confirmed:
                signup.enqueue_confirmations([existing.pk])
        # The same answer whether or not the address was known: the page must not
        # tell strangers who is a member.
        return redirect("network:join_sent")
    return render(request, "network/join.html", {"form": form})


def join_sent(request):
    return render(request, "network/join_sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    code = links.read_token(token, links.CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    member = get_object_or_404(Member, code=code) if code else None
    if member is None:
        return render(request, "network/link_invalid.html", status=400)
    # GET only shows a button: mail scanners follow links, and must not subscribe anyone.
    if request.method == "POST":
        signup.confirm(member)
        login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Thank you: your address is confirmed."))
        return redirect("network:preferences")
    return render(request, "network/confirm.html", {"member": member})


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
    redirect_authenticated_user = True
    next_page = reverse_lazy("network:preferences")

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
    next_page = reverse_lazy("network:login")


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
