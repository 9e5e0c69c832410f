"""The letter-writing page of a case, its PDF and print views, and "I have sent it".

Views read the request, call `drafting`, `appeals` and `email_appeals`, and render.
The letter form posts (with its CSRF token), so the writer's name, address and
own words never appear in a URL, where server logs and browser history would
keep them; a link (GET) carries only the official, language, channel and
paper, and the page works without JavaScript either way.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lifeline.actions import appeals, clients, drafting, email_appeals, writing
from lifeline.actions.forms import SenderForm, SentForm, WriteForm, recipient_label
from lifeline.actions.models import Appeal
from lifeline.cases.models import Case
from lifeline.letters.pdf import letter_pdf
from lifeline.letters.render import email_subject, letter_html


def get_case(slug: str) -> Case:
    return get_object_or_404(Case, slug=slug)


def _closed(request, desk: drafting.Desk):
    return render(request, "actions/closed.html", {"case": desk.case, "desk": desk})


def _writing_page(request, desk, form, sender_form=None, status=200):
    member = writing.member_of(request.user)
    context = writing.page_context(desk, form, sender_form, member)
    response = render(request, "actions/write.html", context, status=status)
    # "I have sent it" on this page counts once per browser (see appeals.case_counts).
    clients.remember_browser(request, response)
    return response


def _given(request):
    """The writer's choices: the POST body, or only the public ones of a URL."""
    if request.method == "POST":
        return request.POST
    return writing.public_query(request.GET)


@require_http_methods(["GET", "HEAD", "POST"])
def write(request, slug):
    desk = drafting.writing_desk(get_case(slug))
    if not desk.can_write:
        return _closed(request, desk)
    member = writing.member_of(request.user)
    return _writing_page(request, desk, writing.bound_form(desk, _given(request), member))


@require_http_methods(["GET", "HEAD", "POST"])
def pdf(request, slug):
    desk = drafting.writing_desk(get_case(slug))
    if not desk.can_write:
        return _closed(request, desk)
    form = writing.bound_form(desk, _given(request), writing.member_of(request.user))
    letter, _problem = writing.letter_for(desk, form)
    if letter is None:
        # The page says what is wrong beside the field.
        return _writing_page(request, desk, form, status=400)
    paper = form.cleaned_data["paper"] or "a4"
    body = letter_pdf(letter, paper=paper, envelope=form.cleaned_data["envelope"])
    response = HttpResponse(body, content_type="application/pdf")
    name = slugify(f"appeal {desk.case.slug} {form.choices().recipient.target}")[:80]
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def print_letter(request, slug):
    desk = drafting.writing_desk(get_case(slug))
    if not desk.can_write:
        return _closed(request, desk)
    given = _given(request)
    form = writing.bound_form(desk, given, writing.member_of(request.user))
    letter, _problem = writing.letter_for(desk, form)
    if letter is None:
        return _writing_page(request, desk, form, status=400)
    context = {
        "case": desk.case,
        "letter": letter,
        "preview": mark_safe(letter_html(letter)),  # noqa: S308 - escaped by letter_html
        # Back to the page with the same draft: a form, so the draft stays out of the URL.
        "back": reverse("actions:write", kwargs={"slug": desk.case.slug}),
        "carried": writing.carried(given),
    }
    return render(request, "actions/print.html", context)


@require_POST
def mark_sent(request, slug):
    form = SentForm(request.POST)
    to = str(request.POST.get("to", ""))
    # Recorded before from this process: one INSERT that checks all it needs
    # (appeals.record_known); anything it does not record takes the full path below.
    remembered = ("form", slug, to)
    facts = appeals.known(remembered)
    if facts is not None and form.is_valid() and facts.takes(form.cleaned_data["channel"]):
        data = form.cleaned_data
        appeal = appeals.record_known(
            facts,
            key=data["key"],
            channel=data["channel"],
            language=data["language"],
            writer=request.user,
            email=data["email"],
            browser=clients.browser_hash(request),
            client=clients.client_hash(request),
        )
        if appeal is not None:
            messages.success(request, _("Thank you: your appeal is counted."))
            case_url = reverse("cases:case", kwargs={"slug": facts.case_slug})
            return HttpResponseRedirect(case_url + "#appeals-heading")
        appeals.forget(remembered)
    desk = drafting.writing_desk(get_case(slug))
    recipient = desk.recipient(to)
    if not form.is_valid() or recipient is None or desk.document is None:
        return render(
            request, "actions/not_recorded.html", {"case": desk.case, "form": form}, status=400
        )
    data = form.cleaned_data
    facts = appeals.Recordable.read(
        desk.document, desk.case, recipient.target, recipient.channels, recipient_label(recipient)
    )
    appeals.remember(remembered, facts)
    already = Appeal.objects.filter(key=data["key"]).first()
    if already is None:
        # A retry of a form already counted is answered as before, whatever changed since.
        try:
            facts.check(data["channel"])
        except appeals.AppealRefused as refusal:
            context = {
                "case": desk.case,
                "form": form,
                "refusal": refusal.message,
                "closed": refusal.field == "case",
            }
            return render(request, "actions/not_recorded.html", context, status=409)
        client = clients.client_hash(request)
        if appeals.recording_limited(client):
            context = {"case": desk.case, "form": form, "limited": True}
            return render(request, "actions/not_recorded.html", context, status=429)
    _appeal, created = appeals.record_appeal(
        key=data["key"],
        document=desk.document,
        target=recipient.target,
        channel=data["channel"],
        language=data["language"],
        writer=request.user,
        email=data["email"],
        browser=clients.browser_hash(request),
        client=clients.client_hash(request),
    )
    if created:
        messages.success(request, _("Thank you: your appeal is counted."))
    else:
        messages.info(request, _("Your appeal was already counted; thank you."))
    return HttpResponseRedirect(desk.case.get_absolute_url() + "#appeals-heading")


@require_POST
def send(request, slug):
    desk = drafting.writing_desk(get_case(slug))
    if not desk.can_write:
        return _closed(request, desk)
    params = writing.params(request.POST)
    member = writing.member_of(request.user)
    data = {**writing.defaults(desk, params, member), **params, "channel": "email"}
    form = WriteForm(data, desk=desk)
    sender_form = SenderForm(request.POST)
    if not (form.is_valid() and sender_form.is_valid()):
        return _writing_page(request, desk, form, sender_form, status=400)
    email = email_appeals.normalise(sender_form.cleaned_data["sender"])
    letter, _problem = writing.letter_for(desk, form, email)
    recipient = form.choices().recipient
    if letter is None or not recipient.parsed_target.email:
        return _writing_page(request, desk, form, sender_form, status=400)
    document, parsed = desk.action()
    result = email_appeals.request_send(
        document=document,
        target=recipient.target,
        to=recipient.parsed_target.email[0],
        letter=letter,
        subject=email_subject(parsed, letter.language),
        sender=email,
        confirmed_here=request.session.get(email_appeals.SESSION_KEY) == email
        or bool(member and member.confirmed and member.email.lower() == email),
        site_url=request.build_absolute_uri("/"),
        client=clients.client_hash(request),
    )
    context = {"case": desk.case, "result": result, "sender": email, "recipient": recipient}
    status = 429 if result.outcome == email_appeals.LIMITED else 200
    return render(request, "actions/send_result.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: mail scanners follow links but do not post."""
    try:
        outgoing = email_appeals.waiting_for(token)
    except email_appeals.ConfirmationError as error:
        return render(request, "actions/confirm.html", {"error": str(error)}, status=400)
    context = {"outgoing": outgoing, "case": outgoing.document.case}
    if request.method == "POST":
        result = email_appeals.confirm(token)
        if result.outcome in (email_appeals.QUEUED, email_appeals.SENT):
            request.session[email_appeals.SESSION_KEY] = outgoing.sender.email
        return render(request, "actions/confirm.html", {**context, "result": result})
    return render(request, "actions/confirm.html", context)
