"""Hostile files are refused quickly, each with its reason, and the reader goes on.

Issue 10 §3: a random binary file named .txt, a PDF bomb, 200,000 nested divs,
a link to /dev/zero, a FIFO, a 50 MB sheet. Each is built here and must be
refused within a few seconds (the budgets are the defaults unless a test
lowers one to show it at work).
"""

from __future__ import annotations

import os
import random
import threading
import time

import pytest

from lifeline.documents import Limits, Unreadable, parse
from lifeline.documents.extract import nesting_depth
from lifeline.documents.files import read_file
from lifeline.documents.sandbox import Reader
from lifeline.lib.import_limits import from_env
from tests.documents.hostile import bomb_page, deep_page, nested_divs, pdf, text_page

MB = 1024 * 1024


@pytest.fixture
def reader():
    with Reader(Limits()) as reader:
        yield reader


class Clock:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc_info):
        self.seconds = time.perf_counter() - self.start


# Reading the path: regular files only, never more than the limit.


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "sheet.txt"
    os.mkfifo(fifo)
    outcome = {}

    def read():
        try:
            read_file(fifo, 20 * MB)
        except Unreadable as error:
            outcome["reason"] = str(error)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert outcome == {"reason": "not a regular file (a FIFO (named pipe))"}


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path):
    link = tmp_path / "sheet.txt"
    link.symlink_to("/dev/zero")
    with Clock() as clock, pytest.raises(Unreadable, match=r"^not a regular file \(a character"):
        read_file(link, 20 * MB)
    assert clock.seconds < 1


def test_a_link_to_a_regular_file_is_read(tmp_path):
    (tmp_path / "real.txt").write_bytes(b"Hello")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert read_file(tmp_path / "link.txt", 20 * MB) == b"Hello"


def test_a_folder_and_a_missing_file_are_refused_by_name(tmp_path):
    with pytest.raises(Unreadable, match=r"^not a regular file \(a folder\)$"):
        read_file(tmp_path, 20 * MB)
    with pytest.raises(Unreadable, match=r"^No such file or directory$"):
        read_file(tmp_path / "gone.txt", 20 * MB)


def test_a_50_mb_sheet_is_over_the_limit_and_never_read(tmp_path):
    sheet = tmp_path / "huge.txt"
    with sheet.open("wb") as out:  # sparse: 50 MB on paper, nothing on disk
        out.truncate(50 * MB)
    with Clock() as clock, pytest.raises(Unreadable) as refusal:
        read_file(sheet, 20 * MB)
    assert str(refusal.value) == "over the size limit of 20 MB (50 MB)"
    assert clock.seconds < 0.5


def test_the_size_limit_is_the_callers(tmp_path):
    sheet = tmp_path / "sheet.txt"
    sheet.write_bytes(b"x" * 2048)
    with pytest.raises(Unreadable, match=r"^over the size limit of 1 KB \(2 KB\)$"):
        read_file(sheet, 1024)
    assert read_file(sheet, 2048) == b"x" * 2048


# What the bytes hold.


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\n", "empty file (blank space only)"),
        ("broken.pdf", b"\xff\xfe garbage\x00\x01\x02", "not a PDF (no %PDF- header)"),
        ("scan.pdf", b"%PDF-1.4\n1 0 obj << >>\nendobj\n", "truncated PDF"),
        ("table.txt", b"12/04 -- 13/05\n\n1998 2000 2001\n", "no letters in the text"),
        ("report.txt", b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 100, "not text: a ZIP archive"),
        ("old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "not text: an old Word"),
        ("dump.txt", bytes(range(256)) * 4, "not text: binary content"),
    ],
)
def test_what_is_no_document_is_refused_with_the_reason(name, data, reason):
    document = parse(data, name)
    assert document.refused.startswith(reason)
    assert (document.kind, document.title, document.text, document.source_text) == (
        "other",
        "",
        "",
        "",
    )
    assert document.source_hash  # so a report can name the bytes


def test_a_megabyte_of_random_bytes_named_txt_is_refused_quickly(reader):
    data = random.Random(10).randbytes(MB)
    with Clock() as clock:
        document = reader.parse(data, "news.txt")
    assert document.refused == "not text: binary content"
    assert clock.seconds < 1


def test_text_that_reads_fine_but_is_no_case_sheet_is_kept_as_other():
    document = parse(b"Minutes of the meeting\n\nWe agreed to meet again.\n", "minutes.txt")
    assert (document.refused, document.kind, document.title) == (
        "",
        "other",
        "Minutes of the meeting",
    )


def test_a_few_stray_control_characters_do_not_make_a_sheet_binary():
    # What WordPerfect conversions leave: an escape or a bell now and then.
    text = "UA 12/00 Fear for safety\n\n" + "Appeals are needed.\n" * 40 + "\x1b\x07\x1e\n" * 5
    assert parse(text.encode(), "ua.txt").refused == ""


def test_utf16_with_its_byte_order_mark_is_text_not_binary():
    data = "\ufeffURGENT ACTION\n\nFear for safety of a journalist.\n".encode("utf-16-le")
    document = parse(data, "ua.txt")
    assert document.refused == ""
    assert document.text.startswith("URGENT ACTION")


def test_nul_bytes_are_stripped_from_the_text_and_the_original():
    document = parse(b"UA 12/00\x00 Fear for safety\x00\x00\n\nAppeals are needed.\x00", "ua.txt")
    assert document.refused == ""
    assert "\x00" not in document.source_text
    assert "\x00" not in document.text
    assert document.source_text.startswith("UA 12/00 Fear for safety")


# PDF bombs and slow pages, read in the bounded child.


def test_a_pdf_bomb_is_refused_at_the_memory_limit_and_the_next_file_is_read():
    bomb = pdf([bomb_page(64)])  # 64 MB of content in about 65 KB
    assert len(bomb) < MB
    with Reader(Limits(memory_bytes=32 * MB)) as reader:
        with Clock() as clock:
            document = reader.parse(bomb, "bomb.pdf")
        assert document.refused == "needs more than 32 MB of memory to read"
        assert clock.seconds < 10
        assert reader.parse(pdf([text_page("Hello reader")]), "next.pdf").title == "Hello reader"


def test_a_pdf_of_many_pages_is_refused_before_they_are_read(reader):
    with Clock() as clock:
        document = reader.parse(pdf([text_page("page")] * 300), "pages.pdf")
    assert document.refused == "a PDF of more than 200 pages"
    assert clock.seconds < 3


def test_a_pdf_that_lies_about_its_page_count_is_stopped_at_the_limit():
    with Reader(Limits(max_pages=20)) as reader:
        document = reader.parse(pdf([text_page("page")] * 30, count=1), "liar.pdf")
    assert document.refused == "a PDF of more than 20 pages"


def test_a_pdf_over_its_time_budget_is_refused_and_the_next_file_is_read():
    deep = pdf([deep_page(200_000)])  # arrays 200,000 deep: seconds of pdfminer's time
    with Reader(Limits(seconds=1)) as reader:
        with Clock() as clock:
            document = reader.parse(deep, "deep.pdf")
        assert document.refused == "took longer than 1 s to read"
        assert clock.seconds < 3
        assert reader.parse(pdf([text_page("Hello reader")]), "next.pdf").title == "Hello reader"


def test_a_readable_pdf_is_read_in_the_child(reader):
    document = reader.parse(pdf([text_page("Fear for safety")]), "ua.pdf")
    assert (document.refused, document.encoding, document.title) == ("", "pdf", "Fear for safety")
    assert reader._child is not None  # it went through the child, which stays for the next


# HTML nested without end.


def test_200000_nested_divs_are_refused_in_linear_time(reader):
    with Clock() as clock:
        document = reader.parse(nested_divs(200_000), "deep.html")
    assert document.refused == "HTML nested deeper than 1000 elements"
    assert clock.seconds < 2


def test_the_nesting_depth_counts_what_a_browser_would():
    page = (
        "<html><body><div><p>one<p>two<ul><li>a<li>b</ul><br><img src=x />"
        "<!-- <div><div><div> --><script>if (a<b) {}</script></div></body></html>"
    )
    assert nesting_depth(page, 100) == 4  # html, body, div, ul
    assert nesting_depth("<div>" * 5000, 100) == 101  # stops counting past the limit


def test_html_at_the_depth_limit_is_read():
    with Reader(Limits(max_depth=50)) as reader:
        assert reader.parse(nested_divs(48), "ok.html").title == "deep"
        assert reader.parse(nested_divs(49), "deep.html").refused == (
            "HTML nested deeper than 50 elements"
        )


def test_commands_without_django_take_the_limits_from_the_environment(
    monkeypatch, tmp_path, capsys
):
    from lifeline.cli import main

    monkeypatch.setenv("IMPORT_MAX_MB", "1")
    monkeypatch.setenv("IMPORT_SECONDS", "7")
    sheet = tmp_path / "long.txt"
    sheet.write_bytes(b"Words of a long release. " * 50_000)

    assert main(["parse", str(sheet)]) == 1
    assert capsys.readouterr().err == (
        f"lifeline parse: cannot read {sheet}: over the size limit of 1 MB (1.2 MB)\n"
    )
    assert from_env() == Limits(max_bytes=MB, seconds=7)


def test_a_large_text_is_read_in_the_child_and_a_small_one_in_process(reader):
    small = b"Minutes of the meeting\n\nWe wrote letters.\n"
    assert reader.parse(small, "small.txt").title == "Minutes of the meeting"
    assert reader._child is None
    large = b"Minutes of the meeting\n\n" + b"We wrote letters to the minister.\n" * 20_000
    document = reader.parse(large, "large.txt")
    assert (document.refused, document.title) == ("", "Minutes of the meeting")
    assert reader._child is not None
