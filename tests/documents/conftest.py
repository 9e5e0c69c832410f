"""Shared helpers for the parser's tests: fixture files and the real samples."""

from pathlib import Path

import pytest

from lifeline.documents import ParsedDocument, parse

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def parse_fixture(name: str) -> ParsedDocument:
    return parse((FIXTURES / name).read_bytes(), filename=name)


@pytest.fixture
def sample():
    """Read a real sample from ../shared/samples/, or skip when the checkout has none."""

    def read(prefix: str) -> ParsedDocument:
        if not SAMPLES.is_dir():
            pytest.skip("the shared samples are not beside the checkout")
        path = next(SAMPLES.glob(f"{prefix}_*.txt"))
        return parse(path.read_bytes(), filename=path.name)

    return read
