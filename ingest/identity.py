"""When two feed items are one report: the identity rule behind "already stored".

A GUID or a link says which item a feed means, not what it says: feeds reuse GUIDs for new reports and
edit old items in place. Two texts under one GUID or link are one report when most of their words are the
same (a corrected typo, a toll updated in the lead); otherwise the second is a new report.
"""

from __future__ import annotations

from extraction.normalize import word_keys

SAME_REPORT_OVERLAP = 0.5  # share of the two texts' distinct words they have in common (Jaccard)


def same_report(stored: str, new: str) -> bool:
    """Whether `new` is `stored` edited rather than another report published under its GUID or link."""
    old_words, new_words = set(word_keys(stored)), set(word_keys(new))
    if not old_words or not new_words:
        return old_words == new_words
    return len(old_words & new_words) / len(old_words | new_words) >= SAME_REPORT_OVERLAP
