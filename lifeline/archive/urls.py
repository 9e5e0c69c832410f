from django.urls import path

from lifeline.archive import views

app_name = "archive"

urlpatterns = [
    path("search/", views.search_page, name="search"),
]
