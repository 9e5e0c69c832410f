"""Text out of PDF files (their text layer) and HTML pages (their main text).

The format is chosen by content first (`%PDF-`, `<html`), then by the file's
extension, because archive files are often misnamed.
"""

from __future__ import annotations

import io
import logging
import re

PDF = "pdf"
HTML = "html"
TEXT = "text"

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:html|body|div|p|table|pre)\b[^>]*>", re.I)


def sniff(data: bytes, filename: str = "") -> str:
    """Say whether `data` is a PDF, an HTML page or plain text."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return PDF
    # Both patterns need a "<"; most sheets have none in their first kilobyte.
    if b"<" in head and (_HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 2):
        return HTML
    name = filename.lower()
    if name.endswith(".pdf") and b"%PDF-" in data[:4096]:
        return PDF
    if name.endswith((".html", ".htm", ".xhtml")) and b"<" in head:
        return HTML
    return TEXT


def pdf_text(data: bytes) -> str:
    """The PDF's text layer, pages separated by form feeds ("" when it has none)."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    # pdfminer logs every oddity of every file at WARNING; the parser reports
    # what matters through the document's warnings instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return extract_text(io.BytesIO(data), laparams=LAParams())


# Whole elements that are never part of the document.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "head",
)
# Site furniture recognised by its class, id or role.
_DROP_SELECTOR = ", ".join(
    [
        '[role="navigation"]',
        '[role="banner"]',
        '[role="contentinfo"]',
        '[role="search"]',
        '[aria-hidden="true"]',
        *(
            f'[{attr}*="{word}"]'
            for attr in ("class", "id")
            for word in (
                "nav",
                "menu",
                "breadcrumb",
                "footer",
                "sidebar",
                "cookie",
                "share",
                "social",
                "skip",
                "banner",
                "language-switch",
                "related",
            )
        ),
    ]
)
_MAIN_SELECTOR = (
    'main, [role="main"], article, #content, #main, #main-content, .main-content, '
    ".document, .content"
)
# fmt: off
_BLOCK = frozenset((
    "address", "article", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
    "tr", "ul", "caption",
))
# fmt: on
# fmt: off
_PARAGRAPH = frozenset((
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "table", "ul", "ol", "dl",
    "hr", "section", "article",
))
# fmt: on
_CELL = frozenset(("td", "th"))
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def html_text(html: str) -> str:
    """The main text of an HTML page, with blocks on their own lines."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(list(_DROP_TAGS), recursive=True)
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css(_DROP_SELECTOR):
        # A page that marks its whole content "content-nav" would lose all; keep big nodes.
        if len(node.text(deep=True)) < 2000:
            node.decompose()
    main = _main_node(root)
    return _render(main)


def _main_node(root):
    candidates = root.css(_MAIN_SELECTOR)
    best, best_length = root, 0
    whole = len(root.text(deep=True).strip()) or 1
    for node in candidates:
        length = len(node.text(deep=True).strip())
        # The main element must hold a fair share of the page, or it is a teaser box.
        if length > best_length and length >= 0.3 * whole:
            best, best_length = node, length
    return best


def _render(root) -> str:
    """Walk the tree without recursion (deep pages must not overflow the stack).

    Text inside <pre> is kept verbatim, blank lines and all: legacy sheets put in
    a catalogue page keep their conversion artifacts, which cleanup reads.
    """
    out: list[tuple[str, str]] = []  # ("text" | "gap" | "pre", text)
    stack: list = [root]
    pre_depth = 0
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item == "</pre>":
                pre_depth -= 1
            else:
                _add_gap(out, item)
            continue
        tag = item.tag
        if tag == "-text":
            text = item.text(deep=False)
            out.append(("pre", text) if pre_depth else ("text", _SPACES.sub(" ", text)))
            continue
        if tag is None or tag.startswith("-"):
            continue  # comments, doctype
        if tag == "br":
            out.append(("pre", "\n") if pre_depth else ("text", "\n"))
            continue
        if tag in _BLOCK:
            gap = "\n\n" if tag in _PARAGRAPH else "\n"
            _add_gap(out, gap)
            stack.append(gap)
        elif tag in _CELL:
            out.append(("text", " "))
            stack.append(" ")
        if tag == "pre":
            pre_depth += 1
            stack.append("</pre>")
        stack.extend(reversed(list(item.iter(include_text=True))))
    parts: list[str] = []
    flowing: list[str] = []
    for kind, text in out:
        if kind == "pre":
            parts.append(_tidy("".join(flowing)))
            flowing = []
            parts.append(text.strip("\n"))
        else:
            flowing.append(text)
    parts.append(_tidy("".join(flowing)))
    return "\n\n".join(part for part in parts if part)


def _add_gap(out: list[tuple[str, str]], gap: str) -> None:
    """Closing one block and opening the next make one break, not two."""
    if gap == " ":
        out.append(("text", gap))
        return
    index = len(out) - 1
    while index >= 0 and out[index][0] == "text" and not out[index][1].strip():
        index -= 1
    if index >= 0 and out[index][0] == "gap":
        del out[index + 1 :]
        if len(gap) > len(out[index][1]):
            out[index] = ("gap", gap)
        return
    out.append(("gap", gap))


def _tidy(text: str) -> str:
    """Strip every line and keep at most one blank line between blocks."""
    out: list[str] = []
    blank = False
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            blank = bool(out)
            continue
        if blank:
            out.append("")
            blank = False
        out.append(line)
    return "\n".join(out)
