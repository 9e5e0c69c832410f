"""The Atom feed of new actions and updates, filterable by country and concern."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.syndication.views import Feed
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lifeline.api.errors import error_response
from lifeline.cases.models import Document, DocumentCountry
from lifeline.cases.queries import ACTION_KINDS

FEED_LENGTH = 50
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")


class ActionsFeed(Feed):
    """Urgent Actions, further information and stop actions, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return {
            "country": (request.GET.get("country") or "").upper() or None,
            "concern": request.GET.get("concern") or None,
            "path": request.get_full_path(),
        }

    def title(self, obj):
        title = _("Lifeline: new actions and updates")
        if obj["country"] or obj["concern"]:
            title += " (" + ", ".join(filter(None, (obj["country"], obj["concern"]))) + ")"
        return title

    def subtitle(self, obj):
        return _("Urgent Actions, further information and stop actions as they are issued.")

    def link(self, obj):
        return reverse("cases:case_list")

    def feed_url(self, obj):
        return obj["path"]

    def items(self, obj):
        documents = Document.objects.filter(kind__in=ACTION_KINDS)
        if obj["country"]:
            documents = documents.filter(
                Exists(DocumentCountry.objects.filter(document=OuterRef("pk"), code=obj["country"]))
            )
        if obj["concern"]:
            documents = documents.filter(concerns__slug=obj["concern"])
        return list(
            documents.select_related("case")
            .defer("source_text")
            .prefetch_related("concerns")
            .order_by(F("issue_date").desc(nulls_last=True), "-created", "-id")[:FEED_LENGTH]
        )

    def item_title(self, item: Document):
        label = {
            "urgent_action": _("Urgent Action"),
            "further_information": _("Further information"),
            "stop_action": _("Stop action"),
        }[item.kind]
        number = f" UA {item.ua_number}" if item.ua_number else ""
        return f"{label}{number}: {item.title or item.case.title}"

    def item_description(self, item: Document):
        return Truncator(item.body).chars(600)

    def item_link(self, item: Document):
        return item.get_absolute_url()

    def item_guid(self, item: Document):
        return f"urn:uuid:{item.code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Document):
        if item.issue_date:
            return dt.datetime.combine(item.issue_date, dt.time(), tzinfo=dt.UTC)
        return item.created

    def item_updateddate(self, item: Document):
        return item.updated or timezone.now()

    def item_categories(self, item: Document):
        return [concern.name for concern in item.concerns.all()] + list(item.countries or [])


@require_safe
def actions_feed(request):
    """The feed, after checking the filters: a bad value is a 400 in the API's error shape."""
    details = []
    country = request.GET.get("country")
    if country is not None and not _COUNTRY.match(country):
        details.append({"field": "query.country", "message": _("two letters, e.g. CN")})
    concern = request.GET.get("concern")
    if concern is not None and not _SLUG.match(concern):
        details.append({"field": "query.concern", "message": _("a concern's slug")})
    if details:
        return error_response(400, _("The request is not valid; see details."), details)
    return ActionsFeed()(request)
