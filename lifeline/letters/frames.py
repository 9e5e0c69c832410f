"""The words around the appeal points, one `Frame` per language.

A frame holds several phrasings for each part of a letter (opening, lead-in,
closing paragraph); the composer picks one with the letter's seed, so two
members' letters read differently and say the same thing. Placeholders:
`{name}` (the writer), `{from_place}` (where they write from, with its
preposition: see places.py), `{salutation}` (the salutation without its
punctuation, for French closings).

Salutations are keyed by the usual English form on case sheets, lower case
("your excellency", "dear governor"); a key ending in "|f" is the form for a
woman where the language distinguishes it.

Dates and language and country names come from Babel, never from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Frame:
    language: str
    # "{name}" and "{from_place}"; used when the writer gave a city or country.
    openings: tuple[str, ...]
    # Used when the writer gave no place.
    openings_without_place: tuple[str, ...]
    # Where the writer writes from, with the preposition: "from Lyon, France".
    from_city: str
    from_city_only: str
    # The country alone, by the article its name takes (places.ARTICLES):
    # "" for none, "<article>'" for the form before a vowel where it differs.
    from_country: Mapping[str, str] = field(default_factory=dict)
    # A second sentence for the opening paragraph; "" means none.
    concerns: tuple[str, ...] = ("",)
    # Said before points in this language; "" means none.
    lead_ins: tuple[str, ...] = ("",)
    # Said before points kept in English because they have no translation.
    english_lead_ins: tuple[str, ...] = ()
    # Said before a model letter kept in English.
    english_model_lead_ins: tuple[str, ...] = ()
    # Put before some points after the first: "Furthermore, I urge you ...".
    connectors: tuple[str, ...] = ()
    # Other ways to start a point that say the same: ("I urge you to ", (...)).
    point_variants: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The last paragraph.
    thanks: tuple[str, ...] = ("",)
    closing: str = ""
    salutation_end: str = ","
    generic_salutation: str = ""
    salutations: Mapping[str, str] = field(default_factory=dict)
    copies_label: str = "cc:"
    # What an email's subject says before the case's title: "Urgent appeal: ...".
    subject: str = "Urgent appeal"


ENGLISH = Frame(
    language="en",
    openings=(
        "My name is {name} and I am writing to you {from_place}.",
        "I am {name}, and I am writing to you {from_place}.",
        "Allow me to introduce myself: my name is {name}, and I write to you {from_place}.",
        "I write to you {from_place}; my name is {name}.",
    ),
    openings_without_place=(
        "My name is {name} and I am writing to you with deep concern.",
        "I am {name}, and I am writing to you with grave concern.",
    ),
    from_city="from {city}, {country}",
    from_city_only="from {city}",
    from_country={"": "from {country}", "the": "from the {country}"},
    concerns=(
        "",
        "I am deeply concerned by what I have learned about this case.",
        "What I have learned about this case concerns me greatly.",
    ),
    lead_ins=("",),
    connectors=("Furthermore, ", "In addition, ", "Moreover, "),
    point_variants=(
        (
            "I urge you to ",
            ("I urge you to ", "I strongly urge you to ", "I earnestly urge you to "),
        ),
        ("I call on you to ", ("I call on you to ", "I call upon you to ", "I appeal to you to ")),
        ("I ask you to ", ("I ask you to ", "I respectfully ask you to ", "I request you to ")),
        ("I note that", ("I note that", "I would point out that", "I wish to point out that")),
        ("I call for ", ("I call for ", "I ask for ")),
    ),
    thanks=(
        "Thank you for your attention to these concerns.",
        "I look forward to your reply and thank you for your attention.",
        "Thank you for considering this letter; I look forward to hearing from you.",
    ),
    closing="Yours sincerely,",
    salutation_end=",",
    generic_salutation="Dear Sir/Madam",
    salutations={
        "your excellency": "Your Excellency",
        "your majesty": "Your Majesty",
        "your highness": "Your Highness",
        "dear governor": "Dear Governor",
        "dear minister": "Dear Minister",
        "dear sir/madam": "Dear Sir/Madam",
        "dear sir": "Dear Sir",
        "dear madam": "Dear Madam",
        "dear prosecutor": "Dear Prosecutor",
        "dear attorney general": "Dear Attorney General",
        "dear chief justice": "Dear Chief Justice",
        "dear governor general": "Dear Governor General",
        "dear president": "Dear President",
        "dear prime minister": "Dear Prime Minister",
        "dear premier": "Dear Premier",
        "dear judge": "Dear Judge",
        "dear ambassador": "Dear Ambassador",
        "dear director": "Dear Director",
        "dear commissioner": "Dear Commissioner",
        "dear high commissioner": "Dear High Commissioner",
        "dear general": "Dear General",
        "dear mayor": "Dear Mayor",
    },
    copies_label="cc:",
    subject="Urgent appeal",
)

FRENCH = Frame(
    language="fr",
    openings=(
        "Je m'appelle {name} et je vous écris {from_place} avec une vive inquiétude.",
        "Permettez-moi de me présenter : je m'appelle {name} et je vous écris {from_place}.",
        "Je suis {name} et je vous adresse cette lettre {from_place}.",
    ),
    openings_without_place=(
        "Je m'appelle {name} et je vous écris avec une vive inquiétude.",
        "Permettez-moi de me présenter : je m'appelle {name} et je vous écris au sujet d'une "
        "situation qui me préoccupe vivement.",
    ),
    from_city="depuis {city} ({country})",
    from_city_only="depuis {city}",
    # A country alone reads with "de": "de France", "d'Espagne", "du Royaume-Uni"
    # (de + le), "des États-Unis" (de + les); "de" elides before a vowel.
    from_country={
        "": "de {country}",
        "'": "d'{country}",
        "le": "du {country}",
        "le'": "d'{country}",
        "la": "de la {country}",
        "l'": "de l'{country}",
        "les": "des {country}",
    },
    lead_ins=("", "Je souhaite attirer votre attention sur les points suivants."),
    english_lead_ins=(
        "Mes demandes, dont la traduction n'est pas encore disponible, sont reproduites "
        "ci-dessous en anglais :",
        "Je vous soumets les demandes suivantes, rédigées en anglais :",
        "Voici, en anglais, les demandes que je vous adresse :",
    ),
    english_model_lead_ins=("Voici, en anglais, le texte de mon appel :",),
    thanks=(
        "Je vous remercie de l'attention que vous porterez à ces demandes.",
        "Dans l'attente de votre réponse, je vous remercie de votre attention.",
        "Je vous remercie par avance de l'attention que vous voudrez bien accorder à cette lettre.",
    ),
    closing="Je vous prie d'agréer, {salutation}, l'expression de ma haute considération.",
    salutation_end=",",
    generic_salutation="Madame, Monsieur",
    salutations={
        "your excellency": "Excellence",
        "your majesty": "Votre Majesté",
        "your highness": "Votre Altesse",
        "dear governor": "Monsieur le Gouverneur",
        "dear governor|f": "Madame la Gouverneure",
        "dear minister": "Monsieur le Ministre",
        "dear minister|f": "Madame la Ministre",
        "dear sir/madam": "Madame, Monsieur",
        "dear sir": "Monsieur",
        "dear madam": "Madame",
        "dear prosecutor": "Monsieur le Procureur",
        "dear prosecutor|f": "Madame la Procureure",
        "dear attorney general": "Monsieur le Procureur général",
        "dear attorney general|f": "Madame la Procureure générale",
        # A chief justice presides over the court.
        "dear chief justice": "Monsieur le Président",
        "dear chief justice|f": "Madame la Présidente",
        "dear governor general": "Monsieur le Gouverneur général",
        "dear governor general|f": "Madame la Gouverneure générale",
        "dear president": "Monsieur le Président",
        "dear president|f": "Madame la Présidente",
        "dear prime minister": "Monsieur le Premier ministre",
        "dear prime minister|f": "Madame la Première ministre",
        "dear premier": "Monsieur le Premier ministre",
        "dear premier|f": "Madame la Première ministre",
        "dear judge": "Monsieur le Juge",
        "dear judge|f": "Madame la Juge",
        "dear ambassador": "Monsieur l'Ambassadeur",
        "dear ambassador|f": "Madame l'Ambassadrice",
        "dear director": "Monsieur le Directeur",
        "dear director|f": "Madame la Directrice",
        "dear commissioner": "Monsieur le Commissaire",
        "dear commissioner|f": "Madame la Commissaire",
        "dear high commissioner": "Monsieur le Haut-Commissaire",
        "dear high commissioner|f": "Madame la Haute-Commissaire",
        "dear general": "Mon Général",
        "dear mayor": "Monsieur le Maire",
        "dear mayor|f": "Madame la Maire",
    },
    copies_label="Copie à :",
    subject="Appel urgent",
)

SPANISH = Frame(
    language="es",
    openings=(
        "Me llamo {name} y le escribo {from_place}.",
        "Mi nombre es {name} y le escribo {from_place} con profunda preocupación.",
        "Soy {name} y me dirijo a usted {from_place}.",
    ),
    openings_without_place=(
        "Me llamo {name} y le escribo con profunda preocupación.",
        "Soy {name} y me dirijo a usted con honda preocupación.",
    ),
    from_city="desde {city} ({country})",
    from_city_only="desde {city}",
    # "Le escribo desde el Reino Unido": "desde" is what one writes from; it
    # does not contract with "el" as "de" does (del Reino Unido).
    from_country={
        "": "desde {country}",
        "m": "desde el {country}",
        "f": "desde la {country}",
        "mpl": "desde los {country}",
        "fpl": "desde las {country}",
    },
    lead_ins=("", "Quisiera llamar su atención sobre lo siguiente."),
    english_lead_ins=(
        "Le presento mis peticiones, que reproduzco a continuación en inglés:",
        "Estas son mis peticiones, redactadas en inglés:",
        "A continuación le expongo, en inglés, lo que le pido:",
    ),
    english_model_lead_ins=("Le transcribo, en inglés, el texto de mi llamamiento:",),
    thanks=(
        "Le agradezco de antemano la atención que preste a esta carta.",
        "Quedo a la espera de su respuesta y le agradezco su atención.",
        "Gracias por su atención a estas peticiones.",
    ),
    closing="Atentamente,",
    salutation_end=":",
    generic_salutation="Estimado señor o señora",
    salutations={
        "your excellency": "Excelencia",
        "your majesty": "Majestad",
        "your highness": "Alteza",
        "dear governor": "Señor Gobernador",
        "dear governor|f": "Señora Gobernadora",
        "dear minister": "Señor Ministro",
        "dear minister|f": "Señora Ministra",
        "dear sir/madam": "Estimado señor o señora",
        "dear sir": "Estimado señor",
        "dear madam": "Estimada señora",
        "dear prosecutor": "Señor Fiscal",
        "dear prosecutor|f": "Señora Fiscal",
        "dear attorney general": "Señor Fiscal General",
        "dear attorney general|f": "Señora Fiscal General",
        "dear chief justice": "Señor Presidente",
        "dear chief justice|f": "Señora Presidenta",
        "dear governor general": "Señor Gobernador General",
        "dear governor general|f": "Señora Gobernadora General",
        "dear president": "Señor Presidente",
        "dear president|f": "Señora Presidenta",
        "dear prime minister": "Señor Primer Ministro",
        "dear prime minister|f": "Señora Primera Ministra",
        "dear premier": "Señor Primer Ministro",
        "dear premier|f": "Señora Primera Ministra",
        "dear judge": "Señor Juez",
        "dear judge|f": "Señora Jueza",
        "dear ambassador": "Señor Embajador",
        "dear ambassador|f": "Señora Embajadora",
        "dear director": "Señor Director",
        "dear director|f": "Señora Directora",
        "dear commissioner": "Señor Comisionado",
        "dear commissioner|f": "Señora Comisionada",
        "dear high commissioner": "Señor Alto Comisionado",
        "dear high commissioner|f": "Señora Alta Comisionada",
        "dear general": "Señor General",
        "dear mayor": "Señor Alcalde",
        "dear mayor|f": "Señora Alcaldesa",
    },
    copies_label="c.c.:",
    subject="Llamamiento urgente",
)

ARABIC = Frame(
    language="ar",
    openings=(
        "اسمي {name}، وأكتب إليكم {from_place}.",
        "أنا {name}، أكتب إليكم {from_place} وأنا في غاية القلق.",
        "أتوجه إليكم بهذه الرسالة {from_place}، واسمي {name}.",
    ),
    openings_without_place=(
        "اسمي {name}، وأكتب إليكم وأنا في غاية القلق.",
        "أنا {name}، وأتوجه إليكم بهذه الرسالة بقلق بالغ.",
    ),
    from_city="من {city}، {country}",
    from_city_only="من {city}",
    # Country names carry their article (المملكة المتحدة): none is added.
    from_country={"": "من {country}"},
    english_lead_ins=(
        "أعرض عليكم فيما يلي مطالبي باللغة الإنجليزية:",
        "وفيما يلي مطالبي، وهي مكتوبة باللغة الإنجليزية:",
    ),
    english_model_lead_ins=("وفيما يلي نص مناشدتي باللغة الإنجليزية:",),
    thanks=(
        "شكراً لاهتمامكم بهذه المسألة.",
        "أشكركم على اهتمامكم وأتطلع إلى ردكم.",
    ),
    closing="وتفضلوا بقبول فائق الاحترام والتقدير،",
    salutation_end="،",
    generic_salutation="حضرة السيد/السيدة المحترم/ة",
    salutations={
        "your excellency": "صاحب السعادة",
        "your majesty": "صاحب الجلالة",
        "your highness": "صاحب السمو",
        "dear governor": "سعادة المحافظ",
        "dear governor|f": "سعادة المحافظة",
        "dear minister": "معالي الوزير",
        "dear minister|f": "معالي الوزيرة",
        "dear sir/madam": "حضرة السيد/السيدة المحترم/ة",
        "dear sir": "حضرة السيد المحترم",
        "dear madam": "حضرة السيدة المحترمة",
        "dear prosecutor": "سعادة المدعي العام",
        "dear prosecutor|f": "سعادة المدعية العامة",
        "dear attorney general": "سعادة النائب العام",
        "dear chief justice": "سعادة رئيس المحكمة العليا",
        "dear governor general": "سعادة الحاكم العام",
        "dear president": "فخامة الرئيس",
        "dear president|f": "فخامة الرئيسة",
        "dear prime minister": "دولة رئيس الوزراء",
        "dear prime minister|f": "دولة رئيسة الوزراء",
        "dear premier": "دولة رئيس الوزراء",
        "dear premier|f": "دولة رئيسة الوزراء",
        "dear judge": "حضرة القاضي",
        "dear ambassador": "سعادة السفير",
        "dear ambassador|f": "سعادة السفيرة",
        "dear director": "حضرة المدير",
        "dear director|f": "حضرة المديرة",
        "dear commissioner": "سعادة المفوض",
        "dear high commissioner": "سعادة المفوض السامي",
        "dear general": "سيادة الجنرال",
        "dear mayor": "سعادة رئيس البلدية",
    },
    copies_label="نسخة إلى:",
    subject="نداء عاجل",
)

FRAMES: dict[str, Frame] = {frame.language: frame for frame in (ENGLISH, FRENCH, SPANISH, ARABIC)}
