"""Whatever the archive holds, parse returns a document and never raises."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifeline.documents import parse
from lifeline.documents.model import KINDS

# Pieces of every layout, to build text that looks enough like a sheet to
# send the parser down its deeper paths.
FRAGMENTS = [
    "UA 105/00",
    "UA: 45/13 Index: MDE 13/012/2013 Iran Date: 19 February 2013",
    "Further information on UA 12/03 (ASA 17/003/2003, 17 January 2003) - ",
    "1st update to UA 258/05",
    "Fear for Safety",
    " / ",
    "AI Index: AMR 41/012/2004",
    "Al Index:",
    "UAlSC",
    "Issue Date: 3 March 2004",
    "PUBLIC",
    "URGENT ACTION",
    "JOURNALIST DETAINED WITHOUT CHARGE",
    "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA (NORTH KOREA)/ ",
    "USA (Texas) ",
    "Juan Ortega (m), aged 27",
    "RECOMMENDED ACTION: Please send telegrams/telexes/faxes/express/",
    "airmail letters in English or in your own language:",
    "PLEASE WRITE IMMEDIATELY in English, Persian or your own language:",
    "APPEALS TO CHINESE AUTHORITIES:",
    "APPEALS TO:",
    "PLEASE SEND APPEALS BEFORE 2 APRIL 2013 TO:",
    "- urging them to ",
    "\u2022 Calling on ",
    "Premier of the People's Republic of China",
    "Mr Paek Nam Sun",
    "Beijingshi 100032 - People's Republic of China",
    "Telexes: 210070 FMPRC CN or 22478 MFERT CN",
    "Fax: +1 512 463 1849",
    "Email: a@b.example",
    "Twitter: @x",
    "Salutation: your Excellency",
    "Sal utation:",
    "And copies to:",
    "COPIES TO: diplomatic representatives",
    "PLEASE SEND APPEALS IMMEDIATELY. Check with ",
    "if sending appeals after 19 July 2000.",
    "31 February 2000",
    "No further action is requested",
    "BACKGROUND INFORMATION",
    "Name: Reza",
    "URGENT ACTION TITLE: ",
    "URGENT ACTION TYPE AND NUMBER: THIRD UA 60/16",
    "URGENT ACTION LETTER:",
    "Dear Minister,",
    "Yours sincerely,",
    "TARGET'S CONTACT DETAILS",
    "PREFERRED LANGUAGE TO ADDRESS TARGET: Spanish",
    "APPEAL DEADLINE NOTICE: ",
    "NEWS RELEASE",
    "China: ",
    "ENDS",
    "<html><body><main><p>",
    "</p></main></body></html>",
    "<pre>",
    "%PDF-1.4",
    "2",
    "Page 2 of 3",
    "inter-",
    "JosÃ©",
    "\u2019",
    "\f",
    "\r\n",
    "\t",
    "\n",
    "\n\n",
    " \n",
    "(",
    ")",
    ":",
]

FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=False,
)


def check(document):
    assert document.kind in KINDS
    # parse() turns an internal error into a warning; none should ever happen.
    assert not [w for w in document.warnings if w.startswith("could not parse")], document.warnings
    assert len(document.source_hash) == 64
    document.to_json()  # serialisable


@FUZZ
@given(st.text())
def test_any_text_parses(text):
    check(parse(text))


@FUZZ
@given(st.binary(max_size=4000))
def test_any_bytes_parse(data):
    check(parse(data, "random.bin"))


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_text_made_of_layout_fragments_parses(pieces):
    check(parse("".join(pieces)))


@FUZZ
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=60),
    st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_bytes_made_of_layout_fragments_parse(pieces, encoding):
    data = "".join(pieces).encode(encoding, errors="replace")
    check(parse(data, "fragments.txt"))


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_html_made_of_layout_fragments_parses(pieces):
    check(parse("<html><body>" + "".join(pieces), "page.html"))


def test_a_heading_glued_to_its_title_by_lost_line_breaks_parses():
    # Found by the fuzzer: cut at 80 characters the line ended on "UA 258/05", a
    # word boundary the whole line does not have.
    text = (
        "1st update to UA 258/05JOURNALIST DETAINED WITHOUT CHARGE1st update to UA 258/05UA 105/00"
    )
    document = parse(text.encode(), "glued.txt")
    assert not [w for w in document.warnings if w.startswith("could not parse")]
