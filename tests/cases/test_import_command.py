"""`lifeline import PATH...`: files, folders and globs of real case sheets."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case, Document, Target

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
