"""Regularities of Arabic news found on outlets the rules were not written with (issue 15), one per
case: casualty phrasing, non-reports, attacks on armed actors, places, parties. Each sentence here is
written for the test in the way news writes, not copied from a corpus article."""

import pytest

from extraction.incidents import extract_incidents


def main(gazetteer, text, published=None):
    extraction = extract_incidents(text, gazetteer, published)
    assert extraction.incidents, f"no incident in: {text}"
    return extraction.incidents[0]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # deaths told as martyrdom or a life lost
        ("شنت طائرات غارات على بلدة ذيبان مما أسفر عن استشهاد ثلاثة مدنيين.", 3, None),
        ("ارتقى 18 شهيدا بغارات على مدينة دوما.", 18, None),
        ("فارق شاب الحياة بانفجار لغم في بلدة الشعفة.", 1, None),
        ("فقد شاب حياته بانفجار لغم في بلدة الشعفة.", 1, None),
        ("أودى انفجار لغم في بلدة الشعفة بحياة طفلين.", 2, None),
        ("لقي شاب حتفه بانفجار لغم في بلدة الشعفة.", 1, None),
        # one and one: "another" is one person
        ("قتل شخص وأصيب آخر بقصف على بلدة الشعفة.", 1, 1),
        # a count before the first of a killed/injured pair belongs to it
        ("قال ناشطون إن ثلاثة مدنيين قتلوا وأصيب آخرون جراء قصف مدفعي على بلدة الشعفة.", 3, None),
        # hundreds, units, tens
        ("أسفر القصف على بلدة الشعفة عن مقتل مئة وخمسة وعشرين شخصا.", 125, None),
        # a rising toll is the new total, not a second figure
        ("قتل 3 أشخاص بقصف على بلدة الشعفة، وارتفعت الحصيلة لاحقا إلى 9 قتلى.", 9, None),
        # "without it causing casualties" is none; unknown casualties stay unknown
        ("انفجرت عبوة ناسفة في بلدة الشعفة دون أن يسفر ذلك عن إصابات بشرية.", 0, 0),
        ("أسفر القصف على بلدة الشعفة عن سقوط قتلى وجرحى.", None, None),
    ],
)
def test_casualty_phrasing(gazetteer, text, killed, injured):
    incident = main(gazetteer, text)
    assert (incident.killed, incident.injured) == (killed, injured)
