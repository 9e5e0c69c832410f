"""Write the fixtures that show conversion artifacts, from the plain fixtures.

The artifact fixtures are committed, so the tests never depend on this script;
it records how they were made. Run it from the repository root:

    .venv/bin/python tests/documents/make_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - registers the "sloppy-windows-1252" codec

FIXTURES = Path(__file__).parent / "fixtures"


def double_spaced(text: str) -> str:
    """What some converters did: every line followed by an empty line, paragraphs
    separated by a line of spaces, and a page break (with its page number) in the
    middle of a sentence and in the middle of the list of points."""
    text = text.replace("He was\nsentenced", "He was\n\n\n\n2\n\nsentenced").replace(
        "as a child;\n- urging", "as a child;\n\n\n \n \n3\n\n- urging"
    )
    out = []
    for line in text.split("\n"):
        out.append(line + " " if line else " ")
        out.append("")
    return "\n".join(out)


def crlf_tabs_form_feeds(text: str) -> str:
    text = text.replace("                                                  AI", "\t\t\tAI")
    text = text.replace("UA 123/98       Death penalty / Legal concern           24 April 1998",
                        "UA 123/98\tDeath penalty / Legal concern\t\t24 April 1998")  # fmt: skip
    text = text.replace("USA (Texas)     Dwayne", "USA (Texas)\tDwayne")
    text = text.replace("He was\nsentenced", "He was\n\n   - 1 -\n\fsentenced")
    text = text.replace("as a child;\n- urging", "as a child;\n\nPage 2 of 2\n\f- urging")
    return text.replace("\n", "\r\n")


def hyphenated(text: str) -> str:
    return (
        text.replace("He was\nsentenced to death", "He was sen-\ntenced to death")
        .replace("his court-appointed lawyer", "his court-ap-\npointed lawyer")
        .replace("Amnesty\nInternational opposes", "Amnesty Inter-\nnational opposes")
        .replace("- expressing sympathy for", "- expressing sym-\npathy for")
        .replace(
            "inhuman and degrading punishment.",
            "inhuman and degrading punishment.\nIt sup-\nports non-\nviolent campaigns against it.",
        )
    )


def main() -> None:
    classic = (FIXTURES / "ua_1998_classic.txt").read_text(encoding="utf-8")
    (FIXTURES / "ua_1998_classic.double_spaced.txt").write_text(double_spaced(classic))
    (FIXTURES / "ua_1998_classic.crlf_tabs_ff.txt").write_bytes(
        crlf_tabs_form_feeds(classic).encode("ascii")
    )
    (FIXTURES / "ua_1998_classic.hyphenated.txt").write_text(hyphenated(classic))
    mexico = (FIXTURES / "ua_2004.txt").read_text(encoding="utf-8")
    (FIXTURES / "ua_2004.cp1252.txt").write_bytes(mexico.encode("cp1252"))
    latin1 = mexico.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-")
    (FIXTURES / "ua_2004.latin1.txt").write_bytes(latin1.encode("latin-1"))
    mojibake = mexico.encode("utf-8").decode("sloppy-windows-1252")
    (FIXTURES / "ua_2004.mojibake.txt").write_bytes(mojibake.encode("utf-8"))


if __name__ == "__main__":
    main()
