"""Public pages: open actions, the case list, a case and a document.

Views only read the request, call `queries` and render; every object is reached
through its access helper so that an unknown slug or code is a 404.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from lifeline.cases import queries
from lifeline.cases.models import Case, Concern, Document

CASES_PER_PAGE = 25


def get_case(slug: str) -> Case:
    return get_object_or_404(Case, slug=slug)


def get_document(code) -> Document:
    return get_object_or_404(
        Document.objects.select_related("case").prefetch_related("concerns"), code=code
    )


@require_safe
def home(request):
    return render(request, "cases/home.html", {"summaries": queries.open_cases()})


@require_safe
def case_list(request):
    form = queries.CaseFilterForm(
        request.GET,
        countries=queries.countries_in_use(),
        concerns=list(Concern.objects.all()),
        years=queries.years_in_use(),
    )
    form.is_valid()
    paginator = Paginator(queries.filter_cases(form.filters()), CASES_PER_PAGE)
    # get_page() turns a missing, non-numeric or out-of-range page into the nearest page.
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "summaries": queries.summarise(page.object_list),
        "ignored": form.ignored(),
    }
    return render(request, "cases/case_list.html", context)


@require_safe
def case(request, slug):
    page = queries.case_page(get_case(slug))
    # The related cases are the archive's: its template tag finds them (archive/templatetags).
    context = {"page": page, "case": page.case}
    return render(request, "cases/case.html", context)


@require_safe
def document(request, code):
    doc = get_document(code)
    context = {"document": doc, "case": doc.case, "groups": queries.appeal_groups(doc)}
    return render(request, "cases/document.html", context)
