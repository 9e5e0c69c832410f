"""`lifeline members import/export` and `lifeline publish`, called as commands."""

import io
import random
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from lifeline.cases.models import Document
from lifeline.network.models import Delivery, DeliveryState, MailKind, Member, Section
from tests.network.factories import make_member, make_section

pytestmark = pytest.mark.django_db

SHEET = Path(__file__).resolve().parents[2] / "lifeline/demo/sheets/2026-11-17_ua-201-26.txt"

GOOD = """name,email,language,country
Ana Jiménez,ana@example.org,es,MX
Олег Ткаченко,oleg@example.org,en,UA
"""
BAD = """name,email,language,country
Ana Jiménez,ana@example.org,es,MX
,no-name@example.org,en,GB
Bob,not-an-address,en,GB
Cy,cy@example.org,xx,GB
Di,di@example.org,en,Britain
Ana again,ANA@example.org,en,GB
"""


def members(tmp_path, text, *args):
    path = tmp_path / "members.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("members", "import", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_reports_every_bad_row_with_its_line_and_writes_nothing(tmp_path):
    err = io.StringIO()
    path = tmp_path / "members.csv"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(CommandError, match="5 bad row"):
        call_command("members", "import", str(path), "--section", "FR", "--dry-run", stderr=err)
    report = err.getvalue()
    assert "line 3: name is empty" in report
    assert "line 4: email 'not-an-address' is not an email address" in report
    assert "line 5: language 'xx' is not one of" in report
    assert "line 6: country 'Britain' is not a two-letter ISO code" in report
    assert "line 7: email ANA@example.org is also on line 2" in report
    assert "line 2" not in report.replace("also on line 2", "")
    assert not Member.objects.exists()
    assert not Section.objects.exists()


def test_an_import_with_bad_rows_writes_nothing(tmp_path):
    with pytest.raises(CommandError, match="nothing imported"):
        members(tmp_path, BAD, "--section", "FR")
    assert not Member.objects.exists()


def test_a_good_import_creates_the_section_and_queues_confirmations(
    tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = members(tmp_path, GOOD, "--section", "MX")
    assert "imported 2 member(s) into MX (each will get a confirmation mail)" in out
    assert "section MX created" in out
    assert Section.objects.get().code == "MX"
    assert set(Member.objects.values_list("email", "language", "country")) == {
        ("ana@example.org", "es", "MX"),
        ("oleg@example.org", "en", "UA"),
    }
    assert not Member.objects.filter(confirmed__isnull=False).exists()
    rows = Delivery.objects.filter(kind=MailKind.CONFIRM, state=DeliveryState.QUEUED)
    assert set(rows.values_list("member__email", flat=True)) == {
        "ana@example.org",
        "oleg@example.org",
    }
    [task] = DBTaskResult.objects.all()  # the nudge: one batch sends both
    assert task.task_path.endswith("send_notifications")


def test_confirmed_members_get_no_confirmation_and_known_addresses_stay(tmp_path):
    make_member(email="ana@example.org", name="Already here")
    out, _ = members(tmp_path, GOOD, "--section", "MX", "--confirmed")
    assert "line 2: ana@example.org is already a member (left as it is)" in out
    assert "imported 1 member(s)" in out
    assert Member.objects.get(email="ana@example.org").name == "Already here"
    assert Member.objects.get(email="oleg@example.org").confirmed is not None
    assert not DBTaskResult.objects.exists()
    assert not Delivery.objects.exists()


def test_a_column_mapping_reads_other_headers(tmp_path):
    text = "Nom,Courriel,language,Pays\nAna,ana@example.org,fr,FR\n"
    out, _ = members(
        tmp_path,
        text,
        "--section",
        "FR",
        "--confirmed",
        "--column",
        "name=Nom",
        "--column",
        "email=Courriel",
        "--column",
        "country=Pays",
    )
    assert "imported 1 member(s)" in out
    with pytest.raises(CommandError, match="missing column"):
        members(tmp_path, text, "--section", "FR")


def test_export_writes_the_sections_members(tmp_path):
    make_member(email="a@example.org", section=make_section("GB"))
    make_member(email="b@example.org", section=make_section("FR"))
    out = io.StringIO()
    call_command("members", "export", "--section", "GB", stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert lines[0] == "name,email,language,country,address,section,confirmed"
    assert len(lines) == 2
    assert "a@example.org" in lines[1]


def test_publish_imports_a_file_then_publishes_it_once(django_capture_on_commit_callbacks):
    make_member()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish", str(SHEET), stdout=out)
    assert "1 notification(s) queued for members whose preferences match" in out.getvalue()
    document = Document.objects.get()
    assert document.published is not None
    out = io.StringIO()
    call_command("publish", document.document_index or str(SHEET), stdout=out)
    assert "already published" in out.getvalue()
    assert Delivery.objects.count() == 1


def test_publish_says_when_there_is_no_such_document():
    with pytest.raises(CommandError, match="no such file, and no document with that index"):
        call_command("publish", "ASA 99/999/2099")


def test_publish_refuses_binary_junk_named_txt_and_stores_nothing(tmp_path):
    # Issue 10 §3: a megabyte of random bytes named .txt was published as a news page.
    junk = tmp_path / "news.txt"
    junk.write_bytes(random.Random(3).randbytes(1024 * 1024))
    with pytest.raises(CommandError, match=r"news.txt: not text: binary content$"):
        call_command("publish", str(junk))
    assert not Document.objects.exists()
