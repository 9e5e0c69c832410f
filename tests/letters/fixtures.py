"""The case sheet the letter tests write from: sample 000, UA 105/00 (ASA 17/21/00)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from lifeline.documents.model import ParsedAppealGroup, ParsedDocument, ParsedTarget

if TYPE_CHECKING:
    from lifeline.letters import Writer

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "000_53efcc61e7a56288.txt"

# The five points of "APPEALS TO CHINESE AUTHORITIES:", copied from the sample
# as a parser gives them: list marker kept, lines joined, the sheet's double space.
CHINESE_POINTS = [
    "- noting that, as a party to the 1951 UN Refugee Convention, the Chinese government is "
    "bound by the internationally-recognised principle of non-refoulement, which prohibits "
    "states from returning refugees against their will to countries where they risk serious "
    "human rights violations (this would include closing of borders to prevent people "
    "seeking asylum);",
    "- noting that as a member of the UNHCR Executive Committee, China should cooperate with "
    "other states to share the responsibilities of protecting refugees;",
    "- calling on the Chinese authorities to seek assurances from the North  Korean government "
    "that the returnees will not be subjected to human rights violations in North Korea;",
    "- urging them to lift the restrictions on access to the border areas with North Korea for "
    "the UNHCR and other independent human rights monitors;",
    "- urging them to take immediate steps to stop all operations aimed at apprehending and "
    "intimidating North Korean asylum seekers and those who are helping them in China.",
]

# What each becomes, after its first-person lead.
CHINESE_POINT_TAILS = [
    "that, as a party to the 1951 UN Refugee Convention, the Chinese government is bound by "
    "the internationally-recognised principle of non-refoulement, which prohibits states from "
    "returning refugees against their will to countries where they risk serious human rights "
    "violations (this would include closing of borders to prevent people seeking asylum).",
    "that as a member of the UNHCR Executive Committee, China should cooperate with other "
    "states to share the responsibilities of protecting refugees.",
    "seek assurances from the North Korean government that the returnees will not be "
    "subjected to human rights violations in North Korea.",
    "lift the restrictions on access to the border areas with North Korea for the UNHCR and "
    "other independent human rights monitors.",
    "take immediate steps to stop all operations aimed at apprehending and intimidating North "
    "Korean asylum seekers and those who are helping them in China.",
]

COPIES_TO = (
    "diplomatic representatives of Democratic People’s Republic of Korea and the People’s "
    "Republic of China accredited to your country."
)


def premier() -> ParsedTarget:
    return ParsedTarget(
        title="Premier of the People’s Republic of China",
        name="ZHU Rongji Zongli",
        address=["9 Xihuangchenggenbeijie", "Beijingshi 100032 - People’s Republic of China"],
        country="CN",
        telex=["210070 FMPRC CN", "22478 MFERT CN"],
        telegram=["Premier Zhu Rongji, Beijing, China"],
        salutation="Your Excellency",
    )


def chinese_group() -> ParsedAppealGroup:
    return ParsedAppealGroup(
        audience="CHINESE AUTHORITIES", points=list(CHINESE_POINTS), targets=[premier()]
    )


def document(model_letter: str | None = None) -> ParsedDocument:
    group = chinese_group()
    return ParsedDocument(
        kind="further_information",
        ua_number="105/00",
        update_number=1,
        document_index="ASA 17/21/00",
        title="Forcible Return / Fear for Safety",
        countries=["KP", "CN"],
        appeal_groups=[group],
        copies_to=COPIES_TO,
        model_letter=model_letter,
    )


def writer(**changes: object) -> Writer:
    from lifeline.letters import Writer

    fields: dict[str, object] = {
        "name": "Ana Silva",
        "address": ["12 Rose Street"],
        "city": "Edinburgh EH2 2PR",
        "country": "GB",
        "email": "ana@example.org",
        "own_words": "",
    }
    fields.update(changes)
    return Writer(**fields)  # type: ignore[arg-type]


def sample_groups(text: str) -> list[tuple[str, list[str]]]:
    """Each `APPEALS TO ...:` heading of a case sheet with its `- ` points.

    The sample is hard-wrapped with blank lines between lines, so a point runs
    from its "- " to the line that ends it with ";" or ".".
    """
    groups: list[tuple[str, list[str]]] = []
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if re.match(r"APPEALS TO\b", line):
            groups.append((line, []))
            continue
        if not groups or not line:
            continue
        if line.startswith("- "):
            current = line
        elif current is not None:
            current += " " + line
        else:
            continue
        if current.endswith((";", ".")):
            groups[-1][1].append(current)
            current = None
    return groups
