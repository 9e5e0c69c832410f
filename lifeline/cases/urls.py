from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from lifeline.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<slug:slug>/", views.case, name="case"),
    path("documents/<uuid:code>/", views.document, name="document"),
    # Browsers and feed readers ask for /favicon.ico whatever the page links; the
    # file itself is a static file (lifeline/static), served with the others.
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("lifeline/favicon.ico"), permanent=True),
        name="favicon",
    ),
]
