"""The `lifeline` command runs our subcommands and passes the rest to Django."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
LIFELINE = shutil.which("lifeline") or str(
    Path(__file__).resolve().parents[1] / ".venv/bin/lifeline"
)


def run(*args, tmp_path, **env):
    environment = {
        **os.environ,
        "DEBUG": "True",
        "LIFELINE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "lifeline.settings",
    }
    environment.pop("DATABASE_URL", None)
    environment.update(env)
    return subprocess.run(
        [LIFELINE, *args], env=environment, capture_output=True, text=True, check=False
    )


def test_it_passes_other_words_to_django(tmp_path):
    result = run("check", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_runs_django_commands_against_the_data_dir(tmp_path):
    result = run("migrate", "--noinput", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "lifeline.sqlite3").exists()
    result = run(
        "shell",
        "-c",
        "from lifeline.cases.models import Case; print(Case.objects.count())",
        tmp_path=tmp_path,
    )
    assert result.stdout.strip().splitlines()[-1] == "0"


def test_it_names_an_unknown_command(tmp_path):
    result = run("no-such-command", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "Unknown command: 'no-such-command'" in result.stderr


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared samples are not beside the checkout")
def test_parse_prints_one_json_line_per_file_without_a_database(tmp_path):
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    # A broken DATABASE_URL proves that parse never touches the database.
    result = run("parse", *files, tmp_path=tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:1/x")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(files)
    first = json.loads(lines[0])
    assert first["ua_number"] == "105/00"
    assert first["document_index"] == "ASA 17/21/00"
    assert json.loads(lines[1])["kind"] == "news"


def test_parse_names_a_file_it_cannot_read_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("UA 12/03 Fear of torture\n\nAI Index: AMR 41/012/2003\n")
    result = run("parse", str(tmp_path / "missing.txt"), str(good), tmp_path=tmp_path)
    assert result.returncode == 1
    assert "missing.txt" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["source"].endswith("good.txt")
