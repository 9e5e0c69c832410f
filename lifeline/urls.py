from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("lifeline.api.urls")),
    # The network adds /network/ to its members' pages itself: its appeal emails sit
    # beside the letter page (/cases/<slug>/write/send/).
    path("", include("lifeline.network.urls")),
    path("", include("lifeline.cases.urls")),
    path("", include("lifeline.actions.urls")),
    path("", include("lifeline.archive.urls")),
]
