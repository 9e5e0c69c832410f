from django.urls import path

from lifeline.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<slug:slug>/", views.case, name="case"),
    path("documents/<uuid:code>/", views.document, name="document"),
]
