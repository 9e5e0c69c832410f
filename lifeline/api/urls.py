from django.urls import path

from lifeline.api.feeds import actions_feed
from lifeline.api.main import api

urlpatterns = [
    path("api/v1/feeds/actions.atom", actions_feed, name="api-actions-feed"),
    path("api/v1/", api.urls),
]
