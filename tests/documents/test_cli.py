"""`lifeline parse FILE...` prints one JSON object per file."""

import json

from lifeline.documents.cli import main
from tests.documents.conftest import FIXTURES

KEYS = {
    "source", "kind", "ua_number", "update_number", "document_index", "title", "concerns",
    "countries", "issue_date", "appeal_deadline", "appeal_immediately", "people_at_risk",
    "channels", "languages", "own_language", "appeal_groups", "copies_to", "model_letter",
    "body", "warnings",
}  # fmt: skip
TARGET_KEYS = {
    "title",
    "name",
    "address",
    "telex",
    "telegram",
    "fax",
    "email",
    "phone",
    "salutation",
}


def test_it_prints_one_json_line_per_file_with_the_contract_keys(capsys):
    paths = [str(FIXTURES / "ua_1998_classic.txt"), str(FIXTURES / "news_2003.txt")]
    assert main(paths) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) >= KEYS
    assert first["source"] == paths[0]
    assert first["issue_date"] == "1998-04-24"
    assert first["appeal_deadline"] == "1998-06-05"
    group = first["appeal_groups"][0]
    assert set(group) >= {"audience", "points", "targets"}
    assert set(group["targets"][0]) >= TARGET_KEYS
    assert second["kind"] == "news"
    assert second["appeal_deadline"] is None


def test_an_unreadable_file_is_named_on_stderr_and_the_rest_still_printed(capsys, tmp_path):
    missing = tmp_path / "missing.txt"
    assert main([str(missing), str(FIXTURES / "stop_2001.txt")]) == 1
    captured = capsys.readouterr()
    assert "missing.txt" in captured.err
    (line,) = captured.out.splitlines()
    assert json.loads(line)["kind"] == "stop_action"


def test_a_directory_is_an_unreadable_file(capsys, tmp_path):
    assert main([str(tmp_path)]) == 1
    assert str(tmp_path) in capsys.readouterr().err


def test_text_the_parser_cannot_place_still_prints(capsys, tmp_path):
    prose = tmp_path / "prose.txt"
    prose.write_text("Minutes of the meeting.\n\nWe agreed to meet again in spring.\n")
    assert main([str(prose)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["kind"], printed["title"], printed["refused"]) == (
        "other",
        "Minutes of the meeting.",
        "",
    )


def test_binary_junk_is_refused_on_stderr_and_still_printed(capsys, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 4)
    assert main([str(junk)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"lifeline parse: refused {junk}: not text: binary content\n"
    assert json.loads(captured.out)["refused"] == "not text: binary content"
