"""Every option of `lifeline letter` and `lifeline pack` is described in docs/usage.md."""

import re
from pathlib import Path

import pytest

from lifeline.letters.cli import letter_parser, pack_parser

USAGE = (Path(__file__).resolve().parents[2] / "docs" / "usage.md").read_text()


@pytest.mark.parametrize("parser", [letter_parser(), pack_parser()], ids=["letter", "pack"])
def test_every_option_is_documented(parser):
    section = USAGE.split(f"## `{parser.prog}")[1].split("\n## ")[0]
    options = [
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]
    assert options
    undocumented = [o for o in options if not re.search(rf"(?<![\w-]){o}(?![\w-])", section)]
    assert undocumented == []
