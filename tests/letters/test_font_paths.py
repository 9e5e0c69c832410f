"""LIFELINE_FONT_PATHS: more font folders for PDF letters, read like every other setting."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from lifeline.letters import pdf
from lifeline.lib.env import ConfigError, env_paths

ROOT = Path(__file__).resolve().parents[2]
PERU = ROOT / "lifeline" / "demo" / "sheets" / "1997-03-14_ua-087-97.txt"
LIFELINE = shutil.which("lifeline") or str(ROOT / ".venv/bin/lifeline")
ANA = "Ana Silva|12 Rose Street|Edinburgh EH2 2PR|United Kingdom"


def test_it_reads_folders_separated_like_path(monkeypatch, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    monkeypatch.setenv("LIFELINE_FONT_PATHS", f"{one}{os.pathsep}{os.pathsep}{two}{os.pathsep}")
    assert env_paths("LIFELINE_FONT_PATHS") == [one, two]
    monkeypatch.setenv("LIFELINE_FONT_PATHS", "")
    assert env_paths("LIFELINE_FONT_PATHS") == []


def test_a_folder_that_is_not_there_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("LIFELINE_FONT_PATHS", str(tmp_path / "nowhere"))
    with pytest.raises(ConfigError, match="LIFELINE_FONT_PATHS names folders that do not exist"):
        env_paths("LIFELINE_FONT_PATHS")


def test_typst_is_given_the_extra_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("LIFELINE_FONT_PATHS", str(tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a machine without the Noto fonts
        folders, _ = pdf._font_paths()
    assert folders[-1] == str(tmp_path)


def test_the_letter_command_says_what_is_wrong_with_the_setting(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/x",
        "LIFELINE_FONT_PATHS": "/no/such/fonts",
    }
    result = subprocess.run(
        [LIFELINE, "letter", str(PERU), "--lang", "es", "--from", ANA, "-o", "out.pdf"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "LIFELINE_FONT_PATHS names folders that do not exist: /no/such/fonts" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
