"""The letter-writing page of a case, its PDF and print views, and "I have sent it".

Views read the request, call `drafting` and `appeals`, and render. Sending the
letter by email from the site is the network's (`network.appeal_email_views`),
which renders its pages with `closed` and `writing_page`.
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

from lifeline.actions import appeals, clients, drafting, writing
from lifeline.actions.forms import SentForm, recipient_label
from lifeline.actions.models import Appeal
from lifeline.cases.models import Case
from lifeline.letters.pdf import letter_pdf
from lifeline.letters.render import letter_html


def get_case(slug: str) -> Case:
    return get_object_or_404(Case, slug=slug)


def closed(request, desk: drafting.Desk):
    return render(request, "actions/closed.html", {"case": desk.case, "desk": desk})


def writing_page(request, desk, form, sender_form=None, status=200):
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
        return closed(request, desk)
    member = writing.member_of(request.user)
    return writing_page(request, desk, writing.bound_form(desk, _given(request), member))


@require_http_methods(["GET", "HEAD", "POST"])
def pdf(request, slug):
    desk = drafting.writing_desk(get_case(slug))
    if not desk.can_write:
        return closed(request, desk)
    form = writing.bound_form(desk, _given(request), writing.member_of(request.user))
    letter, _problem = writing.letter_for(desk, form)
    if letter is None:
        # The page says what is wrong beside the field.
        return writing_page(request, desk, form, status=400)
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
        return closed(request, desk)
    given = _given(request)
    form = writing.bound_form(desk, given, writing.member_of(request.user))
    letter, _problem = writing.letter_for(desk, form)
    if letter is None:
        return writing_page(request, desk, form, status=400)
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
