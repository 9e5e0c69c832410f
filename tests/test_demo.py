"""`make demo`'s parts: the logins it prints and the mailbox that keeps its mail."""

import socket
import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command

from lifeline.demo.mailbox import Keeper, file_stem
from tests.ops.fixtures import data, migrated_database, serve  # noqa: F401


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_the_logins_printed_use_the_port_the_demo_serves_on(settings, capsys):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8123"

    call_command("demo_logins")

    out = capsys.readouterr().out
    assert "Site:   http://127.0.0.1:8123/\n" in out
    assert "Admin:  http://127.0.0.1:8123/admin/" in out
    assert ":8000" not in out


def test_the_mailbox_keeps_each_message_as_a_readable_file(tmp_path, settings):
    from aiosmtpd.controller import Controller

    announced = []
    port = free_port()
    controller = Controller(Keeper(tmp_path, announced.append), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        mail.send_mail(
            "Confirmez votre adresse, Jiménez",
            "Bonjour,\n\nCliquez sur le lien : http://127.0.0.1:8000/network/confirm/x/\n",
            "appeals@localhost",
            ["amelie@example.org"],
        )
    finally:
        controller.stop()

    [text] = tmp_path.glob("*.txt")
    [raw] = tmp_path.glob("*.eml")
    assert raw.stem == text.stem
    content = text.read_text(encoding="utf-8")
    assert "Subject: Confirmez votre adresse, Jiménez" in content
    assert "To: amelie@example.org" in content
    assert "Cliquez sur le lien : http://127.0.0.1:8000/network/confirm/x/\n" in content
    assert "\r" not in content
    assert announced == [
        f"mail to amelie@example.org: Confirmez votre adresse, Jiménez ({tmp_path / text.stem}.txt)"
    ]


def test_mail_files_sort_by_arrival_and_name_their_subject():
    import datetime as dt

    when = dt.datetime(2027, 1, 5, 9, 30, 1, tzinfo=dt.UTC)
    assert (
        file_stem("UA 196/26: new action", when, 3) == "20270105-093001-0003-UA-196-26-new-action"
    )
    assert file_stem("", when, 12) == "20270105-093001-0012-message"


def test_the_command_serves_until_stopped(tmp_path):
    """demo_mailbox listens on the port asked for (make demo runs it in the background)."""
    port = free_port()
    thread = threading.Thread(
        target=call_command,
        args=("demo_mailbox", "--port", str(port), "--folder", str(tmp_path)),
        daemon=True,
    )
    thread.start()
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                assert conn.recv(100).startswith(b"220")
            break
        except OSError:
            time.sleep(0.05)
    else:
        pytest.fail("demo_mailbox did not listen")


def test_the_served_demo_answers_and_its_mail_lands_in_the_mailbox(serve, tmp_path):  # noqa: F811
    """What `make demo` runs: serve (DEBUG on, allowed) beside the demo's mailbox."""
    import http.cookiejar
    import re
    import urllib.parse
    import urllib.request

    from aiosmtpd.controller import Controller

    from tests.ops.serving import wait_for

    mail_folder = tmp_path / "mail"
    smtp_port = free_port()
    controller = Controller(
        Keeper(mail_folder, lambda line: None), hostname="127.0.0.1", port=smtp_port
    )
    controller.start()
    try:
        served = serve(
            "--allow-debug",
            DEBUG="True",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            EMAIL_USE_TLS="False",
        )
        served.wait_until_serving()
        assert served.get("/")[0] == 200
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = browser.open(served.url + "/network/join/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {
            "name": "Amélie Demo",
            "email": "amelie@example.org",
            "language": "en",
            "csrfmiddlewaretoken": token,
        }
        answer = browser.open(
            served.url + "/network/join/", urllib.parse.urlencode(form).encode(), timeout=30
        )
        assert answer.status == 200

        [message] = wait_for(lambda: list(mail_folder.glob("*.txt")), "the confirmation mail")
    finally:
        controller.stop()

    text = message.read_text(encoding="utf-8")
    assert "To: amelie@example.org" in text
    assert f"{served.url}/network/confirm/" in text
