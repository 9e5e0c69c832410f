"""A generator of fictional case sheets in the archive's layouts, for benchmarks.

    from corpus import generate          # (with bench/ on sys.path)
    sheets = generate(10_000, seed=0)    # [(filename, text), ...]

    .venv/bin/python bench/corpus.py N OUTDIR   # writes N files into OUTDIR

Every person, official and address is invented. Sheets come in cases: an
Urgent Action, then perhaps updates, a stop action and a news release, so an
importer sees documents that belong together. Layouts and conversion
artifacts (double spacing, CRLF, tabs, page breaks with page numbers,
hyphenation, site navigation, OCR flattening) are mixed in fixed proportions;
the same seed always gives the same sheets.
"""

from __future__ import annotations

import random
import sys
import textwrap
from pathlib import Path

# fmt: off
FIRST = ("Ana", "Wei", "Omar", "Leila", "Tomas", "Chinedu", "Marta", "Arkady", "Farhad", "Lina",
         "Joaquin", "Esteban", "Mei", "Ruslan", "Amina", "Pedro", "Yusuf", "Sofia", "Dmitri",
         "Grace", "Hana", "Karim", "Nadia", "Olga", "Rafael", "Samir", "Teresa", "Victor",
         "Zainab", "Ibrahim")
LAST = ("Ortega", "Luna", "Rostami", "Haddad", "Okonkwo", "Volkov", "Giraldo", "Chen", "Adeyemi",
        "Moradi", "Castillo", "Nwosu", "Petrov", "Farouk", "Lindqvist", "Meza", "Tabrizi",
        "Kolade", "Santos", "Wu", "Suleimani", "Ramos", "Varga", "Quispe", "Baranov", "Mensah",
        "Nasser", "Ibarra", "Soto", "Kaya")
# fmt: on

# code, heading name, index prefix and number, language, two officials (title, honorific,
# organisation, address lines, salutation), and how letters close an address.
COUNTRIES = [
    ("CN", "PEOPLE'S REPUBLIC OF CHINA", "ASA 17", "Chinese",
     [("Premier of the People's Republic of China", "", "State Council Office",
       ["9 Xihuangchenggenbeijie", "Beijingshi 100032", "People's Republic of China"],
       "Your Excellency"),
      ("Minister of Public Security", "", "Ministry of Public Security",
       ["14 Dongchang'anjie", "Beijingshi 100741", "People's Republic of China"],
       "Dear Minister")]),
    ("US", "USA (Texas)", "AMR 51", "English",
     [("Governor", "", "Office of the Governor", ["PO Box 12428", "Austin, TX 78711, USA"],
       "Dear Governor"),
      ("Chairman", "Mr", "Board of Pardons and Paroles", ["PO Box 13401", "Austin, TX 78711, USA"],
       "Dear Chairman")]),
    ("MX", "MEXICO", "AMR 41", "Spanish",
     [("Attorney General of the Republic", "Lic.", "Procuraduría General de la República",
       ["Av. Paseo de la Reforma 211", "México D.F., C.P. 06500, MEXICO"],
       "Dear Attorney General / Señor Procurador"),
      ("Secretary of the Interior", "Lic.", "Secretaría de Gobernación",
       ["Bucareli 99, Col. Juárez", "México D.F., C.P. 06600, MEXICO"], "Dear Secretary")]),
    ("IR", "IRAN", "MDE 13", "Persian",
     [("Head of the Judiciary", "Ayatollah", "c/o Public Relations Office",
       ["Number 4, Deadend of 1 Azizi", "Tehran, Islamic Republic of Iran"], "Your Excellency"),
      ("Prosecutor General", "Hojjatoleslam", "Office of the Prosecutor General",
       ["Shahid Keshvar Doust Street", "Tehran, Islamic Republic of Iran"], "Dear Sir")]),
    ("NG", "NIGERIA", "AFR 44", "English",
     [("Inspector General of Police", "Mr", "Force Headquarters",
       ["Louis Edet House, Shehu Shagari Way", "Area 11, Garki, Abuja", "Nigeria"],
       "Dear Inspector General"),
      ("Attorney General of the Federation", "Mr", "Federal Ministry of Justice",
       ["Plot 71B, Shehu Shagari Way", "Maitama, Abuja", "Nigeria"], "Dear Attorney General")]),
    ("RU", "RUSSIAN FEDERATION", "EUR 46", "Russian",
     [("Prosecutor General", "", "Office of the Prosecutor General",
       ["ul. Bolshaya Dmitrovka 15a", "125993 Moscow", "Russian Federation"],
       "Dear Prosecutor General"),
      ("Minister of the Interior", "", "Ministry of the Interior",
       ["ul. Zhitnaya 16", "117049 Moscow", "Russian Federation"], "Dear Minister")]),
    ("TR", "TURKEY", "EUR 44", "Turkish",
     [("Minister of Justice", "Mr", "Ministry of Justice", ["Adalet Bakanligi", "06659 Ankara",
       "Turkey"], "Dear Minister"),
      ("Minister of the Interior", "Mr", "Ministry of the Interior", ["Icisleri Bakanligi",
       "06644 Ankara", "Turkey"], "Dear Minister")]),
    ("CO", "COLOMBIA", "AMR 23", "Spanish",
     [("President of the Republic", "Señor Presidente", "Palacio de Nariño",
       ["Carrera 8 No. 7-26", "Bogotá, COLOMBIA"], "Excmo. Sr. Presidente / Dear President"),
      ("Attorney General", "Dr", "Fiscalía General de la Nación",
       ["Diagonal 22B No. 52-01", "Bogotá, COLOMBIA"], "Dear Attorney General")]),
    ("EG", "EGYPT", "MDE 12", "Arabic",
     [("Public Prosecutor", "Counsellor", "Office of the Public Prosecutor",
       ["Supreme Court House, 1 26 July Street", "Cairo, Egypt"], "Dear Counsellor"),
      ("Minister of the Interior", "General", "Ministry of the Interior",
       ["25 Al-Sheikh Rihan Street", "Cairo, Egypt"], "Your Excellency")]),
    ("ID", "INDONESIA", "ASA 21", "Indonesian",
     [("Chief of Police", "General", "Mabes Polri", ["Jl. Trunojoyo No. 3", "Jakarta Selatan 12110",
       "Indonesia"], "Dear General"),
      ("Minister of Law and Human Rights", "Mr", "Ministry of Law and Human Rights",
       ["Jl. H.R. Rasuna Said Kav. 6-7", "Jakarta 12940", "Indonesia"], "Dear Minister")]),
]  # fmt: skip

DISPLAY = {"CN": "China", "US": "USA", "MX": "Mexico", "IR": "Iran", "NG": "Nigeria",
           "RU": "Russian Federation", "TR": "Turkey", "CO": "Colombia", "EG": "Egypt",
           "ID": "Indonesia"}  # fmt: skip
CONCERNS = ["Fear for safety", "Fear of torture", "Death penalty", "Unfair trial",
            "Prisoner of conscience", "Incommunicado detention", "Medical concern",
            "Legal concern", "'Disappearance'", "Forcible return", "Health concern",
            "Harassment", "Death threats"]  # fmt: skip
HEADLINES = ["{role} DETAINED WITHOUT CHARGE", "{role} AT RISK OF TORTURE",
             "{role} SENTENCED TO DEATH", "{role} FACES UNFAIR TRIAL", "{role} DISAPPEARED",
             "{role} DENIED MEDICAL CARE"]  # fmt: skip
ROLES = ("JOURNALIST", "STUDENT ACTIVIST", "TRADE UNIONIST", "LAWYER", "HUMAN RIGHTS DEFENDER",
         "TEACHER")  # fmt: skip

# fmt: off
SENTENCES = [
    "{name} was arrested at {pron} home on {date} by officers who did not show a warrant.",
    "{name} has not been allowed to see a lawyer, and {pron} family do not know where "
    "{pron2} is held.",
    "Relatives who went to the police station were told to stop asking questions.",
    "The authorities have given no reason for the arrest, which followed a public meeting "
    "about land rights in the district.",
    "Amnesty International believes that {name} is held solely for peaceful activities and "
    "should be released.",
    "Former detainees from the same facility have described beatings during interrogation "
    "and long periods of solitary confinement.",
    "{name} suffers from a heart condition and needs regular medication, which {pron2} has "
    "not received since the arrest.",
    "Lawyers who have taken similar cases say that the charges are vague and that trials in "
    "such cases rarely meet international standards.",
    "Local organisations report that at least a dozen other activists have been summoned for "
    "questioning in recent weeks.",
    "The arrest came days after {name} gave an interview to a foreign radio station about "
    "conditions in the region.",
]
POINTS = [
    "expressing concern for the safety of {name}, who is held incommunicado",
    "calling on the authorities to reveal where {name} is held and to allow {pron3} immediate "
    "access to a lawyer and {pron} family",
    "urging that {name} be protected from torture and other ill-treatment",
    "calling for {name} to be given any medical attention {pron2} may need",
    "urging the authorities to release {name} immediately and unconditionally if {pron2} is "
    "held solely for peaceful activities",
    "calling for a full and impartial investigation into the allegations of ill-treatment",
    "reminding the authorities of their obligations under international human rights law",
]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# fmt: on
ORDINALS = ["FIRST", "SECOND", "THIRD", "FOURTH"]
NAV_TOP = ["Skip to main content", "Home | Library | Donate | Search",
           "You are here: Home > Library > Urgent Actions"]  # fmt: skip
NAV_BOTTOM = ["Share this page", "Facebook", "Twitter", "© Example Human Rights Library",
              "Privacy policy"]  # fmt: skip


class _Case:
    """One case: its number, country, people, concerns and officials."""

    def __init__(self, rng: random.Random, number: int, year: int) -> None:
        self.rng = rng
        self.year = year
        self.ua = f"{number}/{year % 100:02d}"
        self.country = rng.choice(COUNTRIES)
        self.people = [
            f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice((1, 1, 2)))
        ]
        self.female = rng.random() < 0.4
        self.concerns = rng.sample(CONCERNS, rng.choice((1, 2, 2, 3)))
        self.headline = rng.choice(HEADLINES).format(role=rng.choice(ROLES))
        self.officials = [
            (title, f"{honorific} {rng.choice(FIRST)} {rng.choice(LAST).upper()}".strip(), org,
             address, salutation)
            for title, honorific, org, address, salutation in self.country[4]
        ]  # fmt: skip
        self.serial = rng.randint(1, 99)
        self.month = rng.randint(1, 9)

    def date(self, offset_months: int = 0, day: int | None = None) -> str:
        day = day or self.rng.randint(1, 28)
        return f"{day} {MONTHS[(self.month + offset_months) % 12]} {self.year}"

    def index(self, step: int) -> str:
        short = self.year < 2002 and self.rng.random() < 0.7
        serial = f"{self.serial + step}" if short else f"{self.serial + step:03d}"
        return (
            f"{self.country[2]}/{serial}/{self.year % 100:02d}"
            if short
            else (f"{self.country[2]}/{serial}/{self.year}")
        )

    def fill(self, template: str) -> str:
        return template.format(
            name=self.rng.choice(self.people),
            pron="her" if self.female else "his",
            pron2="she" if self.female else "he",
            pron3="her" if self.female else "him",
            date=self.date(),
        )

    def paragraphs(self, count: int) -> list[str]:
        return [
            " ".join(self.fill(s) for s in self.rng.sample(SENTENCES, self.rng.randint(2, 4)))
            for _ in range(count)
        ]

    def points(self) -> list[str]:
        return [self.fill(p) for p in self.rng.sample(POINTS, self.rng.randint(2, 5))]

    def concern_text(self) -> str:
        spelled = [c.upper() if self.rng.random() < 0.2 else c.title() for c in self.concerns]
        return " / ".join(spelled)


def _wrap(rng: random.Random, text: str, width: int = 78) -> list[str]:
    lines = textwrap.wrap(text, width)
    if len(lines) > 1 and rng.random() < 0.15:  # hyphenate one long word at a line end
        words = lines[1].split(" ")
        if len(words[0]) > 7 and words[0].isalpha():
            lines[0] += f" {words[0][:4]}-"
            lines[1] = f"{words[0][4:]} {' '.join(words[1:])}".strip()
    return lines


def _target(official) -> list[str]:
    title, name, org, address, salutation = official
    lines = [title, name, org, *address] if title else [name, org, *address]
    return [*lines, "Fax: +00 1 555 0100", f"Salutation: {salutation}"]


def classic(case: _Case, kind: str, step: int) -> str:
    """The 1990s-2000s layout: heading, countries, case, recommended action, targets."""
    rng = case.rng
    out = [f"PUBLIC                                        AI Index: {case.index(step)}", ""]
    if kind == "urgent_action":
        out += [f"UA {case.ua}    {case.concern_text()}    {case.date(step)}", ""]
    else:
        refs = f"({case.index(0)}, {case.date(0)})"
        out += [f"Further information on UA {case.ua} {refs} - {case.concern_text()}", ""]
    sex = "f" if case.female else "m"
    out += [f"{case.country[1]}    {case.people[0]} ({sex}), aged {rng.randint(19, 70)}"]
    out += [f"{person}" for person in case.people[1:]] + [""]
    for paragraph in case.paragraphs(rng.randint(2, 4)):
        out += [*_wrap(rng, paragraph), ""]
    if kind == "stop_action":
        out += ["No further action is requested by the UA network. Many thanks to all who",
                "sent appeals."]  # fmt: skip
        return "\n".join(out)
    language = case.country[3]
    prefix = "FURTHER RECOMMENDED ACTION" if kind != "urgent_action" else "RECOMMENDED ACTION"
    out += _wrap(rng, f"{prefix}: Please send telegrams/faxes/express/airmail letters in "
                      f"{language} or in your own language:")  # fmt: skip
    for point in case.points():
        out += _wrap(rng, f"- {point};")
    audience = rng.choice(("", "", " THE AUTHORITIES", " THE MINISTER"))
    out += ["", f"APPEALS TO{audience}:"]
    for official in case.officials:
        out += [*_target(official), ""]
    out += [f"COPIES TO: diplomatic representatives of {DISPLAY[case.country[0]]}",
            "accredited to your country.", "",
            "PLEASE SEND APPEALS IMMEDIATELY. Check with the International Secretariat, or your",
            f"section office, if sending appeals after {case.date(step + 1)}."]  # fmt: skip
    return "\n".join(out)


def modern(case: _Case, kind: str, step: int) -> str:
    """The 2010s URGENT ACTION sheet."""
    rng = case.rng
    out = ["URGENT ACTION", case.headline]
    for paragraph in case.paragraphs(2):
        out += [*_wrap(rng, paragraph), ""]
    if kind == "stop_action":
        out += ["No further appeals are needed. Many thanks to all who sent appeals.", ""]
    else:
        out += [f"PLEASE WRITE IMMEDIATELY in English, {case.country[3]} or your own language:"]
        for point in case.points():
            out += _wrap(rng, f"\u2022 {point[0].upper()}{point[1:]};")
        out += ["", f"PLEASE SEND APPEALS BEFORE {case.date(step + 1).upper()} TO:"]
        for official in case.officials:
            out += [*_target(official)[:-2], f"Email: office@{case.country[0].lower()}.example.org",
                    _target(official)[-1], ""]  # fmt: skip
        out += ["Also send copies to diplomatic representatives accredited to your country.",
                "Please check with your section office if sending appeals after the above date.",
                ""]  # fmt: skip
    out += ["URGENT ACTION", case.headline, "ADDITIONAL INFORMATION"]
    for paragraph in case.paragraphs(2):
        out += [*_wrap(rng, paragraph), ""]
    out += [f"Name: {', '.join(case.people)}", f"Gender m/f: {'f' if case.female else 'm'}", ""]
    lead = "Further information on " if kind != "urgent_action" else ""
    country = DISPLAY[case.country[0]]
    out.append(f"{lead}UA: {case.ua} Index: {case.index(step)} {country} Date: {case.date(step)}")
    return "\n".join(out)


def labelled(case: _Case, kind: str, step: int) -> str:
    """The late-2010s sheet of labelled fields with a model letter."""
    rng = case.rng
    official = case.officials[0]
    out = [f"URGENT ACTION TITLE: {case.headline.capitalize()}",
           f"PUBLICATION DATE: {case.date(step)}",
           f"URGENT ACTION TYPE AND NUMBER: {ORDINALS[min(step, 3)]} UA {case.ua}",
           f"INDEX NUMBER: {case.index(step)}",
           f"COUNTRY: {DISPLAY[case.country[0]]}", "",
           "URGENT ACTION LETTER:", "Dear Minister,", ""]  # fmt: skip
    for point in case.points()[:3]:
        out += [*_wrap(rng, f"I am writing {point}."), ""]
    out += ["Yours sincerely,", "", "TARGET'S CONTACT DETAILS", *_target(official)[:-1], "",
            f"PREFERRED LANGUAGE TO ADDRESS TARGET: {case.country[3]}, English",
            "You can also write in your own language.", "",
            f"APPEAL DEADLINE NOTICE: Please take action before {case.date(step + 1)}.", "",
            "ADDITIONAL INFORMATION"]  # fmt: skip
    for paragraph in case.paragraphs(rng.randint(2, 3)):
        out += [*_wrap(rng, paragraph), ""]
    out.append(f"NAME AND PRONOUN: {case.people[0]} ({'she/her' if case.female else 'he/him'})")
    return "\n".join(out)


def news(case: _Case, step: int) -> str:
    rng = case.rng
    country = DISPLAY[case.country[0]]
    service = f"{rng.randint(1, 250):03d}/{case.year % 100:02d}"
    out = [f"AI INDEX: {case.index(step)}", f"News Service No: {service}", case.date(step), "",
           f"{country}: {case.headline.capitalize()}", ""]  # fmt: skip
    for paragraph in case.paragraphs(rng.randint(3, 6)):
        out += [*_wrap(rng, paragraph), ""]
    return "\n".join([*out, "ENDS.../"])


def _artifacts(rng: random.Random, text: str) -> str:
    """What conversion did: page breaks, double spacing, CRLF, tabs, site navigation."""
    lines = text.split("\n")
    if rng.random() < 0.3 and len(lines) > 20:  # a page break with its number, mid-text
        at = rng.randint(10, len(lines) - 5)
        lines[at:at] = ["", "", str(rng.randint(1, 3)), "\f"]
    if rng.random() < 0.08:
        lines = [*NAV_TOP, *lines, *NAV_BOTTOM]
    text = "\n".join(lines)
    if rng.random() < 0.15:
        text = "\n".join(f"{line} \n" if line else " \n" for line in text.split("\n"))
    if rng.random() < 0.15:
        text = text.replace("    ", "\t")
    if rng.random() < 0.15:
        text = text.replace("\n", "\r\n")
    return text


def _flatten(text: str) -> str:
    """A scanned sheet as OCR returned it: lines run together, a few misreadings."""
    flat = " ".join(line.strip() for line in text.split("\n") if line.strip())
    return flat.replace("AI Index", "Al Index").replace("Salutation", "Sal utation")


def generate(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """`n` fictional sheets as (filename, text), the same for the same seed."""
    rng = random.Random(seed)
    sheets: list[tuple[str, str]] = []
    number_by_year: dict[int, int] = {}
    # Real document indexes are unique: each case takes a block of serials for its
    # documents in its country and year, so no two generated sheets share an index.
    next_serial: dict[tuple[str, int], int] = {}
    while len(sheets) < n:
        year = rng.randint(1994, 2019)
        number_by_year[year] = number_by_year.get(year, 0) + 1
        case = _Case(rng, number_by_year[year], year)
        block = (case.country[2], year)
        case.serial = next_serial.get(block, 1)
        next_serial[block] = case.serial + 8
        updates = rng.choice((0, 0, 1, 1, 2, 3))
        kinds = ["urgent_action"] + ["further_information"] * updates
        if rng.random() < 0.3:
            kinds.append("stop_action")
        for step, kind in enumerate(kinds):
            if year >= 2017 and kind != "stop_action":
                text = labelled(case, kind, step)
            elif year >= 2010:
                text = modern(case, kind, step)
            else:
                text = classic(case, kind, step)
            flattened = year < 2000 and rng.random() < 0.1  # scanned, then OCR
            text = _flatten(text) if flattened else _artifacts(rng, text)
            name = f"{len(sheets):06d}_{kind}_{case.ua.replace('/', '-')}.txt"
            sheets.append((name, text))
        if rng.random() < 0.25:
            sheets.append((f"{len(sheets):06d}_news_{case.ua.replace('/', '-')}.txt",
                           _artifacts(rng, news(case, len(kinds)))))  # fmt: skip
    return sheets[:n]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: corpus.py N OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for filename, text in generate(int(argv[0])):
        (out / filename).write_text(text, encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
