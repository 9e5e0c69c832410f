"""Sending the letter by email from the site: the writer asks from the letter page,
then confirms their address by the link mailed to them (`appeal_emails`).

The network's, not the letter page's: the emails go through the network's
outbox, and actions imports nothing of the network. The pages around the
asking are the letter page's own (`actions.views`).
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from lifeline.actions import clients, drafting, writing
from lifeline.actions.forms import SenderForm, WriteForm
from lifeline.actions.views import closed, get_case, writing_page
from lifeline.letters.render import email_subject
from lifeline.network import appeal_emails


@require_POST
def send(request, slug):
    desk = drafting.writing_desk(get_case(slug))
    if not desk.can_write:
        return closed(request, desk)
    params = writing.params(request.POST)
    member = writing.member_of(request.user)
    data = {**writing.defaults(desk, params, member), **params, "channel": "email"}
    form = WriteForm(data, desk=desk)
    sender_form = SenderForm(request.POST)
    if not (form.is_valid() and sender_form.is_valid()):
        return writing_page(request, desk, form, sender_form, status=400)
    email = appeal_emails.normalise(sender_form.cleaned_data["sender"])
    letter, _problem = writing.letter_for(desk, form, email)
    recipient = form.choices().recipient
    if letter is None or not recipient.parsed_target.email:
        return writing_page(request, desk, form, sender_form, status=400)
    document, parsed = desk.action()
    result = appeal_emails.request_send(
        document=document,
        target=recipient.target,
        to=recipient.parsed_target.email[0],
        letter=letter,
        subject=email_subject(parsed, letter.language),
        sender=email,
        confirmed_here=request.session.get(appeal_emails.SESSION_KEY) == email
        or bool(member and member.confirmed and member.email.lower() == email),
        site_url=request.build_absolute_uri("/"),
        client=clients.client_hash(request),
    )
    context = {"case": desk.case, "result": result, "sender": email, "recipient": recipient}
    status = 429 if result.outcome == appeal_emails.LIMITED else 200
    return render(request, "network/appeal_send_result.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: mail scanners follow links but do not post."""
    try:
        outgoing = appeal_emails.waiting_for(token)
    except appeal_emails.ConfirmationError as error:
        return render(request, "network/appeal_confirm.html", {"error": str(error)}, status=400)
    context = {"outgoing": outgoing, "case": outgoing.document.case}
    if request.method == "POST":
        result = appeal_emails.confirm(token)
        if result.outcome in (appeal_emails.QUEUED, appeal_emails.SENT):
            request.session[appeal_emails.SESSION_KEY] = outgoing.sender.email
        return render(request, "network/appeal_confirm.html", {**context, "result": result})
    return render(request, "network/appeal_confirm.html", context)
