from django.urls import path

from lifeline.network import views

app_name = "network"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/sent/", views.join_sent, name="join_sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.preferences, name="preferences"),
    path("me/data.json", views.download, name="download"),
    path("me/delete/", views.delete, name="delete"),
]
