"""The signed link in the news a follower gets: GET asks, POST stops (see `news`)."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lifeline.network import news


@csrf_exempt  # RFC 8058 one-click: the mail provider POSTs without our CSRF cookie.
@require_http_methods(["GET", "POST"])
def stop_news(request, token):
    """GET only shows the form: mail scanners follow links and must not stop anything."""
    follower = news.follower_for(token)
    if follower is None:
        # Stopped already (the row is gone), or a forged link: the same answer.
        return render(request, "network/stop_news.html", {"gone": True}, status=400)
    if request.method == "POST":
        news.stop(follower)
        return render(request, "network/stop_news.html", {"stopped": True})
    return render(request, "network/stop_news.html", {"follower": follower})
