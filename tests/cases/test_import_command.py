"""`lifeline import PATH...`: files, folders and globs of real case sheets."""

import io
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case, Document, Target
from tests.documents.hostile import bomb_page, nested_divs, pdf

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / ".." / "shared" / "samples"
FURTHER_INFORMATION = SAMPLES / "000_53efcc61e7a56288.txt"
NEWS = SAMPLES / "002_29f61ea2b0379000.txt"


@pytest.fixture
def sheets(tmp_path):
    """A folder with the two real samples, one of them a level down."""
    folder = tmp_path / "sheets"
    (folder / "2000").mkdir(parents=True)
    shutil.copy(FURTHER_INFORMATION, folder / FURTHER_INFORMATION.name)
    shutil.copy(NEWS, folder / "2000" / NEWS.name)
    (folder / "README.md").write_text("Not a case sheet.")
    return folder


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


def test_it_imports_a_folder_recursively_and_prints_the_summary(sheets):
    code, out, err = run(sheets, "--no-progress")

    assert (code, out, err) == (0, "imported 2, updated 0, skipped 0, failed 0\n", "")
    assert sorted(Document.objects.values_list("kind", flat=True)) == [
        "further_information",
        "news",
    ]


def test_importing_the_samples_twice_leaves_two_documents_and_four_targets(sheets):
    run(sheets, "--no-progress")

    code, out, _ = run(sheets, "--no-progress")

    assert (code, out) == (0, "imported 0, updated 0, skipped 2, failed 0\n")
    assert Document.objects.count() == 2
    assert Target.objects.count() == 4


def test_the_samples_fill_the_case_and_the_directory(sheets):
    run(sheets, "--no-progress")

    fi = Document.objects.get(kind="further_information")
    case = fi.case
    assert case.slug == "ua-105-00"
    assert case.deadline == fi.appeal_deadline
    assert set(case.countries) >= {"CN", "KP"}
    premier = Target.objects.get(name__icontains="Zhu Rongji")
    assert premier.salutation == "Your Excellency"
    assert premier.groups.get().document == fi
    assert fi.groups.count() == 3


def test_a_broken_file_in_a_batch_is_named_and_the_others_are_imported(sheets):
    # A directory entry that cannot be read: a link to a file that is gone.
    (sheets / "lost.txt").symlink_to(sheets / "moved-away.txt")

    code, out, err = run(sheets, "--no-progress")

    assert code == 1
    assert out == "imported 2, updated 0, skipped 0, failed 1\n"
    assert err == f"FAILED {sheets / 'lost.txt'}: No such file or directory\n"
    assert Document.objects.count() == 2


def test_a_sheet_the_database_would_refuse_is_named_and_the_others_are_imported(sheets):
    # An official's title too long for its column: PostgreSQL refuses it, SQLite
    # would store it, so the importer refuses it on both.
    title = "Premier of the People’s Republic of China "
    text = FURTHER_INFORMATION.read_text().replace(title, title + "and Chairman of the State " * 12)
    (sheets / "long-title.txt").write_text(text)

    code, out, err = run(sheets, "--no-progress")

    assert code == 1
    assert out == "imported 2, updated 0, skipped 0, failed 1\n"
    assert err.startswith(f"FAILED {sheets / 'long-title.txt'}: target title is longer than 300")
    assert Document.objects.count() == 2
    assert Target.objects.count() == 4


def test_a_truncated_pdf_is_named_with_the_reason(sheets):
    (sheets / "scan.pdf").write_bytes(b"%PDF-1.4\n truncated in transfer")

    code, out, err = run(sheets, "--no-progress")

    assert code == 1
    assert out == "imported 2, updated 0, skipped 0, failed 1\n"
    assert err == f"FAILED {sheets / 'scan.pdf'}: truncated PDF (it does not end with %%EOF)\n"


def test_a_path_that_does_not_exist_is_a_failure_not_a_crash(sheets):
    code, out, err = run(sheets / "nope.txt", FURTHER_INFORMATION, "--no-progress")

    assert code == 1
    assert out == "imported 1, updated 0, skipped 0, failed 1\n"
    assert err == f"FAILED {sheets / 'nope.txt'}: no such file\n"


def test_a_file_of_another_type_named_on_the_command_line_is_refused(sheets):
    code, _, err = run(sheets / "README.md", "--no-progress")

    assert code == 1
    assert err == f"FAILED {sheets / 'README.md'}: not a .txt, .pdf or .html file\n"


def test_it_imports_a_glob(sheets):
    code, out, _ = run(f"{sheets}/**/*.txt", "--no-progress")

    assert (code, out) == (0, "imported 2, updated 0, skipped 0, failed 0\n")


def test_a_glob_matching_nothing_is_a_failure(sheets):
    code, _, err = run(f"{sheets}/*.pdf", "--no-progress")

    assert code == 1
    assert err == f"FAILED {sheets}/*.pdf: no such file\n"


def test_it_shows_a_progress_bar_on_stderr_for_a_batch(sheets, capsys):
    code, _, err = run(sheets)

    assert code == 0
    assert "2/2" in capsys.readouterr().err
    assert err == ""


def test_no_progress_hides_the_bar(sheets, capsys):
    run(sheets, "--no-progress")

    assert capsys.readouterr().err == ""


def test_import_paths_reports_each_outcome(sheets):
    report = import_paths([str(sheets), str(sheets / "nope.txt")])

    assert (report.imported, report.updated, report.skipped, report.failed) == (2, 0, 0, 1)
    assert report.failures == [(str(sheets / "nope.txt"), "no such file")]
    assert Case.objects.count() == 2


def test_the_lifeline_command_exits_with_1_when_a_file_failed(tmp_path):
    # The real entry point, to see Django find the command module named "import".
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": str(ROOT),
        "LIFELINE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    result = subprocess.run(
        [Path(sys.executable).parent / "lifeline", "import", "nope.txt", "--no-progress"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == "imported 0, updated 0, skipped 0, failed 1\n"
    assert result.stderr == "FAILED nope.txt: no such file\n"


def test_the_demo_news_release_joins_the_case_of_the_action_it_names():
    demo = ROOT / "lifeline" / "demo" / "sheets"

    code, _, _ = run(demo)

    assert code == 0
    news = Document.objects.get(document_index="MDE 12/044/2026")
    assert news.kind == "news"
    assert news.case.ua_number == "196/26"
    assert news.case.documents.filter(kind="urgent_action").exists()


# Files that are no case sheet (issue 9 §3) and hostile files (issue 10 §3): each a
# named failure with its reason, nothing of it stored, and the batch goes on.


@pytest.fixture
def good_broken_empty(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Notes from the section meeting\n\nWe wrote 40 letters.\n")
    (folder / "broken.pdf").write_bytes(b"\xff\xfe garbage" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_a_good_file_is_imported_and_a_broken_pdf_and_an_empty_file_are_named(good_broken_empty):
    folder = good_broken_empty

    code, out, err = run(*(folder / name for name in ("good.txt", "broken.pdf", "empty.txt")))

    assert code == 1
    assert out == "imported 1, updated 0, skipped 0, failed 2\n"
    assert err == (
        f"FAILED {folder / 'broken.pdf'}: not a PDF (no %PDF- header)\n"
        f"FAILED {folder / 'empty.txt'}: empty file\n"
    )
    # A text that reads fine but is no case sheet is still imported, as "other".
    assert list(Document.objects.values_list("source_name", "kind", "title")) == [
        ("good.txt", "other", "Notes from the section meeting")
    ]
    assert Case.objects.count() == 1


def test_the_lifeline_command_names_the_broken_files_and_stores_nothing_of_them(
    good_broken_empty,
):
    """The done-when of issue 9 §3, with the real entry point on a SQLite file."""
    folder = good_broken_empty
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": str(ROOT),
        "LIFELINE_DATA_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
    }
    lifeline = Path(sys.executable).parent / "lifeline"
    subprocess.run([lifeline, "migrate", "-v0"], env=env, cwd=folder, check=True)

    result = subprocess.run(
        [lifeline, "import", "good.txt", "broken.pdf", "empty.txt"],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == "imported 1, updated 0, skipped 0, failed 2\n"
    assert result.stderr.splitlines()[-2:] == [
        "FAILED broken.pdf: not a PDF (no %PDF- header)",
        "FAILED empty.txt: empty file",
    ]
    with sqlite3.connect(folder / "db.sqlite3") as db:
        stored = db.execute("SELECT source_name, kind FROM cases_document").fetchall()
    assert stored == [("good.txt", "other")]


def test_hostile_files_in_a_folder_are_refused_each_with_its_reason(sheets, settings):
    settings.IMPORT_MEMORY_MB = 32
    os.mkfifo(sheets / "pipe.txt")
    (sheets / "zero.txt").symlink_to("/dev/zero")
    with (sheets / "huge.txt").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    (sheets / "news.txt").write_bytes(random.Random(1).randbytes(1024 * 1024))
    (sheets / "bomb.pdf").write_bytes(pdf([bomb_page(64)]))
    (sheets / "deep.html").write_bytes(nested_divs(200_000))
    (sheets / "numbers.txt").write_text("2000 2001 2002\n\n17/21/00\n")
    started = time.monotonic()

    code, out, err = run(sheets, "--no-progress")

    assert time.monotonic() - started < 30
    assert code == 1
    assert out == "imported 2, updated 0, skipped 0, failed 7\n"
    assert sorted(err.splitlines()) == [
        f"FAILED {sheets / 'bomb.pdf'}: needs more than 32 MB of memory to read",
        f"FAILED {sheets / 'deep.html'}: HTML nested deeper than 1000 elements",
        f"FAILED {sheets / 'huge.txt'}: over the size limit of 20 MB (50 MB)",
        f"FAILED {sheets / 'news.txt'}: not text: binary content",
        f"FAILED {sheets / 'numbers.txt'}: no letters in the text",
        f"FAILED {sheets / 'pipe.txt'}: not a regular file (a FIFO (named pipe))",
        f"FAILED {sheets / 'zero.txt'}: not a regular file (a character device)",
    ]
    assert Document.objects.count() == 2


def test_the_size_limit_is_a_setting(sheets, settings):
    settings.IMPORT_MAX_MB = 1
    (sheets / "long.txt").write_text("A long news release.\n\n" + "Words of it. " * 100_000)

    code, out, err = run(sheets, "--no-progress")

    assert (code, out) == (1, "imported 2, updated 0, skipped 0, failed 1\n")
    assert err == f"FAILED {sheets / 'long.txt'}: over the size limit of 1 MB (1.2 MB)\n"


def test_a_sheet_with_nul_bytes_imports_without_them(sheets):
    # SQLite stores NUL, PostgreSQL refuses it: the decoder drops it for both.
    data = FURTHER_INFORMATION.read_bytes()
    (sheets / "nul.txt").write_bytes(data.replace(b"\n", b"\x00\n", 40) + b"\x00" * 64)

    code, out, err = run(sheets / "nul.txt", "--no-progress")

    assert (code, out, err) == (0, "imported 1, updated 0, skipped 0, failed 0\n", "")
    document = Document.objects.get()
    assert document.kind == "further_information"
    assert "\x00" not in document.source_text
    assert document.source_text == FURTHER_INFORMATION.read_text()
