from django.urls import path

from lifeline.actions import views

app_name = "actions"

urlpatterns = [
    path("cases/<slug:slug>/write/", views.write, name="write"),
    path("cases/<slug:slug>/write/letter.pdf", views.pdf, name="pdf"),
    path("cases/<slug:slug>/write/print/", views.print_letter, name="print"),
    path("cases/<slug:slug>/write/sent/", views.mark_sent, name="sent"),
]
