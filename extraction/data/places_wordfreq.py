#!/usr/bin/env python3
"""Derive WORDFREQ_COMMON in places_build.py: the one-word names of OCHA communities
that are also frequent Arabic words.

Offline helper, run once when the OCHA workbook changes; the gazetteer build itself
does not need it. It needs the PyPI package wordfreq 3.1.1 (in a throwaway venv:
`python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1`), then:

    /tmp/wf/bin/python extraction/data/places_wordfreq.py /tmp/places/syr_admin_180627.xlsx

prints the normalised words, wrapped, ready to paste into WORDFREQ_COMMON. A name
counts when its Zipf frequency in wordfreq's Arabic list is 2.5 or more, with or
without the article (the matcher drops the article of the first word).
"""

import os
import sys

from wordfreq import zipf_frequency

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import places_build as pb  # noqa: E402

THRESHOLD = 2.5


def main():
    comms = pb.load_ocha_admin4(sys.argv[1])
    admin_keys = set()
    for c in comms:
        for a in (c["a1_ar"], c["a2_ar"], c["a3_ar"]):
            admin_keys.add(pb.norm_noal(a.replace("مركز", "").strip()))
    words = set()
    for c in comms:
        primary, alts = pb.ocha_name_parts(c["ar"], admin_keys)
        for n in [primary] + alts:
            n = pb.strip_diacritics(n).strip()
            if not n or " " in n:
                continue
            forms = {n, pb.norm(n), n[2:] if n.startswith("ال") else "ال" + n}
            if max(zipf_frequency(x, "ar") for x in forms) >= THRESHOLD:
                words.add(pb.norm(n))
    line, lines = "", []
    for w in sorted(words):
        if len(line) + len(w) + 1 > 95:
            lines.append(line)
            line = ""
        line = (line + " " + w).strip()
    lines.append(line)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
