from django.urls import include, path

from lifeline.network import appeal_email_views, news_views, views

app_name = "network"

# The members' pages, under /network/.
members = [
    path("join/", views.join, name="join"),
    path("join/sent/", views.join_sent, name="join_sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("news/stop/<str:token>/", news_views.stop_news, name="stop_news"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("me/two-step/", views.two_factor, name="two_factor"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("me/", views.preferences, name="preferences"),
    path("me/data.json", views.download, name="download"),
    path("me/delete/", views.delete, name="delete"),
]

urlpatterns = [
    path("network/", include(members)),
    # Beside the letter page they are sent from, and where links already mailed point.
    path("cases/<slug:slug>/write/send/", appeal_email_views.send, name="appeal_send"),
    path("appeals/confirm/<str:token>/", appeal_email_views.confirm, name="appeal_confirm"),
]
