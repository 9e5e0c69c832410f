"""`lifeline letter` and `lifeline pack` end to end, as a coordinator runs them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.letters.fixtures import CHINESE_POINT_TAILS, SAMPLE
from tests.letters.pdftools import page_count, page_size, pdf_text, squeezed

ROOT = Path(__file__).resolve().parents[2]
SHEETS = ROOT / "lifeline" / "demo" / "sheets"
EGYPT = SHEETS / "2026-11-10_ua-196-26.txt"
PERU = SHEETS / "1997-03-14_ua-087-97.txt"
STOP = SHEETS / "1997-06-12_stop-087-97.txt"
NEWS = SHEETS / "2026-11-20_news-mde-12-044-2026.txt"
LIFELINE = shutil.which("lifeline") or str(ROOT / ".venv/bin/lifeline")
ANA = "Ana Silva|12 Rose Street|Edinburgh EH2 2PR|United Kingdom"

needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="the shared samples are not here")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    # A broken DATABASE_URL proves the letter commands never touch a database.
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/x"}
    return subprocess.run(
        [LIFELINE, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@needs_sample
@pytest.mark.parametrize(
    ("language", "salutation", "closing"),
    [
        ("en", "Your Excellency,", "Yours sincerely,"),
        ("fr", "Excellence,", "l'expression de ma haute considération."),
        ("es", "Excelencia:", "Atentamente,"),
    ],
)
def test_a_text_letter_to_the_premier_reads_as_a_personal_letter(
    tmp_path, language, salutation, closing
):
    result = run(
        "letter", SAMPLE, "--group", "1", "--target", "1", "--lang", language,
        "--from", ANA, "--format", "txt", "-o", "letter.txt", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "letter.txt").read_text()
    assert text.startswith("Ana Silva\n12 Rose Street\nEdinburgh EH2 2PR\n")
    assert "ZHU Rongji Zongli\nPremier of the People's Republic of China\n" in text
    assert "9 Xihuangchenggenbeijie" in text
    assert f"\n{salutation}\n" in text
    assert closing in text
    # Each of the five points is its own first-person paragraph, none left in list form.
    # The seed is the file's path, so any connector or variant may open a point
    # ("In addition, I call on you to ...", "I wish to point out that ...").
    paragraphs = text.split("\n\n")
    for tail in CHINESE_POINT_TAILS:
        (paragraph,) = [p for p in paragraphs if p.endswith(tail.replace("’", "'"))]
        assert re.match(r"(?:[A-Z][\w ]*, )?I \w", paragraph), paragraph
    assert not re.search(r"^- |\b(?:urging|calling on|noting that)\b", text, re.M)
    if language != "en":
        assert "no French translation" in result.stderr or "no Spanish translation" in (
            result.stderr
        )


@needs_sample
def test_a_pdf_letter_holds_the_address_salutation_and_every_point(tmp_path):
    result = run(
        "letter", SAMPLE, "--group", "1", "--target", "2", "--lang", "en", "--from", ANA,
        "--format", "pdf", "--paper", "us-letter", "--envelope", "-o", "out.pdf", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert page_count(pdf) == 2
    assert page_size(pdf) == (612, 792)
    text = squeezed(pdf_text(pdf, first=1, last=1))
    assert squeezed("Governor of the Jilin Provincial People's Government") in text
    assert squeezed("11 Xinfa Lu") in text
    assert "DearGovernor," in text
    for tail in CHINESE_POINT_TAILS:
        assert squeezed(tail.replace("’", "'")) in text
    assert "PAR AVION" in pdf_text(pdf, first=2, last=2)


def test_an_arabic_letter_from_a_fictional_sheet(tmp_path):
    result = run("letter", EGYPT, "--target", "2", "--lang", "ar", "-o", "ar.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = pdf_text((tmp_path / "ar.pdf").read_bytes())
    assert "وتفضلوا بقبول فائق الاحترام والتقدير" in text
    assert "Mahmoud Samir Zaki" in text


def test_a_letter_goes_to_stdout_by_default(tmp_path):
    result = run("letter", PERU, "--lang", "es", "--from", ANA, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Ing. Ernesto VALDIVIA SORIA" in result.stdout
    assert "Atentamente," in result.stdout


@needs_sample
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "4"], "no group 4; it has 3 groups, 1 to 3"),
        (["--group", "0"], "no group 0"),
        (["--target", "3"], "group 1 has no target 3; it has 2 targets, 1 to 2: 1 ZHU Rongji"),
        (["--group", "3"], "group 3 (the UNHCR) has no targets"),
        (["--lang", "xx"], "unknown language 'xx': choose one of en, fr, es, ar"),
        (["--from", "Ana|Edinburgh"], 'give "Name|Street|City|Country"'),
        (["--from", "Ana|1 Road|Town|Narnia"], "unknown country 'Narnia'"),
    ],
)
def test_bad_choices_stop_with_status_2_and_write_nothing(tmp_path, args, message):
    result = run("letter", SAMPLE, *args, "-o", "out.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_target_without_postal_address_is_named(tmp_path):
    sheet = tmp_path / "no-address.txt"
    lines = EGYPT.read_text().splitlines()
    sheet.write_text(
        "\n".join(x for x in lines if not x.startswith(("Office of the", "Madinat"))) + "\n"
    )
    result = run("letter", sheet, "--target", "1", "-o", "out.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "group 1, target 1 (Counsellor Hisham Adel Fawzy, Public Prosecutor) has no postal "
        "address" in result.stderr
    )
    assert "email prosecutor@ppo.example" in result.stderr
    assert not (tmp_path / "out.pdf").exists()
    # A pack leaves that target out and says so.
    result = run("pack", sheet, "--copies", "2", "-o", "pack.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "target 1 (Counsellor Hisham Adel Fawzy" in result.stderr
    assert page_count(tmp_path / "pack.pdf") == 2


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        (NEWS, "no appeal groups found (read as news); is it a case sheet?"),
        (STOP, "this case is closed (stop action)"),
        (Path("missing.txt"), "cannot read missing.txt: No such file or directory"),
    ],
)
def test_files_without_a_letter_to_write_stop_with_status_2(tmp_path, sheet, message):
    for command in (["letter", sheet], ["pack", PERU, sheet, "-o", "pack.pdf"]):
        result = run(*command, cwd=tmp_path)
        assert result.returncode == 2
        assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


@needs_sample
def test_a_pack_has_copies_for_each_target_of_each_file_in_each_language(tmp_path):
    result = run(
        "pack", SAMPLE, PERU, "--copies", "3", "--langs", "en,fr", "-o", "pack.pdf", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "pack.pdf").read_bytes()
    # The sample: 2 + 2 targets with addresses (the UNHCR group has none); Peru: 2.
    assert page_count(pdf) == 3 * (4 + 2) * 2
    first = pdf_text(pdf, first=1, last=1)
    assert "ZHU Rongji Zongli" in first and "Your Excellency," in first
    assert "Ana Silva" not in first
    # Copies of one letter differ in wording, never in substance.
    copies = [squeezed(pdf_text(pdf, first=p, last=p)) for p in (1, 2, 3)]
    assert len(set(copies)) > 1
    for copy in copies:
        for tail in CHINESE_POINT_TAILS:
            assert squeezed(tail.replace("’", "'")) in copy
    assert "Excellence," in pdf_text(pdf, first=4, last=4)
    # Target by target, each in every language: Peru's first target from page 25.
    assert "Ernesto VALDIVIA SORIA" in pdf_text(pdf, first=25, last=25)
    last = pdf_text(pdf, first=36, last=36)
    assert "Tomás ARRIOLA BENAVENTE" in last and "Copie à" in last
    assert "36 letters written to pack.pdf" in result.stderr


def test_a_big_pack_reports_progress_on_stderr(tmp_path):
    result = run("pack", PERU, "--copies", "100", "-o", "pack.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "200/200" in result.stderr
    assert page_count(tmp_path / "pack.pdf") == 200


def test_pack_refuses_an_unknown_language_before_writing(tmp_path):
    result = run("pack", PERU, "--langs", "en,zz", "-o", "pack.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown language 'zz'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_own_words_over_the_limit_are_refused_with_the_limit(tmp_path):
    result = run("letter", PERU, "--own-words", "x" * 100_000, "-o", "out.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "Your own words are 100000 characters long; the limit is 5000." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_pack_with_envelopes_has_one_after_each_letter(tmp_path):
    result = run("pack", PERU, "--envelopes", "--paper", "us-letter", "-o", "p.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "p.pdf").read_bytes()
    assert page_count(pdf) == 4
    assert page_size(pdf) == (612, 792)
    assert "PAR AVION" in pdf_text(pdf, first=4, last=4)
    assert "Dear" in pdf_text(pdf, first=3, last=3)


def test_an_output_that_cannot_be_written_is_named(tmp_path):
    for command in ("letter", "pack"):
        result = run(command, PERU, "-o", "no/such/folder/out.pdf", cwd=tmp_path)
        assert result.returncode == 1
        assert "cannot write no/such/folder/out.pdf: No such file or directory" in result.stderr


def test_a_pack_can_fill_the_sender_blocks(tmp_path):
    result = run("pack", PERU, "--langs", "fr", "--from", ANA, "-o", "p.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first = pdf_text((tmp_path / "p.pdf").read_bytes(), first=1, last=1)
    assert first.startswith("Ana Silva\n12 Rose Street\nEdinburgh EH2 2PR\nRoyaume-Uni")
    assert "Ana Silva" in first.split("considération.")[-1]


def test_a_binary_file_named_txt_stops_with_the_reason(tmp_path):
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 64)
    result = run("letter", "junk.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "junk.txt: not text: binary content" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["junk.txt"]
