#!/usr/bin/env python3
"""Build extraction/data/actors.csv, the Raqib actor gazetteer.

Build-time tool only (stdlib, not imported at runtime).  It

1. reads the shared reference table ``actors-syria.csv`` and carries every
   reference row forward (aliases, English names, notes and provenance) into
   one or more rows of the new table, unless the row spec below drops an
   alias on purpose;
2. adds the rows and aliases defined in ``ROWS`` (ACLED type, inter code,
   kind, affiliation, validity dates, notes, sources);
3. removes aliases that the runtime matcher treats as identical (diacritics,
   tatweel, hamza forms, ة/ه, ى/ي, attached ال/وال/بال/لل…) and redundant
   "ميليشيا X" / "عناصر X" forms whose X is already an alias of the same row;
4. validates the result (unique name_ar, known ACLED types, ISO dates,
   alias collisions between rows with overlapping validity, coverage of every
   actor spelling annotated in the dev and seed corpora) and writes
   ``actors.csv``.

Usage:  python3 extraction/data/actors_build.py [--reference PATH]
            [--corpus DIR] [--out PATH] [--check-only]

Validity intervals are half-open: a row applies from valid_from (inclusive)
to valid_to (exclusive); blank means open-ended.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_REF = "/work/shared/reference/actors-syria.csv"
DEFAULT_CORPUS = "/work/shared/corpus"
DEFAULT_OUT = os.path.join(HERE, "actors.csv")

COLUMNS = [
    "name_ar",
    "aliases_ar",
    "name_en",
    "aliases_en",
    "acled_type",
    "inter",
    "kind",
    "affiliation",
    "valid_from",
    "valid_to",
    "notes",
    "source",
]

INTER = {
    "State forces": 1,
    "Rebel group": 2,
    "Political militia": 3,
    "Identity militia": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other forces": 8,
}
KINDS = {
    "state_force",
    "security_branch",
    "militia",
    "foreign_state_force",
    "armed_group",
    "insurgent",
    "political",
    "tribe",
    "generic",
}

FALL = "2024-12-08"  # fall of the Assad government

# ---------------------------------------------------------------- sources
REF = "shared/reference/actors-syria.csv"
CORPUS = "dev/seed corpus annotations (shared/corpus)"
WIKI = "general public reporting (Wikipedia-level facts)"
ACLED_CB = "ACLED Codebook, acleddata.com/knowledge-base/codebook (stored copy, code index id 70532041709)"
ACLED_NAMES = (
    "ACLED actor names as used in public ACLED-derived code "
    "(code index ids 12949080510, 5680178833, 27234692463, 15195187983)"
)
S = {
    "sy24_ga": "sy-24.com/?p=142262 (إدارة الأمن العام, Deir ez-Zor 2025)",
    "sst_isf": "sst-news.com/404074 (الأمن الداخلي / قيادة الأمن الداخلي, الفوج 47, Deir ez-Zor 2025)",
    "alsoury_isf": "alsoury.net/ar/post/22698 (قوى الأمن الداخلي بمحافظة دير الزور)",
    "shaam_ga": "shaam.org (قوى الأمن العام, قوات وزارة الداخلية, Deir ez-Zor 2025)",
    "thiqa": "thiqa-agency.com (إدارة الأمن العام + وحدات من وزارة الدفاع, Deir ez-Zor)",
    "tesaa": "tesaaworld.com (الفوج 47 التابع للحرس الثوري, البوكمال, 2025-07-06)",
    "qasioun_coast": "qasioun-news.com/ar/articles/82634 (فلول النظام المخلوع, March 2025 coast)",
    "moaab": "moaab.com/NewsDetails?ID=49507 (المجلس العسكري لتحرير سوريا, غياث دلا)",
    "elmanshar": "elmanshar.com/2025/03/07 (لواء درع الساحل, مقداد فتيحة)",
    "europa": "europaelyoum.com (فلول نظام الأسد vs قوات الأمن العام, March 2025)",
    "syria_es": "syria.es/?p=5646 (أولي البأس absorbs درع الساحل, سرايا العرين, المقاومة الشعبية)",
    "almarkazia": "almarkazia.com 2025-08-24 (الحرس الوطني, حركة رجال الكرامة)",
    "brieflex": "brieflex.com/?p=9512 (قوات الحرس الوطني, أحرار جبل العرب, Bedouin clashes July 2025)",
    "jazeera_ng": "aljazeera.net/politics/2025/8/25 (الحرس الوطني في السويداء)",
    "majalla_smc": "majalla.com/node/325712 (المجلس العسكري في السويداء)",
    "enab_smc": "enabbaladi.net/741447 (المجلس العسكري للسويداء, طارق الشوفي, Feb 2025)",
    "alelm": "alelm.net infographics 229351 (فصائل درزية محلية / العشائر البدوية, July 2025)",
    "sky_sas": "skynewsarabia.com/middle-east/1852519 (سرايا أنصار السنة)",
    "hafryat": "hafryat.com (سرايا أنصار السنة founded 1 Feb 2025)",
    "yalla_uli": "yallasyrianews.com (أولي البأس / جبهة تحرير الجنوب, Jan 2025)",
    "anf": "anfarabic.com (جيش الاحتلال التركي ومرتزقته)",
    "selam": "selamdemocratic.com (مرتزقة الاحتلال التركي, هاوار)",
    "watan_tr": "alwatan.sy/archives/313706 (جيش الاحتلال التركي, مسيرة تابعة لجيش الاحتلال التركي)",
    "sana_qsd": "sanasyria.org/?p=1307309 (ميليشيا قسد المدعومة من قوات الاحتلال الأمريكي, الأسايش)",
    "sana_qsd2": "sana.sy/?p=1200234 (ميليشيا قسد, واجب الدفاع الذاتي)",
    "alalam": "alalam.ir/news/4403741 (القوات الأمريكية المحتلة)",
    "syrmem_baqir": "syrianmemory.org (لواء الباقر under قوات الدفاع المحلي)",
    "rozpress": "rozpress.net (الفصائل المدعومة إيرانياً; NDF HQ al-Joura)",
    "ep_baqir": "euphratespost.net (مليشيات لواء الباقر, حزب الله السوري, al-Duwayr)",
    "enab_fatem": "enabbaladi.net/725577 (ميليشيا فاطميون الأفغانية)",
    "zaman_bashir": "zamanalwsl.net/news/article/85810 (فيلق أسود العشائر, ميليشيا الباقر)",
    "murasil": "al-murasil.com (ميليشيا لواء الباقر)",
    "ain_madina": "pages corpus, Ayn al-Madina report on Palmyra (لواء زينبيون الباكستاني, الحشد الشيعي)",
    "jazeera_8": "al-Jazeera profile via daily8.com (اللواء الثامن dissolved April 2025; شباب السنة)",
    "northpress_8": "yallasyrianews.com / North Press 2025-04-30 (حل اللواء الثامن)",
    "shaam_8": "shaam.org 2025-04-14 (اللواء الثامن, شباب السنة, الفيلق الخامس Aug 2018)",
    "qsj_tribes": "q-streetjournal.com/?p=103228 (قوات العشائر العربية, إبراهيم الهفل)",
    "meo_tribes": "middle-east-online.com (جيش العشائر, 2023)",
    "noon_akidat": "noonpost.com/235855 (ميليشيا أسود العكيدات, هاشم السطام, Aug 2024)",
    "thawabit": "thawabit.net/?p=6797 (ديوان الحرب; الشعيطات، البكير، البوحسن، البوسرايا)",
    "mohrar": "almohrarmedia.net (قوات العشائر, قبيلة الدليم, ذيبان 2023)",
    "wiki_manbij": "ar.wikipedia (مجلس منبج العسكري, founded 2 Apr 2016)",
    "baladi_bab": "baladi-news.com/ar/articles/9022 (مجلس الباب العسكري)",
    "akhbar_mc": "akhbaralaan.net 2019-06-25 (SDF councils: تل أبيض، كوباني، الطبقة، الرقة، القامشلي، الهول)",
    "k24_2026": "kurdistan24.net/ar/story/888326 (SDF leaves Deir ez-Zor, 19 Jan 2026)",
    "araby_2026": "alaraby.co.uk 2026-01-18 (ceasefire/integration agreement, هيئة العمليات في الجيش السوري)",
    "bayan_2026": "albayan.ae/news/middle-east/syria/1014538 (قوات بي كيه كيه, 2026)",
    "sy24_corpus": "SY24 (seed corpus: ميليشيا الدفاع, ميلشيا حمشو, الميليشيات الروسية)",
}

# ---------------------------------------------------------------- helpers
DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
TRANS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        "ک": "ك",
        "ی": "ي",
        "ٹ": "ت",
        "گ": "ك",
        "\u0640": None,
        **{chr(0x660 + i): str(i) for i in range(10)},
        **{chr(0x6F0 + i): str(i) for i in range(10)},
    }
)
TOKEN = re.compile(r"\w+|[^\w\s]")
IGNORED_IN_NAMES = {"-", "“", "”", '"', "«", "»", "(", ")"}
PREFIXES = ("ميليشيا", "مليشيا", "ميلشيا", "ميليشيات", "مليشيات", "ميلشيات", "عناصر", "عناصر من")


# The functions below approximate extraction/normalize.py and extraction/matcher.py (which need
# camel-tools): tokens are normalised (diacritics, tatweel, alef/hamza forms, ى/ي, ة/ه, digits,
# lower case); a name is keyed by its tokens with the article dropped from the FIRST token only;
# in text, proclitics (و ف, then ب ل ك or لل, then ال) are removed from the first token only.
def norm_token(t: str) -> str:
    t = INVISIBLE.sub("", unicodedata.normalize("NFKC", t))
    return DIAC.sub("", t).translate(TRANS).lower()


def strip_article(t: str) -> str:
    return t[2:] if len(t) > 3 and t.startswith("ال") else t


def key(name: str) -> tuple:
    """Lookup key of a gazetteer name, as the runtime matcher builds it."""
    toks = [norm_token(t) for t in TOKEN.findall(DIAC.sub("", name))]
    toks = [t for t in toks if t and t not in IGNORED_IN_NAMES]
    return (strip_article(toks[0]), *toks[1:]) if toks else ()


def clitic_stems(t: str) -> list:
    stems, rest = [t], t
    if len(rest) > 3 and rest[0] in "وف":
        rest = rest[1:]
        stems.append(rest)
    if len(rest) > 3 and rest.startswith("لل"):
        stems.append(rest[2:])
        return list(dict.fromkeys(stems))
    if len(rest) > 3 and rest[0] in "بلك":
        rest = rest[1:]
        stems.append(rest)
    if len(rest) > 3 and rest.startswith("ال"):
        stems.append(rest[2:])
    return list(dict.fromkeys(stems))


def text_keys(spelling: str) -> list:
    """Keys under which a spelling found in text can reach a gazetteer entry."""
    k = key(spelling)
    if not k:
        return []
    return [(strip_article(st), *k[1:]) for st in clitic_stems(k[0])]


def norm(s: str) -> str:
    """Printable form of key() (used in reports)."""
    return " ".join(key(s))


NO_ARTICLE = {
    "من",
    "في",
    "على",
    "عن",
    "مع",
    "إلى",
    "الى",
    "ضد",
    "بين",
    "بقيادة",
    "لـ",
    "عدة",
    "بعض",
    "ثلاثة",
}
# proper nouns never take the article; aliases containing them get no definite variant
PROPER = {
    "إيران",
    "روسيا",
    "تركيا",
    "إسرائيل",
    "سوريا",
    "سورية",
    "أمريكا",
    "واشنطن",
    "موسكو",
    "أنقرة",
    "طهران",
    "دمشق",
    "قسد",
    "داعش",
    "حوران",
    "درعا",
    "السويداء",
    "الأسد",
    "أسد",
}
NO_VARIANT = {"راعي أغنام"}  # idafa: the definite form is راعي الأغنام, not الراعي الأغنام


def article_variants(alias: str) -> list:
    """Definite <-> indefinite forms of a multi-word descriptive alias.

    The runtime matcher ignores ال only on the first word, so 'الميليشيات الإيرانية' does not reach
    'ميليشيات إيرانية'.  Rows flagged var=True get both forms.
    """
    words = alias.split()
    if len(words) < 2 or any(w.isdigit() for w in words) or alias in NO_VARIANT:
        return []

    def content(w):
        return (
            w not in NO_ARTICLE
            and not w.startswith(("لإ", "لأ", "لا", "لل", "ل"))
            and not w.endswith(("اً", "ًا"))
            and w.isalpha()
        )

    out = []
    if any(w.startswith("ال") for w in words[1:]):
        out.append(" ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words))
    if not any(w.startswith("ال") for w in words) and not PROPER & set(words):
        out.append(" ".join("ال" + w if content(w) else w for w in words))
    return [o for o in out if o != alias]


def base_name(name_ar: str) -> str:
    """name_ar without a trailing parenthesised qualifier."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name_ar).strip()


def R(
    name_ar,
    acled,
    kind,
    aff,
    *,
    ref=None,
    ar=(),
    drop=(),
    en=None,
    en_al=(),
    vf="",
    vt="",
    notes="",
    src=(),
    var=False,
):
    return dict(
        name_ar=name_ar,
        acled=acled,
        kind=kind,
        aff=aff,
        ref=ref,
        ar=list(ar),
        drop=list(drop),
        en=en,
        en_al=list(en_al),
        vf=vf,
        vt=vt,
        notes=notes,
        src=list(src),
        var=var,
    )


SF, RG, PM, IM = "State forces", "Rebel group", "Political militia", "Identity militia"
RI, PR, CV, EX = "Rioters", "Protesters", "Civilians", "External/Other forces"
ASSAD = "Syrian government (Assad era, until 8 Dec 2024)"
NEWGOV = "Syrian transitional government (from 8 Dec 2024)"

# ------------------------------------------------------------------- rows
ROWS = [
    # ============ Assad-era state forces (valid until 2024-12-08) ============
    R(
        "قوات النظام",
        SF,
        "state_force",
        ASSAD,
        ref="قوات النظام",
        vt=FALL,
        ar=[
            "قوات أسد",
            "عصابات الأسد",
            "قوات الجيش العربي السوري",
            "وحدات من الجيش العربي السوري",
            "وحدات الجيش العربي السوري",
            "الجيش النظامي",
            "القوات النظامية",
            "جيش النظام السوري",
            "قوات النظام السوري",
            "النظام",
            "وزارة الدفاع",
            "وزارة الدفاع السورية",
        ],
        en="Syrian Arab Army / regime forces (Assad era)",
        en_al=["Military Forces of Syria (2000-2024)"],
        notes=(
            "ACLED: Military Forces of Syria (2000-2024). Same strings (الجيش السوري, الجيش العربي "
            "السوري, القوات الحكومية, وزارة الدفاع…) mean the new MoD army from 2024-12-08 (row وزارة الدفاع السورية). "
            "Bare النظام is also a common noun (system/order): accept only with an actor cue."
        ),
        src=[REF, CORPUS, ACLED_NAMES],
        var=True,
    ),
    R(
        "القوات الجوية السورية",
        SF,
        "state_force",
        ASSAD,
        vt=FALL,
        ar=[
            "سلاح الجو السوري",
            "طيران النظام",
            "طيران الأسد",
            "طائرات النظام",
            "مروحيات النظام",
            "الطيران المروحي",
            "الطيران الحربي السوري",
            "الطيران الحربي التابع للنظام",
            "الطيران السوري",
            "الطائرات الحربية السورية",
            "الدفاع الجوي",
            "الدفاعات الجوية",
            "قوات الدفاع الجوي",
            "الدفاع الجوي السوري",
            "الدفاعات الجوية السورية",
        ],
        en="Syrian Arab Air Force (Assad era)",
        en_al=["Military Forces of Syria (2000-) Syrian Arab Air Force", "SyAAF"],
        notes=(
            "ACLED unit name Military Forces of Syria (2000-) Syrian Arab Air Force. Includes air defence "
            "(listed so that الدفاع الجوي is not read as الدفاع = NDF). Helicopters were only Syrian."
        ),
        src=[WIKI, ACLED_NAMES],
        var=True,
    ),
    R(
        "الطيران الحربي (السوري و/أو الروسي)",
        SF,
        "state_force",
        f"{ASSAD}; Russia",
        vt=FALL,
        ar=[
            "الطيران الحربي",
            "الطائرات الحربية",
            "المقاتلات الحربية",
            "الطيران السوري والروسي",
            "الطيران الروسي والسوري",
            "طيران النظام وروسيا",
        ],
        en="Unattributed Syrian and/or Russian warplanes",
        en_al=["Allied Syrian and/or Russian Forces"],
        notes=(
            "ACLED codes air strikes that cannot be attributed to one of the two air forces as "
            "'Allied Syrian and/or Russian Forces'. Before 30 Sep 2015 bare الطيران الحربي can only be "
            "the Syrian air force; after 8 Dec 2024 it is usually Israeli (leave to context)."
        ),
        src=[ACLED_NAMES, WIKI],
        var=True,
    ),
    R(
        "الفرقة الرابعة",
        SF,
        "state_force",
        ASSAD,
        ref="الفرقة الرابعة",
        vt=FALL,
        en_al=["Military Forces of Syria (2000-) 4th Armored Division"],
        notes="ACLED unit name Military Forces of Syria (2000-) 4th Armored Division.",
        src=[REF, CORPUS, ACLED_NAMES],
    ),
    R(
        "الحرس الجمهوري",
        SF,
        "state_force",
        ASSAD,
        ref="الحرس الجمهوري",
        vt=FALL,
        ar=["الحرس الجمهوري السوري", "اللواء 104"],
        notes="Bare الحرس is NOT listed (IRGC, Suwayda الحرس الوطني…).",
        src=[REF, CORPUS],
    ),
    R("الفرقة 17", SF, "state_force", ASSAD, ref="الفرقة 17", vt=FALL, src=[REF]),
    R("اللواء 137", SF, "state_force", ASSAD, ref="اللواء 137", vt=FALL, src=[REF]),
    R(
        "قوات النمر",
        SF,
        "state_force",
        ASSAD,
        ref="قوات النمر",
        vt=FALL,
        ar=["مجموعات سهيل الحسن", "الفرقة 25 قوات مهام خاصة"],
        notes="Renamed 25th Special Mission Forces Division in 2019. After Dec 2024 ex-members appear as فلول النظام.",
        src=[REF, WIKI],
    ),
    R(
        "الفيلق الخامس",
        SF,
        "state_force",
        f"{ASSAD}; Russia-backed",
        ref="الفيلق الخامس",
        vf="2016-11-22",
        vt=FALL,
        en_al=["Military Forces of Syria (2000-) 5th Assault Corps"],
        notes="ACLED unit name Military Forces of Syria (2000-) 5th Assault Corps. Daraa 8th Brigade is a separate row.",
        src=[REF, ACLED_NAMES],
    ),
    R(
        "صائدو الدواعش",
        SF,
        "state_force",
        f"{ASSAD}; Russia-backed",
        ref="صائدو الدواعش",
        vt=FALL,
        notes="Fifth Corps unit, coded with the Syrian military (State forces).",
        src=[REF],
    ),
    R(
        "قوات شباب السنة",
        RG,
        "armed_group",
        "Opposition (FSA Southern Front, Daraa)",
        vf="2012-01-01",
        vt="2018-07-01",
        ar=["لواء شباب السنة", "شباب السنة", "فصيل شباب السنة"],
        en="Shabab al-Sunna Forces",
        notes="Ahmad al-Awda's Busra al-Sham faction before the 2018 settlement; became the 8th Brigade.",
        src=[S["jazeera_8"], S["shaam_8"]],
    ),
    R(
        "اللواء الثامن",
        SF,
        "state_force",
        f"{ASSAD}; Russia-backed (Fifth Corps)",
        ref="اللواء الثامن",
        vf="2018-07-01",
        vt=FALL,
        ar=["اللواء 8", "قوات العودة"],
        notes=(
            "Fifth Corps brigade of ex-rebels in Busra al-Sham (Aug 2018); later attached to Military "
            "Security. Same aliases after 8 Dec 2024: row اللواء الثامن (بعد سقوط الأسد)."
        ),
        src=[REF, S["shaam_8"], S["jazeera_8"]],
    ),
    R(
        "اللواء الثامن (بعد سقوط الأسد)",
        PM,
        "armed_group",
        "Independent local force (Daraa), dissolved into MoD",
        ref="اللواء الثامن",
        vf=FALL,
        vt="2025-04-13",
        ar=["اللواء 8", "قوات العودة"],
        en="8th Brigade (after the fall of Assad)",
        notes="Semi-independent Daraa force until it announced its dissolution and handed over to the MoD (12-13 Apr 2025).",
        src=[REF, S["northpress_8"], S["jazeera_8"]],
    ),
    # ---- security branches (Assad era)
    R(
        "الأمن العسكري",
        SF,
        "security_branch",
        ASSAD,
        ref="الأمن العسكري",
        vt=FALL,
        ar=["شعبة الأمن العسكري", "مفرزة الأمن العسكري"],
        en_al=["Military Forces of Syria (2000-) Military Intelligence"],
        notes="ACLED unit name Military Forces of Syria (2000-) Military Intelligence.",
        src=[REF, CORPUS, ACLED_NAMES],
    ),
    R(
        "المخابرات الجوية",
        SF,
        "security_branch",
        ASSAD,
        ref="المخابرات الجوية",
        vt=FALL,
        ar=["المخابرات الجوية السورية"],
        drop=["الجوية"],
        notes="Bare الجوية names this agency in Deir ez-Zor news (dev-022) but is the adjective 'air' everywhere else (غارة جوية); dropped.",
        src=[REF, CORPUS],
    ),
    R(
        "أمن الدولة",
        SF,
        "security_branch",
        ASSAD,
        ref="أمن الدولة",
        vt=FALL,
        notes="General Intelligence Directorate. From 2024-12-08 المخابرات العامة = row جهاز الاستخبارات العامة.",
        src=[REF],
    ),
    R("الأمن السياسي", SF, "security_branch", ASSAD, ref="الأمن السياسي", vt=FALL, src=[REF]),
    R(
        "الشرطة العسكرية",
        SF,
        "state_force",
        ASSAD,
        ref="الشرطة العسكرية",
        vt=FALL,
        notes=(
            "Assad-era Military Police (seed-001). The SNA military police (Afrin/Azaz) is a separate row "
            "with qualified names only; Russian MP is الشرطة العسكرية الروسية."
        ),
        src=[REF, CORPUS],
    ),
    R(
        "الأمن الجنائي",
        SF,
        "security_branch",
        ASSAD,
        ref="الأمن الجنائي",
        vt=FALL,
        ar=["الشرطة الجنائية", "فرع الشرطة الجنائية", "إدارة الأمن الجنائي"],
        src=[REF, CORPUS],
    ),
    R(
        "مكافحة المخدرات",
        SF,
        "security_branch",
        ASSAD,
        ref="مكافحة المخدرات",
        vt=FALL,
        src=[REF, CORPUS],
    ),
    R(
        "الشرطة المدنية",
        SF,
        "state_force",
        ASSAD,
        ref="الشرطة المدنية",
        vt=FALL,
        ar=[
            "شرطة النظام",
            "قيادة الشرطة",
            "قوى الأمن الداخلي السورية",
            "وزارة الداخلية",
            "وزارة الداخلية السورية",
        ],
        en_al=["Police Forces of Syria (2000-2024)"],
        notes=(
            "ACLED: Police Forces of Syria (2000-2024). Bare الشرطة: Assad police until 2024-12-08, "
            "MoI police after (row قوى الأمن الداخلي)."
        ),
        src=[REF, CORPUS, ACLED_NAMES],
    ),
    R(
        "الأجهزة الأمنية",
        SF,
        "security_branch",
        ASSAD,
        ref="الأجهزة الأمنية",
        vt=FALL,
        ar=["قوات أمن النظام", "مخابرات النظام", "الأجهزة الأمنية التابعة للنظام"],
        notes="Generic Assad security apparatus when no branch is named (seed-002 joint patrol).",
        src=[REF, CORPUS],
        var=True,
    ),
    R(
        "الضابطة الجمركية",
        SF,
        "state_force",
        "Syrian government (both periods)",
        ar=["الجمارك", "دوريات الجمارك", "الجمارك السورية"],
        en="Syrian customs (armed customs police)",
        notes="Both periods; ACLED would code as Military/Police Forces of Syria of the period.",
        src=[WIKI],
    ),
    R(
        "حرس الحدود السوري",
        SF,
        "state_force",
        "Syrian government (both periods)",
        ar=["قوات حرس الحدود السورية", "حرس الحدود السورية", "الهجانة"],
        en="Syrian border guards",
        notes="Bare حرس الحدود is not listed (Turkish, Jordanian, Iraqi, Lebanese guards).",
        src=[WIKI],
    ),
    R(
        "جيش التحرير الفلسطيني",
        SF,
        "state_force",
        ASSAD,
        vt=FALL,
        en="Palestine Liberation Army (Syria)",
        notes="Formally part of the Syrian armed forces.",
        src=[WIKI],
    ),
    # ---- Assad-era political
    R(
        "الحكومة السورية (عهد الأسد)",
        SF,
        "political",
        ASSAD,
        vt=FALL,
        ar=[
            "الحكومة السورية",
            "حكومة النظام",
            "حكومة النظام السوري",
            "حكومة الأسد",
            "السلطات السورية",
        ],
        en="Government of Syria (Assad era)",
        en_al=["Government of Syria (2000-2024)"],
        notes="ACLED records governments as State forces (inter 1). From 2024-12-08 see الحكومة السورية الانتقالية.",
        src=[WIKI, ACLED_CB],
    ),
    # ============ pro-Assad militias ============
    R(
        "الدفاع الوطني",
        PM,
        "militia",
        f"{ASSAD}; Iran-supported",
        ref="قوات الدفاع الوطني",
        vt=FALL,
        ar=[
            "قوات الدفاع الوطني",
            "الدفاع",
            "ميليشيا الدفاع",
            "مليشيا الدفاع",
            "ميلشيا الدفاع",
            "ميليشيات الدفاع الوطني",
        ],
        en="National Defence Forces (NDF)",
        en_al=["QDW: National Defense Forces"],
        notes=(
            "ACLED actor QDW: National Defense Forces, a pro-government militia (inter 3). Bare الدفاع / "
            "ميليشيا الدفاع = NDF in pre-2024 Deir ez-Zor news (dev-025, seed-002); after 2024-12-08 الدفاع "
            "= Ministry of Defence. Commander Firas al-Jaham 'فراس العراقية' is left to rules (person)."
        ),
        src=[REF, CORPUS, ACLED_NAMES, S["rozpress"]],
    ),
    R(
        "الميليشيات الموالية للنظام",
        PM,
        "militia",
        ASSAD,
        vt=FALL,
        ar=[
            "ميليشيات النظام",
            "الميليشيات الموالية لنظام الأسد",
            "الميليشيات الرديفة",
            "القوات الرديفة",
            "الشبيحة",
            "شبيحة النظام",
            "شبيحة الأسد",
            "الميليشيات المحلية الموالية للنظام",
            "المجموعات الموالية للنظام",
            "مليشيات النظام",
        ],
        en="Pro-government militias (generic) / shabiha",
        en_al=["Militia (Pro-Government)", "shabiha"],
        notes="Generic label when no militia is named. ميليشيا أسد in opposition outlets means the army (row قوات النظام).",
        src=[WIKI, ACLED_CB],
        var=True,
    ),
    R(
        "اللجان الشعبية",
        PM,
        "militia",
        ASSAD,
        vf="2011-03-15",
        vt=FALL,
        en="Popular Committees (pro-government)",
        notes="2011-2013 neighbourhood militias, later folded into the NDF. The phrase is also used in Lebanon/Palestinian camps.",
        src=[WIKI],
    ),
    R("كتائب البعث", PM, "militia", ASSAD, ref="كتائب البعث", vt=FALL, src=[REF]),
    R(
        "صقور الصحراء",
        PM,
        "militia",
        ASSAD,
        ref="صقور الصحراء",
        vt=FALL,
        notes="Disbanded 2017; its ex-commander Mohammad Jaber was linked to the March 2025 coastal insurgency (moaab.com).",
        src=[REF, S["moaab"]],
    ),
    R(
        "لواء القدس",
        PM,
        "militia",
        f"{ASSAD}; Russia-backed",
        ref="لواء القدس",
        vt=FALL,
        src=[REF, CORPUS],
    ),
    R(
        "مجموعة القاطرجي",
        PM,
        "militia",
        ASSAD,
        ref="مجموعة القاطرجي",
        vt=FALL,
        ar=["ميليشيا القاطرجي", "مليشيا القاطرجي", "ميليشيات القاطرجي", "مجموعة القاطرجي التجارية"],
        en_al=["Qaterji Militia"],
        notes="ACLED actor Qaterji Militia. SY24 calls it 'الموالية لإيران' (seed-005).",
        src=[REF, CORPUS, ACLED_NAMES],
    ),
    R(
        "ميليشيا حمشو",
        PM,
        "militia",
        f"{ASSAD}; described as pro-Moscow",
        ref="ميليشيا حمشو",
        vt=FALL,
        src=[REF, S["sy24_corpus"]],
    ),
    R(
        "ميليشيا أسود الشرقية",
        PM,
        "militia",
        f"{ASSAD}; Russia-backed",
        ref="ميليشيا أسود الشرقية",
        vt=FALL,
        notes=(
            "AMBIGUOUS: bare أسود الشرقية is shared with the opposition faction جيش أسود الشرقية (reported "
            "collision). In regime-held Deir ez-Zor (al-Ashara, al-Masrab, Ayyash) after 2019 = this militia."
        ),
        src=[REF, CORPUS],
    ),
    R(
        "حركة أبناء الجزيرة والفرات",
        PM,
        "militia",
        ASSAD,
        ref="حركة أبناء الجزيرة والفرات",
        vt=FALL,
        src=[REF],
    ),
    R(
        "ميليشيا نواف البشير",
        PM,
        "militia",
        f"{ASSAD}; Iran-funded",
        ref="ميليشيا نواف البشير",
        vt=FALL,
        ar=["فيلق أسود العشائر"],
        notes="Baggara tribal militia of Nawaf al-Bashir; 'فيلق أسود العشائر' attached to the Republican Guard (Zaman al-Wasl 2018).",
        src=[REF, S["zaman_bashir"]],
    ),
    R(
        "أسود العكيدات",
        PM,
        "militia",
        ASSAD,
        vf="2024-01-01",
        vt=FALL,
        ar=["ميليشيا أسود العكيدات"],
        en="Usud al-Ukaydat militia",
        notes="Pro-government tribal militia of Hashem al-Sattam that attacked SDF positions across the Euphrates in Aug 2024.",
        src=[S["noon_akidat"]],
    ),
    R(
        "الحزب السوري القومي الاجتماعي",
        PM,
        "militia",
        ASSAD,
        vt=FALL,
        ar=["نسور الزوبعة", "الحزب القومي السوري"],
        en="Syrian Social Nationalist Party / Eagles of the Whirlwind",
        en_al=["Syrian Social Nationalist Party"],
        notes="ACLED actor Syrian Social Nationalist Party.",
        src=[WIKI, ACLED_NAMES],
    ),
    R(
        "قوات الدفاع المحلي",
        PM,
        "militia",
        f"{ASSAD}; IRGC-backed",
        ref="قوات الدفاع المحلي",
        vt=FALL,
        src=[REF, S["syrmem_baqir"]],
    ),
    R(
        "الميليشيات الموالية لروسيا",
        PM,
        "militia",
        f"Russia; {ASSAD}",
        ref="الميليشيات الموالية لروسيا",
        vt=FALL,
        ar=["الميليشيات الروسية"],
        src=[REF, CORPUS],
        var=True,
    ),
    # ============ Iran and Iran-backed ============
    R(
        "الحرس الثوري الإيراني",
        EX,
        "foreign_state_force",
        "Iran",
        ref="الحرس الثوري الإيراني",
        ar=["القوات الإيرانية", "المستشارون الإيرانيون", "ميليشيا الحرس الثوري الإيراني"],
        en_al=["Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"],
        notes=(
            "Iranian state force acting outside Iran: External/Other forces (codebook: state forces active "
            "outside their home state get inter 8). Bare الحرس is not listed."
        ),
        src=[REF, CORPUS, ACLED_CB],
        var=True,
    ),
    R("فيلق القدس", EX, "foreign_state_force", "Iran", ref="فيلق القدس", src=[REF, ACLED_CB]),
    R(
        "الفوج 47",
        PM,
        "militia",
        "Iran (IRGC-linked local regiment, al-Bukamal)",
        ar=["عناصر الفوج 47"],
        en="Regiment 47 (al-Bukamal)",
        notes="IRGC-linked local unit in al-Sukkariya/al-Hamdan (al-Bukamal); target of the July 2025 MoI campaign.",
        src=[S["sst_isf"], S["tesaa"]],
    ),
    R(
        "الميليشيات الإيرانية",
        PM,
        "militia",
        "Iran",
        ref="الميليشيات الإيرانية",
        ar=[
            "مليشيات موالية لإيران",
            "الفصائل المدعومة إيرانياً",
            "الميليشيات المدعومة إيرانياً",
            "الميليشيات المدعومة من إيران",
            "الميليشيات الشيعية",
            "الميليشيات الطائفية",
            "الميليشيات المحلية الموالية لإيران",
            "القوات الموالية لإيران",
            "المجموعات الموالية لإيران",
            "الجماعات الموالية لإيران",
            "الفصائل الإيرانية",
            "مليشيات إيران",
            "ميليشيات الحرس الثوري",
            "مليشيات الحرس الثوري",
        ],
        en_al=["Militia (Pro-Iran)"],
        notes="ACLED actor Militia (Pro-Iran). SOHR: المجموعات المحلية المدعومة من إيران (dev-004).",
        src=[REF, CORPUS, ACLED_NAMES, S["rozpress"]],
        var=True,
    ),
    R(
        "حزب الله اللبناني",
        PM,
        "militia",
        "Iran",
        ref="حزب الله اللبناني",
        ar=["حزب اللات", "ميليشيا حزب الله اللبناني"],
        en_al=["Hezbollah"],
        notes=(
            "ACLED actor Hezbollah. Non-state, so it keeps inter 3 in Syria (inter 8 is for state forces "
            "abroad, PMCs, mercenaries, international organisations). حزب اللات is the derogatory opposition spelling."
        ),
        src=[REF, ACLED_NAMES, ACLED_CB],
    ),
    R("حزب الله السوري", PM, "militia", "Iran", ref="حزب الله السوري", src=[REF, S["ep_baqir"]]),
    R(
        "لواء الباقر",
        PM,
        "militia",
        "Iran",
        ref="لواء الباقر",
        ar=["ميليشيا الباقر", "مليشيات لواء الباقر"],
        src=[REF, S["ep_baqir"], S["syrmem_baqir"], S["murasil"]],
    ),
    R(
        "لواء فاطميون",
        PM,
        "militia",
        "Iran",
        ref="لواء فاطميون",
        ar=["فاطميين", "ميليشيا فاطميون الأفغانية", "الميليشيات الأفغانية", "الميليشيا الأفغانية"],
        src=[REF, CORPUS, S["enab_fatem"]],
    ),
    R(
        "لواء زينبيون",
        PM,
        "militia",
        "Iran",
        ref="لواء زينبيون",
        ar=["زينبيين", "لواء زينبيون الباكستاني", "الميليشيات الباكستانية"],
        src=[REF, S["ain_madina"]],
    ),
    R(
        "لواء أبو الفضل العباس",
        PM,
        "militia",
        "Iran",
        ref="لواء أبو الفضل العباس",
        en_al=["LAFA: Abu Al Fadhal al Abbas Brigade"],
        src=[REF, ACLED_NAMES],
    ),
    R(
        "كتائب حزب الله",
        PM,
        "militia",
        "Iran (Iraqi PMF faction)",
        ref="كتائب حزب الله",
        en_al=["Kataib Hezbollah (Iraq)"],
        src=[REF, ACLED_NAMES],
    ),
    R(
        "حركة النجباء",
        PM,
        "militia",
        "Iran (Iraqi PMF faction)",
        ref="حركة النجباء",
        ar=["حركة النجباء العراقية"],
        en_al=["Harakat Hezbollah Al Nujaba"],
        src=[REF, ACLED_NAMES],
    ),
    R(
        "كتائب سيد الشهداء",
        PM,
        "militia",
        "Iran (Iraqi PMF faction)",
        ref="كتائب سيد الشهداء",
        src=[REF],
    ),
    R(
        "كتائب الإمام علي",
        PM,
        "militia",
        "Iran (Iraqi PMF faction)",
        ref="كتائب الإمام علي",
        en_al=["Imam Ali Brigades (Syria)"],
        src=[REF, CORPUS, ACLED_NAMES],
    ),
    R(
        "عصائب أهل الحق",
        PM,
        "militia",
        "Iran (Iraqi PMF faction)",
        ref="عصائب أهل الحق",
        en_al=["Asaib Ahl Al Haq"],
        src=[REF, ACLED_NAMES],
    ),
    R(
        "الميليشيات العراقية",
        PM,
        "militia",
        "Iran (Iraqi Shia militias)",
        ar=[
            "الفصائل العراقية",
            "الحشد الشيعي",
            "ميليشيات الحشد الشيعي",
            "الميليشيات الشيعية العراقية",
            "الفصائل العراقية الموالية لإيران",
        ],
        en="Iraqi Shia militias (generic)",
        notes="Generic; named Iraqi groups have their own rows.",
        src=[S["ain_madina"], WIKI],
        var=True,
    ),
    R(
        "المقاومة الإسلامية في العراق",
        PM,
        "militia",
        "Iran (Iraqi militias' umbrella)",
        ar=["فصائل المقاومة العراقية"],
        en="Islamic Resistance in Iraq",
        en_al=["Islamic Resistance in Iraq"],
        notes="Claimed drone/rocket attacks on US bases in Syria from Iraq (2023-24).",
        src=[WIKI, ACLED_NAMES],
    ),
    R(
        "الحشد الشعبي",
        EX,
        "foreign_state_force",
        "Iraq (Iran-aligned factions)",
        ref="الحشد الشعبي",
        en_al=["Military Forces of Iraq (2022-) Popular Mobilization Forces"],
        notes="ACLED records the PMF as a unit of the Iraqi military; outside Iraq that is inter 8.",
        src=[REF, ACLED_NAMES, ACLED_CB],
    ),
    R(
        "سرايا العرين 313",
        PM,
        "militia",
        "Pro-Assad / Iran-aligned",
        ar=["سرايا العرين", "العرين 313"],
        en="Saraya al-Areen 313",
        en_al=["Sraya Al-Areen 313"],
        notes="ACLED actor Sraya Al-Areen 313; reported joining أولي البأس in May 2025.",
        src=[ACLED_NAMES, S["syria_es"]],
    ),
    # ============ Russia ============
    R(
        "القوات الروسية",
        EX,
        "foreign_state_force",
        "Russia",
        ref="القوات الروسية",
        ar=["القوات الجوية الروسية", "القاعدة الروسية", "وزارة الدفاع الروسية"],
        en_al=["Military Forces of Russia (2000-)"],
        notes="ACLED: Military Forces of Russia (2000-), inter 8 in Syria. روسيا (country name) is annotated in seed-004.",
        src=[REF, CORPUS, ACLED_NAMES],
        var=True,
    ),
    R(
        "الشرطة العسكرية الروسية",
        EX,
        "foreign_state_force",
        "Russia",
        ref="الشرطة العسكرية الروسية",
        src=[REF],
    ),
    R(
        "مجموعة فاغنر",
        EX,
        "armed_group",
        "Russia (private military company)",
        ref="مجموعة فاغنر",
        ar=["فاجنر", "مجموعة فاجنر", "شركة فاجنر"],
        notes="Private military company: External/Other forces per the codebook (private security firms, mercenaries).",
        src=[REF, ACLED_CB],
    ),
    # ============ SDF / AANES ============
    R(
        "قوات سوريا الديمقراطية",
        RG,
        "armed_group",
        "SDF / AANES; US-led coalition partner",
        ref="قوات سوريا الديمقراطية",
        ar=[
            "قوات سورية الديمقراطية",
            "سورية الديمقراطية",
            "ميليشيات قسد",
            "مليشيات قسد",
            "قوات قسد",
            "تنظيم قسد",
        ],
        en_al=["QSD: Syrian Democratic Forces"],
        notes=(
            "ACLED actor QSD: Syrian Democratic Forces, Rebel group (inter 2). Agreements with Damascus: "
            "10 Mar 2025; 18 Jan 2026 (SDF left Deir ez-Zor and Raqqa) and 30 Jan 2026 (integration). "
            "Government/Turkish media may call it بي كي كي."
        ),
        src=[REF, CORPUS, ACLED_NAMES, S["sana_qsd"], S["k24_2026"], S["araby_2026"]],
        var=True,
    ),
    R(
        "وحدات حماية الشعب",
        RG,
        "armed_group",
        "SDF (core component)",
        ref="وحدات حماية الشعب",
        ar=["وحدات الحماية الكردية", "ي ب ك", "واي بي جي", "مليشيات الحماية"],
        drop=["الوحدات"],
        en_al=["YPG: Peoples Protection Units"],
        notes="ACLED actor YPG: Peoples Protection Units. Bare الوحدات (units) was dropped: common word.",
        src=[REF, CORPUS, ACLED_NAMES],
    ),
    R("وحدات حماية المرأة", RG, "armed_group", "SDF", ref="وحدات حماية المرأة", src=[REF]),
    R(
        "حزب الاتحاد الديمقراطي",
        RG,
        "political",
        "SDF / AANES",
        ar=["الاتحاد الديمقراطي", "ب ي د", "بي واي دي"],
        en="Democratic Union Party (PYD)",
        en_al=["PYD: Kurdish Democratic Union Party", "PYD"],
        notes="ACLED actor PYD: Kurdish Democratic Union Party (same bloc as the YPG).",
        src=[WIKI, ACLED_NAMES],
    ),
    R(
        "الأسايش",
        RG,
        "security_branch",
        "SDF / AANES",
        ref="الأسايش",
        ar=[
            "قوات الأسايش",
            "قوى الأمن الداخلي",
            "قوى الأمن الداخلي لإقليم شمال وشرق سوريا",
            "قوى الأمن الداخلي في شمال وشرق سوريا",
            "الأجهزة الأمنية التابعة لقسد",
            "الأجهزة الأمنية التابعة للإدارة الذاتية",
        ],
        notes=(
            "AANES internal security. Bare قوى الأمن الداخلي is shared with the Syrian MoI forces from "
            "2024-12-08 (reported collision; resolve by place: SDF-held vs government-held). Coded with the "
            "SDF bloc (inter 2); ACLED's own Asayish coding not verified."
        ),
        src=[REF, S["sana_qsd"]],
    ),
    R(
        "مجلس دير الزور العسكري",
        RG,
        "armed_group",
        "SDF",
        ref="مجلس دير الزور العسكري",
        vt="2026-01-18",
        ar=["المجلس العسكري", "المجلس العسكري في دير الزور", "قوات مجلس دير الزور العسكري"],
        notes=(
            "Arab SDF component (Abu Khawla arrested Aug 2023). Bare المجلس العسكري = this council in "
            "Deir ez-Zor news, but = Suwayda Military Council in Suwayda news from Feb 2025 (reported collision). "
            "valid_to: SDF withdrawal from Deir ez-Zor (18 Jan 2026)."
        ),
        src=[REF, S["k24_2026"]],
    ),
    R(
        "مجلس هجين العسكري",
        RG,
        "armed_group",
        "SDF",
        ref="مجلس هجين العسكري",
        vt="2026-01-18",
        src=[REF, CORPUS],
    ),
    R(
        "مجلس منبج العسكري",
        RG,
        "armed_group",
        "SDF",
        vf="2016-04-02",
        ar=["قوات مجلس منبج العسكري", "منبج العسكري"],
        en="Manbij Military Council",
        src=[S["wiki_manbij"]],
    ),
    R(
        "المجالس العسكرية التابعة لقسد",
        RG,
        "armed_group",
        "SDF",
        ar=[
            "مجلس الباب العسكري",
            "مجلس جرابلس العسكري",
            "مجلس الطبقة العسكري",
            "المجلس العسكري للطبقة",
            "مجلس الرقة العسكري",
            "مجلس تل أبيض العسكري",
            "مجلس كوباني العسكري",
            "المجلس العسكري لمدينة قامشلو",
            "المجلس العسكري لقطاع الهول",
            "المجلس العسكري السرياني",
        ],
        en="Other SDF local military councils",
        notes="One row for the smaller SDF military councils; ACLED codes them with the SDF (QSD).",
        src=[S["baladi_bab"], S["akhbar_mc"], WIKI],
    ),
    R(
        "قوات الدفاع الذاتي",
        RG,
        "armed_group",
        "SDF / AANES",
        ref="قوات الدفاع الذاتي",
        drop=["التجنيد الإجباري"],
        notes="AANES conscript force; annotated together with the SDF in dev-004. 'التجنيد الإجباري' (a policy) was dropped.",
        src=[REF, CORPUS, S["sana_qsd2"]],
    ),
    R(
        "قوات مكافحة الإرهاب",
        RG,
        "armed_group",
        "SDF; works with the US-led coalition",
        ref="قوات مكافحة الإرهاب",
        notes="SDF YAT/HAT. Generic phrase elsewhere (Iraqi CTS, post-2024 MoI counter-terrorism units): check context.",
        src=[REF],
    ),
    R("الفوج العاشر", RG, "armed_group", "SDF", ref="الفوج العاشر", src=[REF, CORPUS]),
    R(
        "قوات الصناديد",
        RG,
        "armed_group",
        "SDF (Shammar tribe, Hasakah)",
        ref="قوات الصناديد",
        src=[REF],
    ),
    R(
        "الإدارة الذاتية",
        RG,
        "political",
        "SDF / AANES",
        ref="الإدارة الذاتية",
        ar=[
            "الإدارة الذاتية لشمال وشرق سورية",
            "الإدارة الذاتية الديمقراطية لإقليم شمال وشرق سوريا",
        ],
        notes="Civil authority of the SDF bloc; coded with the bloc (inter 2) - doubtful, ACLED may record it as an associated actor only.",
        src=[REF],
    ),
    R(
        "مجلس سوريا الديمقراطية",
        RG,
        "political",
        "SDF / AANES",
        ref="مجلس سوريا الديمقراطية",
        ar=["مجلس سورية الديمقراطية"],
        src=[REF],
    ),
    R(
        "حزب العمال الكردستاني",
        RG,
        "armed_group",
        "Kurdish militant (Turkey/Iraq-based)",
        ref="حزب العمال الكردستاني",
        ar=["بي كيه كيه", "ميليشيات قنديل", "كوادر قنديل"],
        notes=(
            "Turkish, pro-government and 2026 Syrian government media use PKK labels (بي كي كي, قنديل) "
            "for the SDF/YPG: if the text clearly means the SDF, map to قوات سوريا الديمقراطية."
        ),
        src=[REF, S["qsj_tribes"], S["bayan_2026"]],
    ),
    R(
        "الشبيبة الثورية",
        PM,
        "militia",
        "PKK/PYD-aligned youth movement",
        ar=["حركة الشبيبة الثورية السورية"],
        en="Revolutionary Youth (Ciwanên Şoreşger)",
        notes="Attacks on Kurdish National Council offices; ACLED type not verified.",
        src=[WIKI],
    ),
    # ============ US-led coalition and other states ============
    R(
        "التحالف الدولي",
        EX,
        "foreign_state_force",
        "US-led coalition",
        ref="التحالف الدولي",
        ar=["التحالف الأمريكي", "طائرات التحالف", "مروحيات التحالف"],
        en_al=["Global Coalition Against Daesh"],
        notes="ACLED actor Global Coalition Against Daesh. Bare التحالف is kept (Deir ez-Zor usage) but is a common word.",
        src=[REF, CORPUS, ACLED_NAMES],
        var=True,
    ),
    R(
        "القوات الأمريكية",
        EX,
        "foreign_state_force",
        "United States",
        ref="القوات الأمريكية",
        ar=[
            "قوات الاحتلال الأمريكي",
            "الاحتلال الأميركي",
            "القوات الأمريكية المحتلة",
            "القيادة المركزية الأمريكية",
            "سنتكوم",
            "الطائرات الأمريكية",
            "المروحيات الأمريكية",
            "القوات الخاصة الأمريكية",
            "وزارة الدفاع الأمريكية",
            "البنتاغون",
        ],
        en_al=["Military Forces of the United States"],
        notes="Inter 8 outside the US (codebook). SANA: قوات الاحتلال الأمريكي.",
        src=[REF, CORPUS, S["alalam"], S["sana_qsd"], ACLED_CB],
        var=True,
    ),
    R(
        "جيش مغاوير الثورة",
        RG,
        "armed_group",
        "US-led coalition partner (al-Tanf)",
        ref="جيش مغاوير الثورة",
        notes="Renamed Syrian Free Army (جيش سوريا الحرة) in 2024; integrated into the MoD in 2025 (reported).",
        src=[REF],
    ),
    R(
        "الجيش التركي",
        EX,
        "foreign_state_force",
        "Turkey",
        ref="الجيش التركي",
        ar=[
            "جيش الاحتلال التركي",
            "المدفعية التركية",
            "الطائرات التركية",
            "طائرة مسيرة تركية",
            "المسيرات التركية",
            "الاستخبارات التركية",
            "وزارة الدفاع التركية",
        ],
        en_al=["Military Forces of Turkey (2016-)"],
        notes=(
            "Codebook example: the military of Turkey active in northern Syria has inter 8. Kurdish outlets: "
            "جيش الاحتلال التركي ومرتزقته (the 'mercenaries' = SNA)."
        ),
        src=[REF, ACLED_CB, ACLED_NAMES, S["anf"], S["selam"], S["watan_tr"]],
        var=True,
    ),
    R(
        "الجندرمة التركية",
        EX,
        "foreign_state_force",
        "Turkey",
        ar=["الجندرما التركية", "الجندرمة", "الجندرما", "حرس الحدود التركي", "حرس الحدود التركية"],
        en="Turkish Gendarmerie / border guards",
        en_al=["Military Forces of Turkey (2016-) Gendarmerie"],
        notes="ACLED unit name Military Forces of Turkey (2016-) Gendarmerie (border shootings).",
        src=[ACLED_NAMES, WIKI],
        var=True,
    ),
    R(
        "الجيش الإسرائيلي",
        EX,
        "foreign_state_force",
        "Israel",
        ref="الجيش الإسرائيلي",
        ar=[
            "العدو الإسرائيلي",
            "قوات الاحتلال الإسرائيلي",
            "الطيران الحربي الإسرائيلي",
            "سلاح الجو الإسرائيلي",
            "المسيرات الإسرائيلية",
            "الطائرات المسيرة الإسرائيلية",
            "العدو الصهيوني",
            "جيش العدو الإسرائيلي",
            "وزارة الدفاع الإسرائيلية",
        ],
        en_al=["Military Forces of Israel (2022-)"],
        notes="Bare جيش الاحتلال (kept from the reference) means Turkey in Kurdish outlets: check the outlet.",
        src=[REF, ACLED_NAMES, ACLED_CB],
        var=True,
    ),
    R(
        "القوات العراقية",
        EX,
        "foreign_state_force",
        "Iraq",
        ref="القوات العراقية",
        src=[REF],
        var=True,
    ),
    R(
        "الجيش الأردني",
        EX,
        "foreign_state_force",
        "Jordan",
        ref="الجيش الأردني",
        src=[REF],
        var=True,
    ),
    R(
        "الجيش اللبناني",
        EX,
        "foreign_state_force",
        "Lebanon",
        ar=["الجيش اللبناني على الحدود"],
        en="Lebanese Army",
        notes="Border clashes (Hermel/Qusayr, 2025). القوات اللبنانية is a Lebanese party, not listed.",
        src=[WIKI],
    ),
    R(
        "الأمن العام اللبناني",
        EX,
        "foreign_state_force",
        "Lebanon",
        en="Lebanese General Security",
        notes="Listed so that the longer name wins over الأمن العام.",
        src=[WIKI],
    ),
    # ============ Opposition / SNA ============
    R(
        "الجيش السوري الحر",
        RG,
        "armed_group",
        "Opposition",
        ref="الجيش السوري الحر",
        vf="2011-07-29",
        vt=FALL,
        ar=[
            "الثوار",
            "فصائل الثوار",
            "الفصائل الثورية",
            "المعارضة السورية المسلحة",
            "فصائل المعارضة السورية",
            "المجموعات الإرهابية المسلحة",
            "التنظيمات الإرهابية",
        ],
        en_al=["Opposition Rebels (Syria)"],
        notes=(
            "ACLED aggregates unnamed factions as Opposition Rebels (Syria). المجموعات الإرهابية المسلحة / "
            "التنظيمات الإرهابية are SANA's labels for all armed opposition (may include HTS/ISIS)."
        ),
        src=[REF, ACLED_NAMES, ACLED_CB],
        var=True,
    ),
    R(
        "الجبهة الجنوبية",
        RG,
        "armed_group",
        "Opposition (FSA, Daraa/Quneitra)",
        vf="2014-02-01",
        vt="2018-08-01",
        ar=["فصائل الجبهة الجنوبية"],
        en="Southern Front",
        src=[WIKI, S["jazeera_8"]],
    ),
    R(
        "المقاومة الشعبية في درعا",
        RG,
        "insurgent",
        "Anti-government insurgents (Daraa)",
        vf="2018-11-01",
        vt=FALL,
        ar=["المقاومة الشعبية", "المقاومة الشعبية في حوران"],
        en="Daraa Popular Resistance",
        en_al=["Dar'a Popular Resistance"],
        notes="ACLED actor Dar'a Popular Resistance.",
        src=[ACLED_NAMES, WIKI],
    ),
    R(
        "اللجان المركزية",
        PM,
        "political",
        "Ex-opposition (Daraa)",
        ref="اللجان المركزية",
        vf="2018-07-01",
        vt=FALL,
        notes="Negotiating committees of settled ex-rebels; their armed men are coded as a political militia (doubtful).",
        src=[REF],
    ),
    R(
        "المجموعات المحلية في درعا",
        PM,
        "armed_group",
        "Settled ex-rebel / local armed groups (Daraa)",
        vf="2018-07-01",
        ar=[
            "فصائل التسوية",
            "مجموعات التسوية",
            "عناصر التسويات",
            "المسلحين المحليين",
            "مسلحين محليين",
            "مجموعات محلية مسلحة",
            "المجموعات المحلية المسلحة في درعا",
        ],
        en="Daraa local armed groups (generic)",
        notes=(
            "Post-2018 settlement groups and local gunmen in Daraa, of shifting loyalty (some tied to Military "
            "Security, some to the Central Committees). Bare المجموعات المحلية is not listed: SOHR uses it for "
            "Iran-backed groups (المجموعات المحلية المدعومة من إيران)."
        ),
        src=[WIKI, S["jazeera_8"]],
        var=True,
    ),
    R(
        "الجيش الوطني السوري",
        RG,
        "armed_group",
        "Turkey / opposition",
        ref="الجيش الوطني السوري",
        vf="2017-12-30",
        vt="2025-01-29",
        ar=[
            "الفصائل المدعومة تركياً",
            "الفصائل السورية الموالية لتركيا",
            "مرتزقة الاحتلال التركي",
            "مرتزقة تركيا",
            "غرفة عمليات فجر الحرية",
            "فجر الحرية",
        ],
        en_al=["SNA: Syrian National Army"],
        notes=(
            "Kurdish outlets call it مرتزقة الاحتلال التركي. Formally dissolved into the MoD army at the "
            "29 Jan 2025 'victory conference'; same aliases after that: row الجيش الوطني (ضمن وزارة الدفاع)."
        ),
        src=[REF, S["anf"], S["selam"]],
        var=True,
    ),
    R(
        "الجيش الوطني (ضمن وزارة الدفاع)",
        SF,
        "state_force",
        NEWGOV,
        ref="الجيش الوطني السوري",
        vf="2025-01-29",
        ar=["الجيش الوطني", "مرتزقة الاحتلال التركي", "مرتزقة تركيا"],
        drop=["الفصائل المدعومة تركياً", "الفصائل الموالية لتركيا"],
        en="Ex-SNA factions inside the MoD army",
        notes="After integration ACLED would code them with Military Forces of Syria (2024-) (not verified).",
        src=[REF, WIKI],
    ),
    R(
        "فرقة السلطان مراد",
        RG,
        "armed_group",
        "Turkey / SNA",
        ref="فرقة السلطان مراد",
        en_al=["Sultan Murad Division"],
        notes="SNA faction; integrated into the MoD from 29 Jan 2025 (code State forces when acting as an MoD unit).",
        src=[REF, ACLED_NAMES],
    ),
    R(
        "فرقة الحمزة",
        RG,
        "armed_group",
        "Turkey / SNA",
        ref="فرقة الحمزة",
        notes="SNA faction; MoD from 29 Jan 2025.",
        src=[REF],
    ),
    R(
        "فرقة السلطان سليمان شاه",
        RG,
        "armed_group",
        "Turkey / SNA",
        ref="فرقة السلطان سليمان شاه",
        ar=["لواء السلطان سليمان شاه"],
        en_al=["Sultan Suleiman Shah Brigade (Syria)"],
        notes="ACLED actor Sultan Suleiman Shah Brigade (Syria). Bare سليمان شاه is also the Ottoman tomb. MoD from 29 Jan 2025.",
        src=[REF, ACLED_NAMES],
    ),
    R(
        "فرقة المعتصم",
        RG,
        "armed_group",
        "Turkey / SNA",
        ar=["لواء المعتصم"],
        en="Mu'tasim Division",
        notes="SNA faction; MoD from 29 Jan 2025.",
        src=[WIKI],
    ),
    R(
        "أحرار الشرقية",
        RG,
        "armed_group",
        "Turkey / SNA",
        ref="أحرار الشرقية",
        notes="MoD from 29 Jan 2025.",
        src=[REF],
    ),
    R(
        "جيش الشرقية",
        RG,
        "armed_group",
        "Turkey / SNA",
        ref="جيش الشرقية",
        notes="MoD from 29 Jan 2025.",
        src=[REF],
    ),
    R(
        "جيش أسود الشرقية",
        RG,
        "armed_group",
        "Opposition (FSA; later SNA)",
        ref="جيش أسود الشرقية",
        notes="AMBIGUOUS bare أسود الشرقية (see ميليشيا أسود الشرقية; reported collision).",
        src=[REF],
    ),
    R(
        "الجبهة الشامية",
        RG,
        "armed_group",
        "Turkey / SNA",
        ref="الجبهة الشامية",
        en_al=["JaS: Levant Front"],
        notes="ACLED actor JaS: Levant Front. Never map الشامية (river bank) alone.",
        src=[REF, ACLED_NAMES],
    ),
    R(
        "فيلق الشام",
        RG,
        "armed_group",
        "Opposition (Turkey-backed)",
        ref="فيلق الشام",
        en_al=["Al Sham Corps", "Sham Legion"],
        src=[REF, ACLED_NAMES],
    ),
    R(
        "الجبهة الوطنية للتحرير",
        RG,
        "armed_group",
        "Opposition (Turkey-backed)",
        ref="الجبهة الوطنية للتحرير",
        vf="2018-05-28",
        src=[REF],
    ),
    R(
        "جيش الإسلام",
        RG,
        "armed_group",
        "Opposition (Eastern Ghouta; SNA from 2018)",
        en="Jaysh al-Islam",
        en_al=["Jaysh al Islam"],
        notes="MoD from 29 Jan 2025.",
        src=[WIKI],
    ),
    R(
        "حركة أحرار الشام الإسلامية",
        RG,
        "armed_group",
        "Opposition (Islamist)",
        ar=["أحرار الشام", "حركة أحرار الشام"],
        en="Ahrar al-Sham",
        src=[WIKI],
    ),
    R(
        "حركة نور الدين الزنكي",
        RG,
        "armed_group",
        "Opposition (Aleppo)",
        vt="2019-01-10",
        ar=["حركة الزنكي"],
        en="Nour al-Din al-Zenki Movement",
        src=[WIKI],
    ),
    R(
        "فيلق الرحمن",
        RG,
        "armed_group",
        "Opposition (Eastern Ghouta)",
        vt="2018-04-01",
        en="Faylaq al-Rahman",
        src=[WIKI],
    ),
    R(
        "جيش العزة",
        RG,
        "armed_group",
        "Opposition (northern Hama)",
        en="Jaysh al-Izza",
        en_al=["Jaysh al Izza"],
        src=[WIKI, ACLED_NAMES],
    ),
    R(
        "لواء التوحيد",
        RG,
        "armed_group",
        "Opposition (Aleppo, 2012-2014)",
        vf="2012-07-01",
        vt="2014-12-31",
        en="Liwa al-Tawhid",
        src=[WIKI],
    ),
    R(
        "الجبهة الإسلامية",
        RG,
        "armed_group",
        "Opposition (Islamist coalition, 2013-2015)",
        vf="2013-11-22",
        vt="2015-12-31",
        en="Islamic Front",
        src=[WIKI],
    ),
    R(
        "جيش الفتح",
        RG,
        "armed_group",
        "Opposition (Idlib operations room, 2015-2017)",
        vf="2015-03-24",
        vt="2017-01-28",
        en="Army of Conquest",
        src=[WIKI],
    ),
    R(
        "غرفة عمليات الفتح المبين",
        RG,
        "armed_group",
        "HTS-led opposition operations room (Idlib)",
        vf="2019-06-01",
        vt="2024-11-27",
        ar=["الفتح المبين"],
        en="al-Fath al-Mubin operations room",
        src=[WIKI],
    ),
    R(
        "الحزب الإسلامي التركستاني",
        RG,
        "armed_group",
        "Jihadist (Uyghur, Idlib)",
        ar=["الحزب التركستاني"],
        en="Turkistan Islamic Party",
        en_al=["TIP: Turkistan Islamic Party"],
        src=[WIKI, ACLED_NAMES],
    ),
    R(
        "جند الأقصى",
        RG,
        "insurgent",
        "Jihadist (2014-2017)",
        vt="2017-02-01",
        en="Jund al-Aqsa",
        src=[WIKI],
    ),
    R(
        "أنصار التوحيد",
        RG,
        "insurgent",
        "Jihadist (Idlib)",
        vf="2018-03-01",
        en="Ansar al-Tawhid",
        en_al=["Ansar al Tawhid"],
        src=[WIKI, ACLED_NAMES],
    ),
    R(
        "غرفة عمليات وحرض المؤمنين",
        RG,
        "insurgent",
        "al-Qaeda aligned (Hurras al-Din-led)",
        vf="2018-10-15",
        vt="2020-07-01",
        ar=["وحرض المؤمنين"],
        en="Wa Harid al-Mu'minin operations room",
        en_al=["Wa Harredh al Moa'mineen"],
        src=[WIKI, ACLED_NAMES],
    ),
    R(
        "الشرطة الحرة",
        RG,
        "state_force",
        "Opposition civil administration",
        vf="2013-01-01",
        vt="2019-01-31",
        ar=["الشرطة السورية الحرة", "جهاز الشرطة الحرة"],
        en="Free Syrian Police",
        notes="Donor-funded police in opposition-held areas until HTS took over Idlib (early 2019); doubtful type.",
        src=[WIKI],
    ),
    R(
        "الشرطة العسكرية التابعة للجيش الوطني",
        RG,
        "state_force",
        "Turkey / SNA",
        vf="2017-12-30",
        vt="2025-01-29",
        ar=[
            "الشرطة العسكرية في عفرين",
            "الشرطة العسكرية التابعة للحكومة المؤقتة",
            "الشرطة المدنية في عفرين",
            "الشرطة المدنية التابعة للحكومة المؤقتة",
            "الشرطة الوطنية السورية",
        ],
        en="SNA Military and civil police (northern Aleppo)",
        notes=(
            "Only qualified forms: bare الشرطة العسكرية / الشرطة in the same period = Assad forces. "
            "Coded with the SNA bloc (inter 2); doubtful."
        ),
        src=[WIKI],
    ),
    R(
        "الحكومة السورية المؤقتة",
        RG,
        "political",
        "Opposition (Turkey-backed, northern Aleppo)",
        ref="الحكومة السورية المؤقتة",
        vt="2025-01-29",
        notes="Civil authority of the SNA bloc (coded with the bloc; doubtful).",
        src=[REF],
    ),
    # ============ HTS / jihadists ============
    R(
        "جبهة النصرة",
        RG,
        "insurgent",
        "al-Qaeda affiliate",
        ref="جبهة النصرة",
        vf="2012-01-23",
        vt="2017-01-28",
        notes="From 2017-01-28 loyalist/Russian media still say جبهة النصرة for HTS: same aliases on the HTS row.",
        src=[REF],
    ),
    R(
        "هيئة تحرير الشام",
        RG,
        "insurgent",
        "Opposition (Idlib)",
        ref="هيئة تحرير الشام",
        vf="2017-01-28",
        vt=FALL,
        ar=["جبهة النصرة", "النصرة", "هيئة تحرير الشام الإرهابية"],
        en_al=["HTS: Hayat Tahrir al Sham"],
        notes="ACLED actor HTS: Hayat Tahrir al Sham (Rebel group). Bare الهيئة is ambiguous (any 'authority/commission').",
        src=[REF, ACLED_NAMES],
    ),
    R(
        "هيئة تحرير الشام (بعد سقوط الأسد)",
        SF,
        "state_force",
        NEWGOV,
        ref="هيئة تحرير الشام",
        vf=FALL,
        vt="2025-01-29",
        en="HTS as core of the de facto authorities",
        notes=(
            "Codebook: a rebel group that takes over the government becomes State forces (Taliban example). "
            "HTS announced its dissolution into the new army on 29 Jan 2025."
        ),
        src=[REF, ACLED_CB],
    ),
    R(
        "جهاز الأمن العام (هيئة تحرير الشام)",
        RG,
        "security_branch",
        "HTS (Idlib)",
        vt=FALL,
        ar=["الأمن العام", "جهاز الأمن العام"],
        en="HTS General Security Service (Idlib)",
        notes="Same organisation became the state's General Security on 2024-12-08 (row الأمن العام).",
        src=[REF, WIKI],
    ),
    R(
        "حكومة الإنقاذ",
        RG,
        "political",
        "HTS (Idlib)",
        ref="حكومة الإنقاذ",
        vt=FALL,
        notes="Civil administration of HTS (coded with HTS; doubtful).",
        src=[REF],
    ),
    R(
        "تنظيم حراس الدين",
        RG,
        "insurgent",
        "al-Qaeda affiliate",
        ref="تنظيم حراس الدين",
        vf="2018-02-27",
        vt="2025-01-28",
        src=[REF],
    ),
    R(
        "تنظيم القاعدة",
        RG,
        "insurgent",
        "al-Qaeda",
        ar=["تنظيم القاعدة في بلاد الشام"],
        en="al-Qaeda",
        notes="Bare القاعدة is NOT listed: it usually means 'base' (القاعدة الأمريكية, قاعدة حميميم).",
        src=[WIKI],
    ),
    R(
        "تنظيم الدولة",
        RG,
        "insurgent",
        "ISIS",
        ref="تنظيم الدولة",
        ar=[
            "الدواعش",
            "داعش الإرهابي",
            "مرتزقة داعش",
            "خلايا مرتزقة داعش",
            "ولاية حوران",
            "ولاية البركة",
            "ولاية الرقة",
            "ولاية حمص",
            "ولاية حلب",
            "ولاية دمشق",
            "ولاية حماة",
            "عناصر تنظيم داعش",
        ],
        en_al=["Islamic State (Syria)"],
        notes=(
            "ACLED actor Islamic State (Syria), Rebel group. Bare التنظيم is ambiguous (any 'organisation'). "
            "ولاية الخير = Deir ez-Zor; ولاية الفرات = Abu Kamal/al-Qaim."
        ),
        src=[REF, CORPUS, ACLED_NAMES],
    ),
    R(
        "جيش خالد بن الوليد",
        RG,
        "insurgent",
        "ISIS affiliate (Yarmouk Basin, Daraa)",
        vf="2016-05-01",
        vt="2018-08-01",
        ar=["جيش خالد"],
        en="Khalid ibn al-Walid Army",
        notes="Merger of Liwa Shuhada al-Yarmouk and Harakat al-Muthanna; may be coded with Islamic State (Syria).",
        src=[WIKI],
    ),
    # ============ post-Assad state ============
    R(
        "غرفة عمليات ردع العدوان",
        RG,
        "armed_group",
        "HTS-led opposition offensive",
        vf="2024-11-27",
        vt=FALL,
        ref="إدارة العمليات العسكرية",
        drop=["قوات إدارة العمليات العسكرية"],
        ar=["فصائل ردع العدوان", "قوات ردع العدوان"],
        en="Operation Deterrence of Aggression (offensive phase)",
        notes="Rebel offensive 27 Nov - 8 Dec 2024; same aliases afterwards = row إدارة العمليات العسكرية.",
        src=[REF],
    ),
    R(
        "إدارة العمليات العسكرية",
        SF,
        "state_force",
        NEWGOV,
        ref="إدارة العمليات العسكرية",
        vf=FALL,
        vt="2025-03-29",
        drop=["غرفة عمليات ردع العدوان"],
        notes="De facto forces of the new authorities until the MoD army; valid_to approximate (first transitional cabinet).",
        src=[REF],
    ),
    R(
        "وزارة الدفاع السورية",
        SF,
        "state_force",
        NEWGOV,
        ref="وزارة الدفاع السورية",
        vf=FALL,
        ar=[
            "الجيش السوري",
            "الجيش العربي السوري",
            "القوات الحكومية",
            "القوات الحكومية السورية",
            "قوات الحكومة السورية",
            "قوات الجيش السوري",
            "الدفاع",
            "هيئة العمليات في الجيش السوري",
            "وحدات الجيش السوري",
            "قوات الجيش العربي السوري",
            "القوات العسكرية السورية",
            "قوات حكومة دمشق",
            "فصائل حكومة دمشق",
            "مسلحي حكومة دمشق",
            "فصائل الجولاني",
            "عصابات الجولاني",
        ],
        en="Syrian MoD army (post-Assad)",
        en_al=["Military Forces of Syria (2024-)"],
        notes=(
            "ACLED actor Military Forces of Syria (2024-). Before 2024-12-08 الجيش السوري etc. = Assad army "
            "(row قوات النظام) and الدفاع = NDF. Kurdish outlets: قوات/فصائل حكومة دمشق; loyalist/Alawite "
            "outlets: فصائل/عصابات الجولاني."
        ),
        src=[REF, ACLED_NAMES, S["araby_2026"], S["thiqa"]],
        var=True,
    ),
    R(
        "الشرطة العسكرية (وزارة الدفاع)",
        SF,
        "state_force",
        NEWGOV,
        ref="الشرطة العسكرية",
        vf=FALL,
        en="Military Police (post-Assad MoD)",
        src=[REF, WIKI],
    ),
    R(
        "الأمن العام",
        SF,
        "security_branch",
        f"{NEWGOV} (Ministry of Interior)",
        ref="الأمن العام",
        vf=FALL,
        ar=["قوى الأمن العام", "إدارة الأمن العام", "جهاز الأمن العام"],
        drop=["عناصر الأمن العام"],
        notes=(
            "Main security force of the new authorities; folded into the MoI internal-security commands "
            "during 2025. Before 2024-12-08 bare الأمن العام = HTS's Idlib service; الأمن العام اللبناني is "
            "its own row."
        ),
        src=[REF, S["sy24_ga"], S["shaam_ga"], S["thiqa"], S["europa"]],
    ),
    R(
        "قوى الأمن الداخلي",
        SF,
        "state_force",
        f"{NEWGOV} (Ministry of Interior)",
        ref="قوى الأمن الداخلي",
        vf=FALL,
        ar=[
            "الأمن الداخلي السوري",
            "قوى الأمن الداخلي السورية",
            "وحدات الأمن الداخلي",
            "وزارة الداخلية السورية",
            "قوات الأمن الداخلي",
            "الشرطة",
            "الشرطة المدنية",
            "قسم الشرطة",
            "مخفر الشرطة",
            "قيادة الشرطة",
            "الأجهزة الأمنية",
            "القوات الأمنية",
            "القوات الأمنية السورية",
            "قوات الأمن السورية",
            "الأمن السوري",
            "إدارة مكافحة المخدرات",
            "فرع مكافحة المخدرات",
            "مكافحة المخدرات",
            "الأمن الجنائي",
            "فرع الأمن الجنائي",
            "إدارة الأمن الجنائي",
            "الشرطة الجنائية",
        ],
        en="Ministry of Interior forces (police, internal security)",
        en_al=["Police Forces of Syria (2024-)"],
        notes=(
            "MoI forces from 2024-12-08 incl. police, criminal security and anti-narcotics. Bare قوى الأمن "
            "الداخلي collides with the SDF Asayish (reported; resolve by place). ACLED police name not verified."
        ),
        src=[REF, S["sst_isf"], S["alsoury_isf"], S["shaam_ga"]],
        var=True,
    ),
    R(
        "جهاز الاستخبارات العامة",
        SF,
        "security_branch",
        NEWGOV,
        vf=FALL,
        ar=[
            "الاستخبارات العامة",
            "المخابرات العامة",
            "جهاز الاستخبارات العامة السوري",
            "الاستخبارات السورية",
        ],
        en="General Intelligence Service (post-Assad)",
        notes="Before 2024-12-08 المخابرات العامة = Assad's State Security (row أمن الدولة).",
        src=[REF, WIKI],
    ),
    R(
        "الحكومة السورية الانتقالية",
        SF,
        "political",
        NEWGOV,
        ref="الحكومة السورية الانتقالية",
        vf=FALL,
        ar=["السلطات السورية", "الحكومة السورية"],
        en_al=["Government of Syria (2024-)"],
        notes="ACLED actor Government of Syria (2024-) (governments are State forces).",
        src=[REF, ACLED_NAMES, ACLED_CB],
    ),
    # ============ post-Assad insurgents / local forces ============
    R(
        "فلول النظام",
        RG,
        "insurgent",
        "Ex-Assad loyalists (post-Dec 2024)",
        ref="فلول النظام",
        vf=FALL,
        ar=[
            "فلول النظام المخلوع",
            "فلول نظام الأسد",
            "مجموعات الفلول",
            "ميليشيات النظام البائد",
            "المجموعات المسلحة التابعة للنظام البائد",
        ],
        notes="Insurgency against the new government (coastal attacks of 6 March 2025): Rebel group.",
        src=[REF, S["qasioun_coast"], S["europa"]],
        var=True,
    ),
    R(
        "المجلس العسكري لتحرير سوريا",
        RG,
        "insurgent",
        "Ex-Assad officers (Ghiath Dalla)",
        vf="2025-03-06",
        en="Military Council for the Liberation of Syria",
        src=[S["moaab"]],
    ),
    R(
        "لواء درع الساحل",
        RG,
        "insurgent",
        "Ex-Assad loyalists (Miqdad Fteiha)",
        vf="2025-03-01",
        ar=["درع الساحل"],
        en="Coastal Shield Brigade",
        notes="Alawite coastal insurgents of March 2025; part reportedly joined أولي البأس (May 2025).",
        src=[S["elmanshar"], S["syria_es"]],
    ),
    R(
        "جبهة المقاومة الإسلامية في سوريا",
        PM,
        "militia",
        "Iran-aligned (anti-Israel; hostile to Damascus)",
        vf="2025-01-09",
        ar=["أولي البأس", "جبهة المقاومة الإسلامية في سوريا أولي البأس", "جبهة تحرير الجنوب"],
        en="Islamic Resistance Front in Syria (Uli al-Ba's)",
        notes="Claimed clashes with Israeli forces in Daraa/Quneitra (2025); ACLED type not verified.",
        src=[S["yalla_uli"], S["syria_es"]],
    ),
    R(
        "سرايا أنصار السنة",
        PM,
        "insurgent",
        "Jihadist, anti-Alawite/anti-minority (post-Dec 2024)",
        vf="2025-02-01",
        en="Saraya Ansar al-Sunna",
        notes="Claimed the Mar Elias church bombing (22 Jun 2025) and sectarian killings; type doubtful (3 vs 2).",
        src=[S["sky_sas"], S["hafryat"]],
    ),
    # ============ Druze / Suwayda ============
    R(
        "حركة رجال الكرامة",
        IM,
        "armed_group",
        "Local Druze (As-Sweida)",
        ref="حركة رجال الكرامة",
        ar=["حركة مشايخ الكرامة", "مشايخ الكرامة"],
        notes="Druze community force: Identity militia (ACLED's own coding not verified).",
        src=[REF, S["almarkazia"], S["brieflex"]],
    ),
    R(
        "الفصائل الدرزية",
        IM,
        "armed_group",
        "Local Druze (As-Sweida, Jaramana, Sahnaya)",
        ar=[
            "فصائل السويداء",
            "الفصائل المحلية في السويداء",
            "مسلحون دروز",
            "مسلحين دروز",
            "الفصائل الدرزية المسلحة",
            "فصائل درزية مسلحة",
            "مجموعات درزية مسلحة",
            "الفصائل المسلحة في السويداء",
        ],
        en="Druze armed factions (generic)",
        en_al=["Druze Militia (Syria)"],
        notes="Generic label; named factions have their own rows.",
        src=[S["alelm"], S["jazeera_ng"]],
        var=True,
    ),
    R(
        "الحرس الوطني (السويداء)",
        IM,
        "armed_group",
        "Local Druze (Hikmat al-Hijri)",
        vf="2025-08-23",
        ar=["الحرس الوطني", "قوات الحرس الوطني", "الحرس الوطني في السويداء"],
        en="National Guard (As-Sweida)",
        notes="About 30 Suwayda factions merged on 23 Aug 2025. Bare الحرس is not listed.",
        src=[S["almarkazia"], S["brieflex"], S["jazeera_ng"]],
    ),
    R(
        "المجلس العسكري في السويداء",
        IM,
        "armed_group",
        "Local Druze (Tareq al-Shoufi)",
        vf="2025-02-23",
        ar=["المجلس العسكري للسويداء", "المجلس العسكري"],
        en="Suwayda Military Council",
        notes="Bare المجلس العسكري collides with the Deir ez-Zor Military Council (reported; resolve by place).",
        src=[S["enab_smc"], S["majalla_smc"]],
    ),
    R(
        "أحرار جبل العرب",
        IM,
        "armed_group",
        "Local Druze (pro-Damascus)",
        en="Ahrar Jabal al-Arab",
        src=[S["brieflex"]],
    ),
    # ============ tribes ============
    R(
        "قوات العشائر",
        IM,
        "armed_group",
        "Arab tribal fighters (varied; anti-SDF in 2023-24)",
        ref="قوات العشائر",
        ar=[
            "جيش العشائر",
            "ثوار العشائر",
            "مقاتلو القبائل",
            "قوات القبائل والعشائر",
            "مقاتلين عشائريين",
        ],
        notes=(
            "Identity militia (tribal). 2023 uprising led by Ibrahim al-Hafl; tribal fighters also joined the "
            "government advance of Jan 2026."
        ),
        src=[REF, S["qsj_tribes"], S["meo_tribes"], S["mohrar"]],
        var=True,
    ),
    R(
        "العشائر البدوية",
        IM,
        "tribe",
        "Bedouin tribes (As-Sweida, 2025 clashes)",
        ar=[
            "عشائر البدو",
            "البدو",
            "أبناء العشائر البدوية",
            "مسلحو العشائر البدوية",
            "مقاتلي العشائر البدوية",
        ],
        en="Bedouin tribal fighters",
        notes="July 2025 Druze-Bedouin fighting in Suwayda.",
        src=[S["alelm"], S["brieflex"]],
        var=True,
    ),
    R(
        "قبيلة العكيدات",
        IM,
        "tribe",
        "Tribal (members on all sides)",
        ref="قبيلة العكيدات",
        src=[REF],
    ),
    R(
        "قبيلة البكارة",
        IM,
        "tribe",
        "Tribal (members on all sides)",
        ref="قبيلة البكارة",
        src=[REF],
    ),
    R(
        "عشيرة الشعيطات",
        IM,
        "tribe",
        "Tribal (Agaidat clan)",
        ref="عشيرة الشعيطات",
        notes="Also an area name. Families inside it (العيفان, الهويش: dev-021) are left to rules.",
        src=[REF, CORPUS],
    ),
    R(
        "عشيرة البوسرايا",
        IM,
        "tribe",
        "Tribal (Agaidat clan)",
        ar=["البوسرايا", "عشائر البوسرايا"],
        en="Busaraya clan",
        src=[S["thawabit"]],
    ),
    R("قبيلة شمر", IM, "tribe", "Tribal (Hasakah)", ref="قبيلة شمر", src=[REF]),
    R(
        "قبيلة الجبور",
        IM,
        "tribe",
        "Tribal (Hasakah)",
        ar=["الجبور", "عشيرة الجبور"],
        en="Jubur tribe",
        src=[WIKI],
    ),
    R(
        "قبيلة طي",
        IM,
        "tribe",
        "Tribal (Qamishli; pro-Assad NDF wing)",
        ar=["عشيرة طي", "طيء", "قبيلة طيء"],
        en="Tayy tribe",
        src=[WIKI],
    ),
    R(
        "قبيلة العفادلة",
        IM,
        "tribe",
        "Tribal (Raqqa)",
        ar=["العفادلة", "عشيرة العفادلة"],
        en="Afadila tribe",
        src=[WIKI],
    ),
    R(
        "قبيلة الدليم",
        IM,
        "tribe",
        "Tribal (Deir ez-Zor)",
        ar=["عشيرة الدليم"],
        en="Dulaym tribe",
        src=[S["mohrar"]],
    ),
    # ============ generic parties (need context) ============
    R(
        "مسلحون مجهولون",
        PM,
        "generic",
        "Unknown",
        ref="مسلحون مجهولون",
        drop=["طائرة مسيرة مجهولة", "طائرة مسيّرة مجهولة", "مسيرة مجهولة", "مسيّرة مجهولة"],
        ar=[
            "ملثمون",
            "ملثمين",
            "مجهولي الهوية",
            "مسلحون مجهولو الهوية",
            "مسلحين مجهولي الهوية",
            "أشخاص مجهولون",
            "أشخاص مجهولين",
            "المهاجمون",
            "المهاجمين",
            "مسلحون",
            "مسلحين",
            "مسلحون ملثمون",
            "مسلحين ملثمين",
            "مجموعات مسلحة",
            "مجموعة مسلحة",
        ],
        en="Unidentified armed group",
        en_al=["Unidentified Armed Group (Syria)"],
        notes=(
            "Codebook: unidentified armed groups are recorded as Unidentified Armed Group (Country), inter 3. "
            "Includes non-state attack drones (مسيرة هجومية, dev-016). Keep unidentified unless the text attributes "
            "the act (dev corpus lists 'believed ISIS' alternatives). Generic: needs context."
        ),
        src=[REF, CORPUS, ACLED_CB, ACLED_NAMES],
        var=True,
    ),
    R(
        "طيران مجهول الهوية",
        EX,
        "generic",
        "Unknown (likely foreign military)",
        ar=[
            "طائرة مسيرة مجهولة",
            "مسيرة مجهولة",
            "طائرة مسيرة مجهولة الهوية",
            "مسيرة مجهولة الهوية",
            "مسيرات مجهولة",
            "طيران مجهول",
            "طائرات مجهولة",
            "طائرات مجهولة الهوية",
            "طائرات حربية مجهولة",
            "طيران حربي مجهول",
        ],
        en="Unidentified military aircraft/drones",
        en_al=["Unidentified Military Forces"],
        notes=(
            "Codebook footnote: Unidentified Military Forces get inter 1 or 8 depending on context; strikes on "
            "Iran-backed groups near al-Bukamal are usually attributed to Israel/the coalition, hence 8 by default. "
            "dev-016 annotation."
        ),
        src=[CORPUS, ACLED_CB, ACLED_NAMES],
        var=True,
    ),
    R(
        "المدنيون",
        CV,
        "generic",
        "Civilians",
        ar=[
            "مدنيين",
            "مدني",
            "مدنيان",
            "شاب مدني",
            "المواطنين",
            "مواطن",
            "مواطنون",
            "الأهالي",
            "أهالي",
            "السكان",
            "سكان",
            "طفل",
            "أطفال",
            "طفلة",
            "امرأة",
            "سيدة",
            "نساء",
            "مسن",
            "السائق",
            "السائق ومعاونه",
            "المختار",
        ],
        en="Civilians",
        en_al=["Civilians (Syria)"],
        notes=(
            "Codebook inter 7: unarmed victims, incl. armed actors caught unarmed (off-duty, detained). "
            "الأهالي is also a protester label (row المتظاهرون): reported collision, resolve by event type."
        ),
        src=[CORPUS, ACLED_CB, ACLED_NAMES],
        var=True,
    ),
    R(
        "أشخاص غير محددين",
        CV,
        "generic",
        "Unknown persons (role from context)",
        ar=[
            "شخص",
            "شخصين",
            "شخصان",
            "أشخاص",
            "3 أشخاص",
            "ثلاثة أشخاص",
            "عدة أشخاص",
            "شبان",
            "شاب",
            "شاباً",
            "شابين",
        ],
        en="Unspecified persons",
        notes=(
            "Role-neutral person nouns. Default Civilians (victims: dev-009/010/019); when they are the "
            "attackers (seed-005 'قام عدة أشخاص بمهاجمة') code Unidentified Armed Group (Syria), inter 3."
        ),
        src=[CORPUS, ACLED_CB],
        var=True,
    ),
    R(
        "الكوادر الطبية",
        CV,
        "generic",
        "Civilians (health workers)",
        ar=[
            "طبيب",
            "طبيباً",
            "أطباء",
            "ممرض",
            "ممرضة",
            "كادر طبي",
            "الكادر الطبي",
            "المسعفين",
            "مسعف",
        ],
        en="Health workers",
        en_al=["Health Workers (Syria)"],
        notes="ACLED: Civilians (Syria) with associated actor Health Workers (Syria).",
        src=[CORPUS, ACLED_NAMES],
        var=True,
    ),
    R(
        "الصحفيون والإعلاميون",
        CV,
        "generic",
        "Civilians (media workers)",
        ar=["صحفيين", "إعلاميين", "ناشط إعلامي", "ناشطين إعلاميين", "مصور صحفي", "مراسل صحفي"],
        en="Journalists and media activists",
        en_al=["Journalists (Syria)"],
        notes="Bare صحفي / إعلامي / مراسل were left out: adjectives or the outlet's own correspondent (مراسلنا).",
        src=[ACLED_NAMES],
        var=True,
    ),
    R(
        "المزارعون والرعاة",
        CV,
        "generic",
        "Civilians (farmers, shepherds)",
        ar=[
            "رعاة الأغنام",
            "رعاة",
            "رعاة أغنام",
            "راعي أغنام",
            "مزارعين",
            "فلاحين",
            "جامعي الكمأة",
            "باحثين عن الكمأة",
        ],
        en="Farmers and herders",
        en_al=["Farmers (Syria)"],
        notes=(
            "dev-017 shepherds; truffle hunters are frequent landmine/ISIS victims in the Badia. Bare مزارع "
            "(= farms), فلاح (a given name) and راعي (= sponsor) were left out."
        ),
        src=[CORPUS, ACLED_NAMES],
        var=True,
    ),
    R(
        "عمال الإغاثة والدفاع المدني",
        CV,
        "generic",
        "Civilians (rescue and aid workers)",
        ar=[
            "الدفاع المدني",
            "الدفاع المدني السوري",
            "الخوذ البيضاء",
            "الهلال الأحمر العربي السوري",
            "الهلال الأحمر",
            "عمال الإغاثة",
            "عاملين في المجال الإنساني",
        ],
        en="Civil defence and aid workers",
        en_al=["SARC: Syrian Arab Red Crescent", "Aid Workers (Syria)"],
        notes="Listed also so that الدفاع المدني is not read as الدفاع (NDF/MoD).",
        src=[ACLED_NAMES, WIKI],
    ),
    R(
        "النازحون",
        CV,
        "generic",
        "Civilians (displaced people)",
        ar=[
            "نازحين",
            "النازحين",
            "المهجرين",
            "مهجرين",
            "اللاجئين",
            "لاجئين",
            "قاطني المخيم",
            "سكان المخيم",
        ],
        en="IDPs and refugees",
        en_al=["Refugees/IDPs (Syria)"],
        src=[ACLED_NAMES],
        var=True,
    ),
    R(
        "المتظاهرون",
        PR,
        "generic",
        "Protesters",
        ar=[
            "متظاهرين",
            "المتظاهرين",
            "محتجون",
            "المحتجين",
            "محتجين",
            "المعتصمون",
            "المعتصمين",
            "الأهالي",
            "أهالي",
        ],
        en="Protesters",
        en_al=["Protesters (Syria)"],
        notes="الأهالي when they demonstrate (dev-011/012); reported collision with Civilians.",
        src=[CORPUS, ACLED_CB, ACLED_NAMES],
        var=True,
    ),
    R(
        "مثيرو الشغب",
        RI,
        "generic",
        "Rioters",
        ar=["مثيري الشغب", "المشاغبين", "محتجون غاضبون", "حشود غاضبة"],
        en="Rioters",
        en_al=["Rioters (Syria)"],
        notes="Codebook inter 5: violent or destructive demonstrators / mobs.",
        src=[ACLED_CB, ACLED_NAMES],
        var=True,
    ),
]


# Prefix forms kept even though the remainder is an alias: the remainder is
# ambiguous or a common word, or the prefix is part of the name in use.
KEEP_PREFIX_FORMS = {
    "ميليشيا الدفاع",
    "مليشيا الدفاع",
    "ميلشيا الدفاع",
    "ميليشيا أسد",
    "ميليشيات أسد",
    "ميليشيا حمشو",
    "مليشيا حمشو",
    "ميلشيا حمشو",
    "ميليشيا القاطرجي",
    "مليشيا القاطرجي",
    "ميليشيا الباقر",
    "ميليشيا أسود الشرقية",
    "مليشيا أسود الشرقية",
    "ميلشيا أسود الشرقية",
    "ميليشيا أسود العكيدات",
    "ميليشيات النظام",
    "مليشيات النظام",
    "مليشيات موالية لإيران",
    "ميليشيات الحرس الثوري",
    "مليشيات الحرس الثوري",
    "ميليشيات النظام البائد",
    "عناصر الفوج 47",
    "ميليشيا فاطميون الأفغانية",
    "مليشيات لواء الباقر",
    "ميليشيات قنديل",
    "ميليشيات الحشد الشيعي",
    "ميليشيات قسد",
    "مليشيات قسد",
    "ميليشيات الدفاع الوطني",
    # full forms of kept prefix forms, so that a longest-match matcher spans the whole name
    "ميليشيا الدفاع الوطني",
    "مليشيا الدفاع الوطني",
    "ميلشيا الدفاع الوطني",
}


def load_reference(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {r["canonical_ar"]: r for r in rows}


def split(cell):
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def load_annotations(corpus_dir):
    """{spelling: set(files)} for every actor spelling in dev and seed JSON."""
    out = defaultdict(set)
    files = sorted(
        glob.glob(os.path.join(corpus_dir, "dev", "*.json"))
        + glob.glob(os.path.join(corpus_dir, "seeds", "*.json"))
    )
    for f in files:
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        for inc in d.get("incidents", []):
            for party in inc.get("actors", []):
                for sp in party:
                    out[sp].add(os.path.basename(f)[:-5])
    return out


# Annotated spellings deliberately not covered by a row: persons and families
# (and one person designation).  They are handled by rules.
LEFT_TO_RULES = {
    "ضياء سيف العلي": "person (NDF group leader, dev-002)",
    "مجموعة ضياء سيف العلي": "person-named group (NDF sub-group, dev-002)",
    "نزار الخرفان": "person (NDF group leader, dev-005)",
    "مجموعة نزار الخرفان": "person-named group (NDF sub-group, dev-005)",
    "فراس العراقية": "person (NDF commander Firas al-Jaham, dev-005)",
    "علي العلوان": "person (NDF member, dev-025)",
    "كعبول اللاحج": "person (seed-002)",
    "عمار محمد الفشتكي": "person (civilian victim, dev-013)",
    "خالد سوادي النوير": "person (civilian victim, dev-017)",
    "مختار قرية سعلو شامية": "person designation: role + village (dev-018); المختار is covered",
    "عائلة العيفان": "family (dev-021)",
    "العيفان": "family (dev-021)",
    "عائلة الهويش": "family (dev-021)",
    "الهويش": "family (dev-021)",
}


def overlaps(a, b):
    lo_a, hi_a = a["valid_from"] or "0000", a["valid_to"] or "9999"
    lo_b, hi_b = b["valid_from"] or "0000", b["valid_to"] or "9999"
    return lo_a < hi_b and lo_b < hi_a


def build(ref_path, corpus_dir):
    ref = load_reference(ref_path)
    annotated = load_annotations(corpus_dir)
    annotated_norm = {norm(a) for a in annotated}
    used_refs = set()
    out, problems = [], []

    for spec in ROWS:
        r = ref.get(spec["ref"]) if spec["ref"] else None
        if spec["ref"] and r is None:
            problems.append(f"unknown reference row {spec['ref']!r}")
        if r:
            used_refs.add(spec["ref"])
        name = spec["name_ar"]
        cand = []
        if r:
            cand += [r["canonical_ar"]] + split(r["aliases_ar"])
        cand += spec["ar"]
        dropped = {key(x) for x in spec["drop"]}
        cand = [c for c in cand if key(c) not in dropped]
        if spec["var"]:
            cand += [v for a in list(cand) for v in article_variants(a)]
        if base_name(name) != name:
            cand.insert(0, base_name(name))
        drop = {norm(x) for x in spec["drop"]}
        own = {norm(base_name(name))} if base_name(name) == name else set()
        seen, aliases = set(own), []
        all_norm = {norm(x) for x in cand} | {norm(base_name(name))}
        for a in cand:
            n = norm(a)
            if not n or n in seen or n in drop:
                continue
            # redundant "ميليشيا X" / "عناصر X" when X is already an alias of this row
            redundant = False
            for p in PREFIXES:
                if a.startswith(p + " ") and norm(a[len(p) + 1 :]) in all_norm:
                    redundant = a not in KEEP_PREFIX_FORMS and n not in annotated_norm
            if redundant:
                continue
            seen.add(n)
            aliases.append(a)
        en = spec["en"] or (r["canonical_en"] if r else "")
        en_al = []
        for x in (split(r["aliases_en"]) if r else []) + spec["en_al"]:
            # very short English forms ("IS", "KH") would match ordinary words in mixed text
            if x not in en_al and x != en and len(x) > 2 and x not in {"HAT"}:
                en_al.append(x)
        notes = spec["notes"]
        if r and r["notes"] and r["notes"] not in notes:
            notes = (r["notes"] + " " + notes).strip() if notes else r["notes"]
        src = []
        if r:
            src.append(f"{REF} row '{r['canonical_ar']}' ({r['source']})")
        for x in spec["src"]:
            if x == REF:
                continue
            if x not in src:
                src.append(x)
        out.append(
            {
                "name_ar": name,
                "aliases_ar": "|".join(aliases),
                "name_en": en,
                "aliases_en": "|".join(en_al),
                "acled_type": spec["acled"],
                "inter": str(INTER.get(spec["acled"], "")),
                "kind": spec["kind"],
                "affiliation": spec["aff"],
                "valid_from": spec["vf"],
                "valid_to": spec["vt"],
                "notes": notes,
                "source": "; ".join(src),
            }
        )
    for k in ref:
        if k not in used_refs:
            problems.append(f"reference row not carried over: {k}")
    return out, problems, annotated


def validate(rows, annotated):
    report = {"errors": [], "collisions": [], "uncovered": [], "left_to_rules": []}
    names = [r["name_ar"] for r in rows]
    for n in set(names):
        if names.count(n) > 1:
            report["errors"].append(f"duplicate name_ar {n}")
    date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for r in rows:
        if r["acled_type"] not in INTER:
            report["errors"].append(f"{r['name_ar']}: bad acled_type {r['acled_type']}")
        if r["kind"] not in KINDS:
            report["errors"].append(f"{r['name_ar']}: bad kind {r['kind']}")
        for c in ("valid_from", "valid_to"):
            if r[c] and not date.match(r[c]):
                report["errors"].append(f"{r['name_ar']}: bad {c} {r[c]}")
        if r["valid_from"] and r["valid_to"] and r["valid_from"] >= r["valid_to"]:
            report["errors"].append(f"{r['name_ar']}: empty validity interval")
        if not r["source"]:
            report["errors"].append(f"{r['name_ar']}: no source")
    index = defaultdict(list)
    for r in rows:
        forms = [base_name(r["name_ar"])] + split(r["aliases_ar"]) + split(r["aliases_en"])
        for f in {key(x): x for x in forms}.items():
            index[f[0]].append((r, f[1]))
    for n, hits in sorted(index.items()):
        for i in range(len(hits)):
            for j in range(i + 1, len(hits)):
                a, b = hits[i][0], hits[j][0]
                if a is not b and overlaps(a, b):
                    report["collisions"].append((hits[i][1], a["name_ar"], b["name_ar"]))
    for sp in sorted(annotated):
        if sp in LEFT_TO_RULES:
            report["left_to_rules"].append((sp, LEFT_TO_RULES[sp], sorted(annotated[sp])))
        elif not any(k in index for k in text_keys(sp)):
            report["uncovered"].append((sp, sorted(annotated[sp])))
    return report


def write_csv(rows, path):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", default=DEFAULT_REF)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check-only", action="store_true")
    a = ap.parse_args(argv)
    rows, problems, annotated = build(a.reference, a.corpus)
    rep = validate(rows, annotated)
    for p in problems:
        print("PROBLEM:", p)
    for e in rep["errors"]:
        print("ERROR:", e)
    counts = defaultdict(int)
    for r in rows:
        counts[(r["inter"], r["acled_type"])] += 1
    print(f"rows: {len(rows)}; aliases_ar: {sum(len(split(r['aliases_ar'])) for r in rows)}")
    for (i, t), c in sorted(counts.items()):
        print(f"  {i} {t}: {c}")
    print(f"collisions (same normalised alias, overlapping validity): {len(rep['collisions'])}")
    for alias, x, y in rep["collisions"]:
        print(f"  {alias}: {x} <> {y}")
    print(
        f"annotated spellings: {len(annotated)}; left to rules: {len(rep['left_to_rules'])}; "
        f"uncovered: {len(rep['uncovered'])}"
    )
    for sp, files in rep["uncovered"]:
        print(f"  UNCOVERED {sp} {files}")
    if not a.check_only and not rep["errors"] and not problems:
        write_csv(rows, a.out)
        print("wrote", a.out)
    return 1 if (rep["errors"] or problems or rep["uncovered"]) else 0


if __name__ == "__main__":
    sys.exit(main())
