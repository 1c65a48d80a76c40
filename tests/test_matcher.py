"""The gazetteer matcher: clitics, joined words, leftmost-longest."""

from extraction.matcher import NameMatcher
from extraction.tokens import tokenize


def names(matcher, text):
    tokens = tokenize(text)
    return [(m.values, "".join(t.text for t in tokens[m.start : m.end])) for m in matcher.find(tokens)]


def make_matcher():
    matcher = NameMatcher()
    matcher.add_all(["دير الزور", "ديرالزور"], "DEZ")
    matcher.add("العشارة", "ASH")
    matcher.add("الدفاع الوطني", "NDF")
    matcher.add("الدفاع", "DEF")
    matcher.add("بقرص", "BQ")
    return matcher


def test_attached_prefixes_are_matched():
    found = names(make_matcher(), "وصلوا وبالعشارة ثم فالعشارة وللعشارة كالعشارة العشاره")
    assert [v for v, _ in found] == [("ASH",)] * 5


def test_names_with_initial_b_keep_their_letter():
    found = names(make_matcher(), "في بقرص وببقرص")
    assert [v for v, _ in found] == [("BQ",), ("BQ",)]


def test_longest_name_wins():
    found = names(make_matcher(), "ميليشيا الدفاع الوطني والدفاع")
    assert [v for v, _ in found] == [("NDF",), ("DEF",)]


def test_words_written_together_match_the_spaced_name():
    matcher = NameMatcher()
    matcher.add("دير الزور", "DEZ")  # only the spaced form registered
    assert [v for v, _ in names(matcher, "مدينة ديرالزور ودير الزور")] == [("DEZ",), ("DEZ",)]


def test_lookup_normalises_and_strips_clitics():
    matcher = make_matcher()
    assert matcher.lookup("وبالعشاره") == ["ASH"]
    assert matcher.lookup("xyz") == []


def test_token_offsets_point_into_the_text():
    text = "اشتباكات في «العشارة» أمس"
    tokens = tokenize(text)
    match = make_matcher().find(tokens)[0]
    assert text[tokens[match.start].start : tokens[match.end - 1].end] == "العشارة"


def test_the_article_on_a_later_word_does_not_change_the_name():
    """News writes a name with and without ال on its later words: "قوات النظام السوري",
    "قوات نظام سوري", "تل الأبيض" / "تل أبيض"; one registered spelling finds them all."""
    matcher = NameMatcher()
    matcher.add("قوات النظام السوري", "SAA")
    matcher.add("تل أبيض", "TA")
    found = names(matcher, "هاجمت قوات نظام سوري وقوات النظام السوري مدينة تل الأبيض")
    assert [v for v, _ in found] == [("SAA",), ("SAA",), ("TA",)]


def test_a_name_that_runs_further_wins_over_one_it_overlaps():
    """ "قرية كفر شاغر": the village كفر شاغر, not a name written with its settlement word
    ("قرية الكفر") that ends inside it."""
    matcher = NameMatcher()
    matcher.add("قرية الكفر", "KAFR")
    matcher.add("كفر شاغر", "KS")
    assert [v for v, _ in names(matcher, "في قرية كفر شاغر")] == [("KS",)]
    assert [v for v, _ in names(matcher, "في قرية الكفر")] == [("KAFR",)]


def test_a_name_written_with_a_dash_is_found_with_it():
    """ "طريق دير الزور - الحسكة": the dash its key leaves out is skipped in the text too, so the road
    is found whole and not as its two towns; a dash outside any name still parts them."""
    matcher = make_matcher()
    matcher.add("طريق دير الزور - الحسكة", "ROAD")
    matcher.add("الحسكة", "HAS")
    assert [v for v, _ in names(matcher, "على طريق دير الزور - الحسكة أمس")] == [("ROAD",)]
    assert [v for v, _ in names(matcher, "بين العشارة - الحسكة")] == [("ASH",), ("HAS",)]
