"""Text out of PDF files (their text layer) and HTML pages (their main text).

The format is chosen by content first (`%PDF-`, `<html`), then by the file's
extension, because archive files are often misnamed.
"""

from __future__ import annotations

import io
import logging
import re
from typing import TYPE_CHECKING

from lifeline.documents.limits import Unreadable

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

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


def pdf_text(data: bytes, max_pages: int = 200) -> str:
    """The PDF's text layer, pages separated by form feeds ("" when it has none).

    Raises Unreadable for a PDF of more than `max_pages` pages, before reading
    any when its page tree says so. Time and memory are bounded by the caller
    (see sandbox.py): pdfminer has no limits of its own.
    """
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    # pdfminer logs every oddity of every file at WARNING; the parser reports
    # what matters through the document's warnings instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    too_many = Unreadable(f"a PDF of more than {max_pages} pages")
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    try:
        declared = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except Exception:  # a broken page tree is pdfminer's to cope with, page by page
        declared = 0
    if declared > max_pages:
        raise too_many
    output = io.StringIO()
    manager = PDFResourceManager(caching=True)
    interpreter = PDFPageInterpreter(
        manager, TextConverter(manager, output, codec="utf-8", laparams=LAParams())
    )
    for number, page in enumerate(PDFPage.create_pages(document)):
        if number >= max_pages:
            raise too_many
        interpreter.process_page(page)
    return output.getvalue()


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


def html_text(html: str, max_depth: int = 1000) -> str:
    """The main text of an HTML page, with blocks on their own lines.

    Raises Unreadable when elements nest deeper than `max_depth`: the HTML
    parser's time grows with the square of the depth (100,000 nested divs take
    30 s), and no page of text needs more than a few dozen levels.
    """
    from selectolax.lexbor import LexborHTMLParser

    depth = nesting_depth(html, max_depth)
    if depth > max_depth:
        raise Unreadable(f"HTML nested deeper than {max_depth} elements")
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


# Elements a page leaves open, that the next of their kind (or their parent's
# end) closes; counting them would call every list of unclosed <li> deep.
_LEFT_OPEN = frozenset((
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "rb", "rt", "rp", "rtc",
))  # fmt: skip
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound", "isindex", "image",
))  # fmt: skip
_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)|<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>",
    re.S | re.I,
)


def nesting_depth(html: str, stop: int) -> int:
    """How deep the page's elements nest, counted from its tags in linear time.

    An estimate from the tags alone (no tree is built): end tags close their
    element, void and self-closed elements add nothing, nor do elements that
    are usually left open (<p>, <li>, <td>). Stops counting past `stop`.
    """
    depth = deepest = 0
    for match in _TAG.finditer(html):
        name = match.group(3)
        if not name:
            continue  # a comment, script or style
        name = name.lower()
        if name in _VOID or name in _LEFT_OPEN or match.group(4):
            continue
        if match.group(2):
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                break
    return deepest


def _main_node(root: LexborNode) -> LexborNode:
    candidates = root.css(_MAIN_SELECTOR)
    best, best_length = root, 0
    whole = len(root.text(deep=True).strip()) or 1
    for node in candidates:
        length = len(node.text(deep=True).strip())
        # The main element must hold a fair share of the page, or it is a teaser box.
        if length > best_length and length >= 0.3 * whole:
            best, best_length = node, length
    return best


def _render(root: LexborNode) -> str:
    """Walk the tree without recursion (deep pages must not overflow the stack).

    Text inside <pre> is kept verbatim, blank lines and all: legacy sheets put in
    a catalogue page keep their conversion artifacts, which cleanup reads.
    """
    out: list[tuple[str, str]] = []  # ("text" | "gap" | "pre", text)
    stack: list[LexborNode | str] = [root]
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
