"""Hostile files, built by hand: PDFs that ask too much, nested HTML, binary junk."""

from __future__ import annotations

import zlib


def pdf(pages: list[tuple[bytes, bool]], count: int | None = None) -> bytes:
    """A PDF with one page per (content stream, deflated?) and the Helvetica font.

    `count` overrides the page count the page tree declares (a liar's PDF).
    """
    kids = " ".join(f"{4 + 2 * index} 0 R" for index in range(len(pages)))
    declared = len(pages) if count is None else count
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {declared} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index, (content, deflated) in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * index} 0 R >>".encode()
        )
        flate = " /Filter /FlateDecode" if deflated else ""
        objects.append(
            f"<< /Length {len(content)}{flate} >>\nstream\n".encode() + content + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_page(text: str) -> tuple[bytes, bool]:
    return f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode(), False


def bomb_page(megabytes: int) -> tuple[bytes, bool]:
    """A content stream of `megabytes` MB of spaces, deflated to about a thousandth."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    data = b"".join(compressor.compress(chunk) for _ in range(megabytes))
    return data + compressor.flush(), True


def deep_page(depth: int) -> tuple[bytes, bool]:
    """Arrays nested `depth` deep in a content stream."""
    return b"BT " + b"[" * depth + b"]" * depth + b" ET", False


def nested_divs(depth: int) -> bytes:
    return (
        "<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"
    ).encode()
