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
        # a count after "بينهم" is a part of the one before it, which is the total
        (
            "قتل شخصان بقصف على بلدة الشعفة، وأضاف المرصد أن عشرة آخرين بينهم سبعة جنود أصيبوا جراء القصف.",
            2,
            10,
        ),
        # what caused the casualties, "armed" as its adjective, is not one armed man among them
        ("شن الطيران غارات على بلدة الشعفة بعد دخول قوات لفض نزاع مسلح أسفر عن قتلى وجرحى.", None, None),
        # a number after its noun ends that phrase: "استشهاد مدنيين اثنين وإصابة خمسة آخرين"
        ("قصفت قوات النظام بلدة الشعفة، ما أدى إلى استشهاد مدنيين اثنين وإصابة خمسة آخرين بجروح.", 2, 5),
        # "لم يتسبب بوقوع ضحايا", "دون وقوع خسائر في صفوف عناصرها": none
        ("انفجرت عبوة ناسفة في بلدة الشعفة، والانفجار لم يتسبب بوقوع ضحايا أو إصابات.", 0, 0),
        ("استهدف مسلحون دورية في بلدة الشعفة دون وقوع خسائر في صفوف عناصرها.", 0, 0),
        # a count written right before the casualty word is its figure, whatever follows it
        ("سقط 5 قتلى بينهم 3 أطفال بقصف على بلدة الشعفة.", 5, None),
        # a figure after a comma and a new clause is that clause's: one woman killed
        (
            "سقطت قذائف على بلدة الشعفة، وتشير المعلومات إلى أن امرأة قُتلت إثر القذائف، وتم نقل 5 إصابات إلى المستشفى.",
            1,
            5,
        ),
        # how the counted were hurt is not more of them
        ("أدى انفجار في بلدة الشعفة إلى مقتل 3 مدنيين وإصابة حوالي 8 آخرين بإصابات مختلفة.", 3, 8),
        # the conjunction written on the second figure: "35 شهيداً و43 جريحاً"
        ("ارتفعت حصيلة التفجير في بلدة الشعفة إلى 35 شهيداً و43 جريحاً.", 35, 43),
        # two blasts at one place are one event and one toll (ACLED aggregates by day, place, actors)
        ("ارتفعت حصيلة التفجيرين قرب بلدة الشعفة إلى 35 قتيلا.", 35, None),
        ("أسفر التفجير في بلدة الشعفة عن سقوط 15 قتيلا وعدد كبير من الجرحى.", 15, None),
        ("قال مدير المشفى إن 43 أصيبوا بقصف على بلدة الشعفة، وهناك عدد منهم في حالة حرجة.", None, 43),
    ],
)
def test_casualty_phrasing(gazetteer, text, killed, injured):
    incident = main(gazetteer, text)
    assert (incident.killed, incident.injured) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        # a tally of a month gone by, and an event it lists
        "وثق المرصد خلال الشهر الماضي مقتل 40 شخصاً في محافظة درعا.\nوقتل ثلاثة منهم بانفجار ألغام.",
        # an anniversary recounts the massacre
        "يصادف اليوم الذكرى العاشرة لمجزرة البيضا.\nوقتلت قوات النظام عشرات المدنيين في بلدة البيضا.",
        # a plan: what is to happen
        "من المقرر أن تبدأ عملية تبادل للأسرى بين الفصائل وقوات النظام الأسبوع المقبل.",
        # an investigation of events already told
        "شكلت وزارة العدل لجنة للتحقيق في الاعتداءات التي شهدتها مدينة جبلة.",
        # evidence published about an event years before
        "نشرت صحيفة مقطع فيديو يظهر إعدام مدنيين في حي التضامن بدمشق عام 2013.",
        # a meeting, not an agreement
        "عقد أمس في حماة اجتماع لإعلان افتتاح مركز تسوية يوم الأحد القادم.",
    ],
)
def test_a_lead_that_is_not_a_report_makes_no_incident(gazetteer, text):
    """News states its news in the lead: a tally, an anniversary, a plan, an investigation, published
    evidence or a meeting there makes the events told after it background (issue 15: non-incidents)."""
    assert not extract_incidents(text, gazetteer, "2024-05-02").is_incident


def test_an_event_dated_to_the_days_of_publication_is_news_whatever_the_lead(gazetteer):
    text = (
        "وثق المرصد خلال الشهر الماضي مقتل 40 شخصاً في محافظة درعا.\n"
        "وقتل أمس شاب برصاص مجهولين في بلدة الجيزة."
    )
    extraction = extract_incidents(text, gazetteer, "2024-05-02")
    assert extraction.is_incident and extraction.main.town.name == "الجيزة"
    assert extraction.main.date == "2024-05-01"


def test_an_agreement_of_decades_ago_is_not_the_news(gazetteer):
    text = "قال نائب المحافظ إن القوات الإسرائيلية خرقت اتفاق فصل القوات الموقع عام 1974 في القنيطرة."
    assert not extract_incidents(text, gazetteer, "2025-01-10").is_incident
    # without a publication date the latest year the article names stands for it
    undated = text + "\nوأضاف أن ذلك جرى منذ كانون الأول 2024."
    assert not extract_incidents(undated, gazetteer).is_incident


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a definite toll makes a sentence a report, whatever else it says
        (
            "بعد فشل المفاوضات قصف الطيران الحربي مدينة دوما ما أدى إلى مقتل 18 مدنياً.",
            "Explosions/Remote violence",
        ),
        # an agreement reached states what is to follow
        (
            "تم الاتفاق بين الفصائل وقوات النظام على وقف إطلاق النار يوم السبت القادم.",
            "Strategic developments",
        ),
        # "حذر" is also an adjective: "هدوء حذر" is no statement
        ("ساد هدوء حذر اليوم في مدينة السويداء عقب اشتباكات بين مسلحين وقوات الأمن.", "Battles"),
        # "just now" is the day's news when the publication date is unknown
        (
            "تداولت وسائل إعلام لقطات توثق قصفاً على بلدة ذيبان.\nوقبل قليل قصفت المدفعية البلدة.",
            "Explosions/Remote violence",
        ),
    ],
)
def test_reports_that_look_like_non_reports_are_kept(gazetteer, text, event_type):
    assert main(gazetteer, text).event_type == event_type


def test_a_detail_placed_by_the_province_belongs_to_the_town_told(gazetteer):
    """A later sentence that names only the province holding the incident's town ("مدير صحة حماة")
    details that incident; it is not another place."""
    text = (
        "قتل 14 شخصا في ضربات إسرائيلية استهدفت محيط مدينة مصياف.\n"
        "ونقلت الوكالة عن مدير صحة حماة قوله إن 43 أصيبوا."
    )
    incident = main(gazetteer, text)
    assert (incident.town.name, incident.killed, incident.injured) == ("مصياف", 14, 43)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # strikes in the plural, or an "air aggression", are from the air
        ("قتل 14 شخصا في ضربات إسرائيلية استهدفت محيط مدينة مصياف.", "Air/drone strike"),
        ("شن العدو الإسرائيلي عدوانا جويا على مواقع قرب مدينة مصياف.", "Air/drone strike"),
        # chemical weapons named as what a site produces are not a chemical attack
        (
            "قصفت المدفعية الإسرائيلية مركزا لإنتاج أسلحة كيماوية قرب مدينة مصياف.",
            "Shelling/artillery/missile attack",
        ),
        ("قتل عشرات المدنيين في هجوم كيماوي على مدينة دوما.", "Chemical weapon"),
        # an attack qualified as aerial, the attacker's adjective between, is an air strike, whoever died
        (
            "أسفر الاستهداف الإسرائيلي الجوي لسيارة قرب بلدة خان أرنبة عن مقتل قيادي في حزب الله.",
            "Air/drone strike",
        ),
        ("قتل ثلاثة مدنيين في القصف الروسي الجوي على بلدة كفرنبل.", "Air/drone strike"),
    ],
)
def test_remote_violence_by_what_the_words_say(gazetteer, text, sub_event_type):
    assert main(gazetteer, text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a raid in which a member of the raiding force is killed is a clash
        (
            "قتل عنصر من الأمن العام وأصيب آخر إثر مداهمة نفذتها قوات الأمن العام لمنزل مطلوب في بلدة قرفا.",
            ("Battles", "Armed clash"),
        ),
        # fire exchanged in the sentence right after the raid's
        (
            "داهمت قوات الأمن العام منزل مطلوب في بلدة قرفا.\nوتبادل الطرفان إطلاق النار خلال العملية.",
            ("Battles", "Armed clash"),
        ),
        # a civilian shot dead during a raid is an attack on a civilian
        (
            "قتل مدني برصاص دورية أثناء مداهمة منزله في بلدة قرفا.",
            ("Violence against civilians", "Attack"),
        ),
        # the killing is the charge, not what the raid did
        (
            "اعتقلت قوات الأمن العام في بلدة قرفا المتهم بقتل ثلاثة أشخاص.",
            ("Strategic developments", "Arrests"),
        ),
        # a quiet raid stays an arrest
        (
            "داهمت قوات الأمن العام منزلا في بلدة قرفا واعتقلت شابين.",
            ("Strategic developments", "Arrests"),
        ),
    ],
)
def test_an_arrest_raid_that_comes_to_violence_is_the_violence(gazetteer, text, codes):
    """ACLED: arrests are coded as Arrests only while they stay non-violent."""
    incident = main(gazetteer, text)
    assert (incident.event_type, incident.sub_event_type) == codes


def test_a_group_that_dissolves_itself_changes_its_activity(gazetteer):
    text = "أعلن اللواء الثامن في محافظة درعا حل نفسه وتسليم أسلحته إلى وزارة الدفاع."
    assert main(gazetteer, text).sub_event_type == "Change to group/activity"


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # a detail that places the event in a village and names the city as where the village is
        (
            "أصيب شخص جراء انفجار في مدينة السويداء اليوم.\n"
            "وقالت مصادر محلية إن سيارة انفجرت في بلدة رساس بمدخل مدينة السويداء الجنوبي.",
            "رساس",
        ),
        # "سلمية" after the protest it qualifies is an adjective, not Salamiyah
        ("خرج العشرات في مظاهرة سلمية في السلمية.", "السلمية"),
        # an adjective after "قرى" is not a village's name
        ("داهمت دوريات أمنية قرى متفرقة ثم اعتقلت شابين في بلدة الجيزة.", "الجيزة"),
        # a road named by the two towns it joins, without the dash: the second is the road's far end
        ("قتل شاب بانفجار عبوة ناسفة عند المدخل الشرقي لبلدة خان أرنبة على طريق دمشق القنيطرة.", "خان أرنبة"),
    ],
)
def test_the_town_named(gazetteer, text, town):
    assert main(gazetteer, text).town.name == town


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # the object of a bombardment is where it landed, though no "في" says so
        ("قصفت قوات النظام الرستن بقذائف المدفعية، وتقع المدينة قرب حمص.", "الرستن"),
        # a capture's object, after "على", is the place taken
        ("أعلنت قوات سوريا الديمقراطية السيطرة على مدينة منبج بعد معارك قرب حلب.", "منبج"),
        # a place someone is taken from is where the abduction happened
        ("اختطف مسلحون طفلا من بلدة كورين بريف إدلب ونقلوه إلى مدينة إدلب.", "كورين"),
        ("اعتقلت قوات الأمن شابين من قرية الجيزة ونقلتهما إلى مدينة درعا.", "الجيزة"),
    ],
)
def test_the_place_an_event_acts_on_is_where_it_happened(gazetteer, text, town):
    assert main(gazetteer, text).town.name == town


def test_a_place_others_come_from_stays_their_origin_when_nothing_is_taken(gazetteer):
    """Only a taking happens where people are taken from: a shelling's victims "من بلدة" X are from X."""
    text = "قتل شابان من بلدة الجيزة بقصف على مدينة درعا."
    assert main(gazetteer, text).town.name == "درعا"


def test_a_distance_from_a_place_makes_it_a_reference_point(gazetteer):
    """ "على بعد 5 كم من مدينة X": the event is near X, not in it, so a village named in it wins."""
    from extraction.place_context import REFERENCE
    from extraction.places import find_place_mentions
    from extraction.tokens import tokenize

    tokens = tokenize("انفجر لغم على بعد 5 كم من مدينة الميادين")
    (mention,) = find_place_mentions(tokens, gazetteer)
    assert mention.context == REFERENCE
    text = "انفجر لغم في قرية ذيبان على بعد 5 كم من مدينة الميادين."
    assert main(gazetteer, text).town.name == "ذيبان"


def test_a_lead_placed_in_the_governorate_alone_is_detailed_by_the_next_report(gazetteer):
    """ "شهدت محافظة السويداء اشتباكات", then the shelling of named villages: one incident, placed and
    typed by the detail (ACLED codes where and how it happened)."""
    text = (
        "شهدت محافظة السويداء ليلة الجمعة اشتباكات بين فصائل مسلحة وقوات الأمن.\n"
        "وقال مصدر أمني إن مجموعات مسلحة استهدفت بلدة ولغا بريف السويداء بقذائف الهاون."
    )
    incident = main(gazetteer, text)
    assert (incident.town.name, incident.sub_event_type) == ("ولغا", "Shelling/artillery/missile attack")


def test_a_city_told_first_stays_when_a_later_sentence_names_a_village_elsewhere(gazetteer):
    """Only a village located in the city told (its entrance, its countryside) refines the place."""
    text = (
        "أصيب شخص جراء انفجار في مدينة السويداء اليوم.\n"
        "وكانت عبوة ناسفة انفجرت في بلدة رساس الأسبوع الماضي دون إصابات."
    )
    assert main(gazetteer, text).town.name == "السويداء"


def test_the_next_name_in_a_list_of_villages_can_be_a_compound_on_tal(gazetteer):
    from extraction.places import find_place_mentions
    from extraction.tokens import tokenize

    tokens = tokenize("استهدفت القذائف بلدات ولغا وتل الأقرع بريف السويداء")
    names = [m.place.name for m in find_place_mentions(tokens, gazetteer)]
    assert "تل الأقرع" in names and "وتل" not in names and "التل" not in names


def test_an_adjective_that_is_also_a_city_name_places_nothing(gazetteer):
    """ "مظاهرة سلمية" is a peaceful protest, not one in Salamiyah; "في السلمية" is the city."""
    assert main(gazetteer, "خرج العشرات اليوم في مظاهرة سلمية أمام مبنى المحافظة.").town is None
    assert main(gazetteer, "خرج العشرات في مظاهرة سلمية في السلمية.").town.name == "السلمية"


def test_fire_on_protesters_without_the_article_is_excessive_force(gazetteer):
    """A later word of a trigger matches with or without its article ("على متظاهرين"), and the
    injury told after it belongs to it."""
    text = (
        "أقر الجيش الإسرائيلي بإطلاق النار على متظاهرين في قرية معرية بريف درعا الغربي.\n"
        "وقال الجيش إن إطلاق النار استهدف تهديدا، ما أسفر عن إصابة أحد المتظاهرين."
    )
    incident = main(gazetteer, text)
    assert (incident.sub_event_type, incident.injured) == ("Excessive force against protesters", 1)


def test_two_villages_are_not_al_qaryatayn(gazetteer):
    text = "توغلت قوات إسرائيلية في قريتين بحوض اليرموك واعتقلت شابين."
    incident = main(gazetteer, text)
    assert incident.town is None or incident.town.name != "القريتين"
    assert main(gazetteer, "قتل شاب بقصف على مدينة القريتين.").town.name == "القريتين"


@pytest.mark.parametrize(
    "text",
    [
        # an office named after the agreement
        "اغتال مجهولون رئيس لجنة المصالحة في مدينة كناكر.",
        "افتتح مركز التسوية في مدينة كناكر أبوابه أمس وأطلق مجهولون النار على حارسه.",
    ],
)
def test_an_office_named_after_an_agreement_is_no_agreement(gazetteer, text):
    assert all(i.event_type != "Strategic developments" for i in extract_incidents(text, gazetteer).incidents)


def test_a_device_that_could_not_be_defused_is_disrupted_weapons_use(gazetteer):
    text = "فجرت الجهات المختصة عبوة ناسفة في بلدة نصيب بعد اكتشافها وتعذر تفكيكها."
    assert main(gazetteer, text).sub_event_type == "Disrupted weapons use"


def test_a_lead_told_in_general_is_placed_and_typed_by_its_detail(gazetteer):
    """A lead with violence in general ("هجوم") in a province, then the shelling of a village of that
    province: one incident, a shelling, in the village (ACLED codes where and how it happened)."""
    text = (
        "قتل 4 مدنيين جراء هجوم لقوات النظام على مناطق سكنية في محافظة حماة.\n"
        "وقصفت قوات النظام قرية كفرنبودة في ريف حماة الشمالي بالمدفعية الثقيلة."
    )
    incident = main(gazetteer, text)
    assert (incident.sub_event_type, incident.town.name, incident.killed) == (
        "Shelling/artillery/missile attack",
        "كفر نبودة",
        4,
    )


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # a description or an adjective after the settlement word is not the village's name
        ("قتل خمسة أشخاص بهجوم مسلحين على قرية سكانها من العلويين، هي قرية أرزة في ريف حماة.", "أرزة"),
        ("اقتربت الفصائل من مدينة حمص، ثالث أكبر مدينة سورية، بعد اشتباكات عنيفة في مدينة الرستن.", "الرستن"),
        # a dateline is where the report was filed, not where the event was
        ("دمشق - قتل ثلاثة أشخاص بانفجار عبوة ناسفة في بلدة تلبيسة.", "تلبيسة"),
        ("بيروت (أ ف ب) - قتل ثلاثة أشخاص بانفجار عبوة ناسفة في مدينة تلبيسة.", "تلبيسة"),
    ],
)
def test_words_that_only_look_like_the_place(gazetteer, text, town):
    assert main(gazetteer, text).town.name == town


@pytest.mark.parametrize(
    "text",
    [
        # ACLED lists prisoner exchanges under Agreement
        "بدأت الحكومة السورية وقوات سوريا الديمقراطية اليوم تبادل الأسرى في مدينة حلب.",
        # the detained of an exchange are held, not protesting
        "أفرجت السلطات عن 140 معتقلا مقابل 100 كانوا محتجزين لدى الفصائل في صفقة تبادل بمدينة حلب.",
        # done while more is negotiated: the talks do not make the exchange a plan
        "جرى تبادل الأسرى بين الطرفين في مدينة حلب وسط مفاوضات على دفعة ثانية.",
    ],
)
def test_a_prisoner_exchange_is_an_agreement(gazetteer, text):
    assert main(gazetteer, text).sub_event_type == "Agreement"


def names(incident):
    return sorted(a.name for a in incident.actors)


def test_the_parties_period_reads_a_name_that_meant_two_actors(gazetteer):
    """No publication date, but "فلول النظام" exists only after December 2024: "الجيش السوري" is the
    new government's army and "قوات الأمن" its internal security, not Assad's."""
    text = "اندلعت اشتباكات بين الجيش السوري وفلول النظام في مدينة جبلة، وقتل عنصران من قوات الأمن."
    assert names(main(gazetteer, text)) == ["فلول النظام", "وزارة الدفاع السورية"]
    before = "اندلعت اشتباكات بين الجيش السوري وفصائل الجيش الحر في مدينة جبلة."
    assert "قوات النظام" in names(main(gazetteer, before))


def test_an_attack_on_security_forces_and_civilians_is_a_clash(gazetteer):
    """ACLED: Violence against civilians is for unarmed victims; an armed force among the targets
    makes the attack a clash."""
    text = "قتل 3 أشخاص جراء اعتداء فلول النظام على قوات الأمن والمدنيين في مدينة اللاذقية."
    incident = main(gazetteer, text, "2025-11-30")
    assert (incident.event_type, incident.sub_event_type) == ("Battles", "Armed clash")


def test_a_protest_attacked_with_a_toll_is_coded_as_the_attack(gazetteer):
    text = "أعلنت الوكالة مقتل 3 أشخاص جراء اعتداء مسلحين على المحتجين خلال الاحتجاجات في مدينة اللاذقية."
    assert main(gazetteer, text, "2025-11-30").event_type == "Violence against civilians"


def test_a_name_only_qualified_rows_have_is_placed_when_the_text_says_it_is_a_settlement(gazetteer):
    """سلمى is a common word and حيالين two villages' name: the gazetteer answers to neither bare, but
    "مدينة سلمى" is the Latakia town, and "قرية حيالين" in rural Hama the village of that province."""
    salma = main(gazetteer, "قصفت قوات النظام مدينة سلمى بالمدفعية الثقيلة.").town
    assert (salma.name, salma.admin1, salma.lat is not None) == ("سلمى", "Lattakia", True)
    text = "قتل ثلاثة أشقاء برصاص مسلحين في قرية حيالين بريف حماة."
    assert main(gazetteer, text).town.admin1 == "Hama"


@pytest.mark.parametrize(
    "text",
    [
        # a contract with a company is business, not an agreement between parties of a conflict
        "وقعت الهيئة العامة للمنافذ اليوم اتفاقية استثمار مع شركة موانئ دبي لتشغيل ميناء طرطوس.",
        # settling one's status with the authorities is a procedure, not an agreement reached
        "أكثر من 6000 شخص قاموا بتسوية أوضاعهم في مركز المعارض بمدينة حمص.",
    ],
)
def test_business_and_status_settlements_are_no_conflict_agreement(gazetteer, text):
    assert not extract_incidents(text, gazetteer).incidents


@pytest.mark.parametrize(
    "text",
    [
        # a force's posts attacked, its ranks hit: a clash, whoever is named as hit besides
        "شهدت مدينة جبلة هجوما من قبل مسلحين استهدف حواجز أمنية، ما أدى إلى سقوط قتلى في صفوف القوات الأمنية.",
        "قتل ثلاثة أشخاص في هجوم على دورية لقوى الأمن الداخلي قرب مدينة جبلة.",
    ],
)
def test_an_attack_on_a_forces_posts_or_ranks_is_a_clash(gazetteer, text):
    incident = main(gazetteer, text, "2025-03-06")
    assert (incident.event_type, incident.sub_event_type) == ("Battles", "Armed clash")


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a total over two places or two massacres is no one incident's figure (ACLED codes per place)
        ("قتل 12 مدنياً برصاص مسلحين في منطقتي حمص وطرطوس، في مجزرتين منفصلتين.", None),
        # one place between two villages is one place
        ("قتل 5 عناصر بغارة لطائرة مسيرة على سيارة بين قريتي الكشمة والدوير.", 5),
    ],
)
def test_a_total_over_two_places_is_not_the_incidents_toll(gazetteer, text, killed):
    assert main(gazetteer, text).killed == killed


def test_a_text_copied_without_its_punctuation_is_read_clause_by_clause(gazetteer):
    """Pasted news loses its full stops: a run of 100 words is split before each reporting verb
    ("وذكر", "فيما ذكر", "من جهته"), so one clause's plan ("نشر تعزيزات") does not frame another's
    shelling as a plan."""
    filler = " ".join(["في إطار التطورات الميدانية في المنطقة"] * 6)
    text = (
        f"توغلت قوة عسكرية في ريف القنيطرة {filler} وذكر مصدر محلي أن القوة وصلت إلى بلدة خان أرنبة "
        f"وأطلقت عدة قذائف باتجاه البلدة من جهته أعلن الجيش أنه نشر تعزيزات عسكرية في المنطقة {filler}"
    )
    incident = main(gazetteer, text)
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert incident.town.name == "خان أرنبة"


def test_a_short_run_on_sentence_stays_one_sentence():
    """Only a run longer than any written sentence is cut: a long punctuated sentence stays whole."""
    from extraction.clean import kept_spans
    from extraction.tokens import sentences_in

    text = "قصفت قوات النظام بلدة الشعفة وذكر ناشطون أن القصف أدى إلى دمار كبير في منازل المدنيين."
    assert len(sentences_in(text, kept_spans(text))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "في عدوان جديد على حي المزة بدمشق، يعتبر الرابع من نوعه خلال شهر، قتل شخصان بصاروخ استهدف سيارة.",
        "قتل شخصان بقصف صاروخي على حي المزة بدمشق للمرة الثالثة خلال شهر.",
    ],
)
def test_an_ordinal_in_a_series_is_a_report_not_a_tally(gazetteer, text):
    """ "The fourth of its kind within a month" counts one new event among others: it is reported,
    while "خلال شهر" alone frames a tally of the month."""
    assert main(gazetteer, text).killed == 2


def test_a_death_in_a_relative_clause_is_the_persons_past_not_the_news(gazetteer):
    """ "…, الذي استشهد خلال اشتباكات مع …" tells what befell the person named before it: the article's
    event is the strike, not a clash."""
    text = (
        "استهدف صاروخ سيارة في حي المزة بدمشق قرب خيمة عزاء بالقيادي يحيى السنوار، الذي استشهد خلال "
        "اشتباكات مع الجيش الإسرائيلي في قطاع غزة."
    )
    assert main(gazetteer, text).event_type == "Explosions/Remote violence"


def test_a_trial_demanded_by_protesters_is_not_an_investigation(gazetteer):
    """Protesters calling for a trial ("نادت بإسقاط ومحاكمة") report a protest; an investigation
    opened ("شكلت لجنة للتحقيق") frames the article as one (tested above)."""
    text = "شهدت مدينة إدلب يوم الجمعة مظاهرات نادت بإسقاط ومحاكمة قائد هيئة تحرير الشام."
    assert main(gazetteer, text).event_type == "Protests"


@pytest.mark.parametrize(
    "text",
    [
        "وقعت الحكومة السورية، يوم الخميس، اتفاقية استثمارية دولية لتشغيل ميناء اللاذقية.\n"
        "وتهدف الاتفاقية إلى تطوير الميناء لمدة 30 عاما.",
        "وقعت مجموعة موانئ الخميس اتفاقية بقيمة 22 مليون دولار لشراء حصة في محطة حاويات اللاذقية.\n"
        "وأضاف المدير أن هذه الاتفاقية تعكس أواصر التعاون.",
    ],
)
def test_an_investment_contract_is_not_a_conflict_agreement(gazetteer, text):
    """ACLED's Agreement is between the parties of a conflict (ceasefires, exchanges, settlements): an
    investment, a stake bought or a contract with a price is business, and its later mentions too."""
    assert not extract_incidents(text, gazetteer).is_incident


def test_an_event_placed_only_in_a_region_has_no_settlement(gazetteer):
    """ACLED geo precision 3 ("بريف البوكمال", a governorate alone) names no town: `settlement` is None
    and `raqib extract --json` gives the region as "area", while `town` keeps it for admin1."""
    from extraction.serialize import extraction_to_json

    text = "قتل طفل بانفجار لغم أرضي في ريف محافظة دير الزور."
    extraction = extract_incidents(text, gazetteer)
    incident = extraction.incidents[0]
    assert incident.town is not None and incident.town.geo_precision == 3
    assert incident.settlement is None and incident.town.admin1
    data = extraction_to_json(extraction, "x")["incidents"][0]
    assert data["town"] is None and data["area"]["admin1"] == incident.town.admin1


def test_fighters_named_with_a_possessive_suffix_make_a_clash(gazetteer):
    """ "كلفها 6 قتلى من عناصرها": the dead are the force's own members (a suffix, not a separate word):
    an attack on an armed force is Battles (ACLED), not violence against civilians."""
    text = "صدت قوات سوريا الديمقراطية في مدينة الرقة هجوما لداعش كلفها 6 قتلى من عناصرها."
    incident = main(gazetteer, text, "2019-10-14")
    assert (incident.event_type, incident.sub_event_type) == ("Battles", "Armed clash")


def test_a_nationality_in_the_accusative_names_the_attacker(gazetteer):
    """ "شن هجوماً إسرائيلياً": the indefinite accusative (ـياً) is the same adjective as "إسرائيلي",
    and an attack's adjective or genitive is who did it, not its target (so no clash is made of it)."""
    incident = main(gazetteer, "شن الطيران هجوماً إسرائيلياً استهدف منطقة المزة بدمشق.")
    assert "الجيش الإسرائيلي" in [a.name for a in incident.actors]
    assert incident.event_type != "Battles"


def test_persons_said_not_to_be_civilians_are_no_civilian_party(gazetteer):
    """ "بمقتل شخصين غير مدنيين": who they were is left open, but not civilians."""
    text = "تسبب القصف الصاروخي على مدينة اللاذقية بمقتل شخصين غير مدنيين على الأقل."
    assert not [a for a in main(gazetteer, text).actors if a.acled_type == "Civilians"]


def test_a_nationality_on_a_targeting_names_the_attacker(gazetteer):
    """ "الاستهداف الإسرائيلي الجوي لسيارة": "targeting" is an attack noun like "قصف", its nationality
    the attacker."""
    text = "أسفر الاستهداف الإسرائيلي الجوي لسيارة قرب بلدة خان أرنبة عن مقتل قيادي في حزب الله."
    assert "الجيش الإسرائيلي" in [a.name for a in main(gazetteer, text).actors]


@pytest.mark.parametrize(
    "second",
    [
        "وهذا الحادث، الذي وقع في بلدة الدار الكبيرة، يأتي في ظل الجهود لضبط الأمن.",
        "وقالت مصادر إن الهجوم جرى في بلدة الدار الكبيرة.",
    ],
)
def test_where_the_text_says_it_happened_refines_the_city(gazetteer, second):
    """ "الذي وقع في X" says outright where the event happened: a town of the province told in the lead
    refines the city named there, even in a sentence about the situation."""
    text = f"قتل عنصر أمن في هجوم مسلح يضرب استقرار مدينة حمص.\n{second}"
    assert main(gazetteer, text).town.name == "الدار الكبيرة"


@pytest.mark.parametrize(
    "text",
    [
        # a kind of place named by the fighting, in a humanitarian piece
        "جرفت العاصفة عشرات الخيام في مخيمات أطمة.\nويعيش في المخيمات نازحون بعيداً عن مناطق الاشتباك والقصف.",
        # a verdict on a past crime
        "قضت محكمة ألمانية، الخميس، بالسجن مدى الحياة بحق ضابط سوري بعد إدانته بقضايا تعذيب في دمشق.",
    ],
)
def test_war_words_that_report_no_new_event(gazetteer, text):
    """ "مناطق الاشتباك" names where fighting happens, not a clash; a court's verdict is about an
    event told before (ACLED codes neither)."""
    assert not extract_incidents(text, gazetteer, "2022-01-13").is_incident


def test_a_verb_of_a_relative_clause_is_not_a_settlements_name(gazetteer):
    """ "مخيم يعيش فيه": the word after the settlement word is a verb whose pronoun ("فيه") points back
    to the camp, not the camp's name."""
    from extraction.places import find_place_mentions
    from extraction.tokens import tokenize

    tokens = tokenize("قصفت قوات النظام مخيم يعيش فيه ألف نازح قرب بلدة أطمة.")
    assert "يعيش" not in {m.place.name for m in find_place_mentions(tokens, gazetteer)}


def test_a_dated_detail_dates_the_undated_incident_it_details(gazetteer):
    """A strike told undated, then "مقتل 3 من عناصرها في قصف … ليلة يوم الجمعة في 21 حزيران" in the
    same town: one incident, dated by the detail (a report naming another day than the incident's
    is still its own)."""
    text = (
        "استهدف قصف مجهول شحنة صواريخ ومسيرات في منطقة البوكمال.\n"
        "وأعلنت المجموعة مقتل 3 من عناصرها في قصف استهدف سيارتهم بمنطقة البوكمال ليلة يوم الجمعة في 21 "
        "حزيران/يونيو 2024."
    )
    extraction = extract_incidents(text, gazetteer, "2024-06-22")
    assert len(extraction.incidents) == 1
    assert (extraction.incidents[0].killed, extraction.incidents[0].date) == (3, "2024-06-21")


def test_a_cargo_of_weapons_is_no_strike(gazetteer):
    """ "شحنة صواريخ ومسيرات" names what was carried or seized, not a strike."""
    text = "ضبطت دورية شحنة صواريخ ومسيرات في منطقة البوكمال."
    extraction = extract_incidents(text, gazetteer)
    assert "Air/drone strike" not in {i.sub_event_type for i in extraction.incidents}


def test_a_unit_named_after_its_dead_counts_no_one(gazetteer):
    """ "كتائب سيد الشهداء" is a group's name: "الشهداء" there is no toll."""
    text = 'أعلنت "كتائب سيد الشهداء" أن اثنين من عناصرها قتلا بقصف على مدينة البوكمال.'
    assert main(gazetteer, text).killed == 2


def test_a_toll_told_now_belongs_to_the_fighting_told_now(gazetteer):
    """ "وكانت الفصائل قد أعلنت عن معركة" recalls an earlier step between the clashes and their toll:
    the toll joins the clashes being told, not the battle announced before."""
    text = (
        "وتدور اشتباكات عنيفة في محيط مدينة البعث.\n"
        "وكانت الفصائل قد أعلنت قبل أيام عن معركة جديدة للسيطرة على مدينة البعث.\n"
        "واعترفت الفصائل بمقتل 18 عنصرا تابعا لها في الاشتباكات قرب مدينة البعث."
    )
    assert main(gazetteer, text).killed == 18


def test_an_event_called_earlier_is_not_the_news(gazetteer):
    """ "بمقتل تسعة أشخاص في تفجير سابق": the adjective says the figure is an earlier bombing's, not
    the one the lead reports without a toll."""
    text = (
        "أعلن المرصد اليوم مقتل وإصابة أكثر من 20 شخصا في تفجير سيارة مفخخة بمدينة إعزاز.\n"
        "وأفاد مصدر طبي بمقتل تسعة أشخاص في تفجير سابق بمدينة إعزاز."
    )
    assert main(gazetteer, text).killed is None


@pytest.mark.parametrize(
    "text",
    [
        "قتل ثلاثة أشخاص نتيجة استهداف طائرة تركية مسيّرة سيارة في قرية شورك.",
        "قتل ثلاثة أشخاص نتيجة استهداف طائرة مسيرة تركية سيارة في قرية شورك.",
        "قتل ثلاثة أشخاص بقصف طائرة تركية على قرية شورك.",
    ],
)
def test_a_nationality_on_a_weapon_names_whose_force_used_it(gazetteer, text):
    """ "طائرة تركية مسيّرة": a drone described, not named, is the Turkish military's (issue 15)."""
    assert "الجيش التركي" in [a.name for a in main(gazetteer, text).actors]


def test_a_noun_after_a_demonstrative_is_no_place(gazetteer):
    """ "وفي هذا الصدد" is "in this regard", not the village of Sadad."""
    from extraction.places import find_place_mentions
    from extraction.tokens import tokenize

    tokens = tokenize("وفي هذا الصدد رجح المرصد أن طائرات روسية نفذت الغارات.")
    assert not find_place_mentions(tokens, gazetteer)


@pytest.mark.parametrize(
    "second",
    [
        "ورجح المرصد أن تكون مقاتلات روسية قد شنت الغارة، مشيراً إلى أن الحصيلة قد ترتفع.",
        "وفي هذا الصدد رجح المرصد أن طائرات روسية قامت بتنفيذ تلك الغارات.",
    ],
)
def test_who_struck_is_told_after_the_victims(gazetteer, second):
    """A strike's lead names its victims; who struck is told where the strike is told again. The
    civilians are not enough: the search goes on to the first armed party of that sentence."""
    text = "قتل 18 مدنياً، بينهم 5 أطفال، في غارة جوية على بلدة أورم الجوز بريف إدلب.\n" + second
    names = [a.name for a in main(gazetteer, text).actors]
    assert "القوات الروسية" in names and len(names) == 2


def test_an_armed_force_named_after_a_mine_is_not_its_layer(gazetteer):
    """A mine or a bomb is not a strike: the force named later (the sappers who came) did not lay it."""
    text = (
        "قتل شخصان بانفجار لغم أرضي في بادية بلدة بقرص.\n"
        "وأضاف المراسل أن فرق الهندسة بجيش الأسد وصلت إلى المكان لانتشال القتلى وأبطلت الألغام."
    )
    assert "قوات النظام" not in [a.name for a in main(gazetteer, text).actors]


@pytest.mark.parametrize("source", ["بحسب وزارة الدفاع السورية", "وفق بيان صادر عن وزارة الدفاع السورية"])
def test_the_source_of_the_news_is_not_a_party(gazetteer, source):
    """ "بحسب X", "بيان صادر عن X": X tells the news; the party is the one who did it."""
    text = f"استهدفت مسيرات تحملها التنظيمات الإرهابية المسلحة حفلاً في مدينة حمص، {source}."
    names = [a.name for a in main(gazetteer, text).actors]
    assert "وزارة الدفاع السورية" not in names and "الجيش السوري الحر" in names


def test_a_street_named_after_a_force_is_no_party(gazetteer):
    """ "نزلة الجمارك", "شارع الجيش", "حي أمن الدولة": the second word of a street's or a quarter's name
    names no party."""
    from extraction.actors import find_actor_mentions
    from extraction.tokens import tokenize

    text = "سقطت 3 قذائف على ساحة الأمويين في نزلة الجمارك بدمشق، ما أدى إلى إصابة 5 مدنيين."
    assert "الضابطة الجمركية" not in [a.name for a in main(gazetteer, text).actors]
    quarter = tokenize("قضى طفل جراء انفجار لغم في حي أمن الدولة بمدينة الرقة")
    assert [m.kind for m in find_actor_mentions(quarter, gazetteer)] == ["civilians"]


def test_a_region_noun_in_the_dual_is_no_village(gazetteer):
    """ "في قرى وبلدات بمحافظتي القنيطرة ودرعا": "محافظتي" (two governorates) after "بلدات" is not the
    name of an unlisted village."""
    from extraction.places import find_place_mentions
    from extraction.tokens import tokenize

    names = [
        m.place.name
        for m in find_place_mentions(tokenize("توغلت قوات في قرى وبلدات بمحافظتي القنيطرة ودرعا"), gazetteer)
    ]
    assert "بمحافظتي" not in names and "محافظتي" not in names


def test_a_lead_told_in_provinces_is_placed_at_the_village_its_detail_names(gazetteer):
    """The lead names only provinces; the next sentence, where the patrol went: one event, placed at the
    most specific place consistent with both (issue 15: a lead and the paragraph that details it)."""
    text = (
        "توغلت قوات الجيش الإسرائيلي في قرى وبلدات بمحافظتي القنيطرة ودرعا، واعتقلت عدداً من المدنيين.\n"
        "ودخلت دورية إسرائيلية فجر اليوم إلى بلدة عابدين في منطقة حوض اليرموك غربي درعا، واعتقلت ثلاثة شبان."
    )
    assert main(gazetteer, text).town.name == "عابدين"


@pytest.mark.parametrize(
    "title", ["بعد 11 عامًا: مجزرة الشعيطات.. ذاكرة لا تُمحى", "بعد مرور عشر سنوات على مجزرة الشعيطات"]
)
def test_years_on_a_massacre_is_remembered_not_reported(gazetteer, title):
    """ "بعد 11 عاماً: مجزرة …": a piece years on recounts the event; it reports no new one."""
    text = (
        f"{title}\n"
        "لم تكن هذه الجريمة مجرد عمل عسكري، بل كانت فعلاً انتقامياً استهدف مجتمعاً مسالماً.\n"
        "واليوم لا يزال أهالي الشعيطات يبحثون عن رفات أحبائهم."
    )
    assert not extract_incidents(text, gazetteer, "2025-08-22").is_incident


@pytest.mark.parametrize(
    "text",
    [
        # the victims named by the death, the violence told later in the sentence
        "قُتل عنصران من قوى الأمن الداخلي في مدينة طرطوس، مساء الاثنين، بعد تعرضهما لإطلاق نار مباشر من قبل مسلحين مجهولين.",
        # the subject of "تعرض", however long, is the target: fighters of a faction
        "تعرض خمسة عناصر من فصيل لواء القدس التابع لقوات الحكومة السورية لهجوم من قبل خلايا تنظيم داعش في بادية الميادين.",
        # a post of a force
        "تعرض حاجز شاليهات الرمال الذهبية في ضواحي طرطوس لهجوم مسلح نفذه مجهولون.",
    ],
)
def test_an_attack_on_armed_personnel_is_a_clash(gazetteer, text):
    """ACLED: Violence against civilians is for unarmed victims; members, posts and patrols of an armed
    or security force attacked by gunmen make an armed clash (issue 15's first kind of error)."""
    incident = main(gazetteer, text)
    assert (incident.event_type, incident.sub_event_type) == ("Battles", "Armed clash")


def test_civilians_killed_with_a_force_recalled_later_stay_an_attack(gazetteer):
    """The victims named at the killing decide; a force's losses recalled further on do not."""
    text = (
        "قُتل 12 مدنياً، اليوم الاثنين، برصاص مسلحين في منطقتي حمص وطرطوس، في مجزرتين تعيدان إلى الأذهان "
        "المجازر التي شهدها الساحل، بالإضافة إلى مقتل المئات من عناصر الأمن العام."
    )
    assert main(gazetteer, text).event_type == "Violence against civilians"


def test_a_word_broken_by_a_stop_between_tatweels_is_one_word(gazetteer):
    """ "تعـ.ـرضت لهـ.ـجوم مسـ.ـلح نفذه مجـ.ـهولون": words broken to get past filters read as written."""
    from extraction.tokens import tokenize

    tokens = tokenize("نقطة تفتـ.ـيش تعـ.ـرضت لهـ.ـجوم مسـ.ـلح نفذه مجـ.ـهولون")
    assert [t.norm for t in tokens] == ["نقطه", "تفتيش", "تعرضت", "لهجوم", "مسلح", "نفذه", "مجهولون"]
    assert tokens[1].start == 5 and tokens[1].end == 13  # offsets into the text as written


def test_the_city_after_its_governorate_is_the_capital(gazetteer):
    """ "في محافظة طرطوس … بالقرب من كراج المدينة": "the city" with no name after it is the capital of
    the governorate the report names, so the event is in the city, not only the region."""
    text = "قُتل عنصران من الأمن الداخلي في محافظة طرطوس، بعد تعرضهما لإطلاق نار بالقرب من كراج المدينة."
    town = main(gazetteer, text).town
    assert (town.name, town.geo_precision) == ("طرطوس", 1)
    without = main(gazetteer, text.replace("كراج المدينة", "الطريق العام")).town
    assert (without.name, without.geo_precision) == ("طرطوس", 3)


@pytest.mark.parametrize(
    "text",
    [
        # flight from the fighting: the displaced's story
        "قالت مسؤولة الشؤون الإنسانية في الأمم المتحدة إن أكثر من 270 ألف سوري فروا من المعارك في محافظة إدلب.",
        # chemicals of farming
        "وزعت وزارة الزراعة مليون عدو حيوي لأكل الحشرات بدلاً من استخدام المواد الكيماوية في طرطوس.",
        # an agreement to be signed
        "أفادت مصادر سورية بأن سوريا وإسرائيل سيوقعان اتفاقاً أمنياً في الخامس والعشرين من سبتمبر المقبل.",
    ],
)
def test_what_did_not_happen_here_reports_nothing(gazetteer, text):
    assert not extract_incidents(text, gazetteer).is_incident


def test_an_agreement_signed_is_still_an_agreement(gazetteer):
    text = "وقعت الحكومة السورية وقوات سوريا الديمقراطية اتفاقاً في دمشق يوم الاثنين."
    assert main(gazetteer, text).sub_event_type == "Agreement"


def test_a_protest_against_a_plan_is_a_protest(gazetteer):
    """ "خرجت مظاهرات … احتجاجاً على تحضيرات النظام لشن عملية عسكرية": the plan is what they protest;
    the sentence reports the protest."""
    text = "خرجت مظاهرات حاشدة اليوم الجمعة في مدينة إدلب، احتجاجاً على تحضيرات النظام لشن عملية عسكرية."
    assert main(gazetteer, text).event_type == "Protests"


def test_engineers_dealing_with_a_device_disrupt_it(gazetteer):
    """ACLED: a device defused or blown up by engineers is Disrupted weapons use, not an explosion."""
    text = "تعاملت وحدات الهندسة مع عبوة ناسفة قرب مدخل حي الضاحية في مدينة درعا، وقامت بتفجيرها دون وقوع إصابات."
    assert main(gazetteer, text).sub_event_type == "Disrupted weapons use"


def test_who_unknown_gunmen_are_thought_to_be_is_no_second_party(gazetteer):
    """ "مسلحين مجهولين يُعتقد أنهم من عناصر تنظيم الدولة": one party, unidentified (ACLED); the guess is
    not a second one."""
    text = (
        "قتل قيادي في قوات سوريا الديمقراطية، إثر استهداف مسلحين مجهولين يُعتقد أنهم من عناصر تنظيم "
        "الدولة لسيارة عسكرية شرقي الحسكة."
    )
    names = [a.name for a in main(gazetteer, text).actors]
    assert "تنظيم الدولة" not in names and len(names) == 2


def test_whom_a_source_speaks_for_is_no_party(gazetteer):
    """ "وقال مصدر في قيادة شرطة درعا إن عبوة انفجرت": the police command is where the news comes from."""
    from extraction.actors import find_actor_mentions
    from extraction.tokens import tokenize

    tokens = tokenize("وقال مصدر في قيادة شرطة درعا إن عبوة ناسفة انفجرت في مدينة بصرى الشام.")
    assert [m.excluded for m in find_actor_mentions(tokens, gazetteer)] == [True]
    spokesman = tokenize("وقال المتحدث باسم قوات سوريا الديمقراطية إن الهجوم استهدف حاجزاً.")
    assert [m.excluded for m in find_actor_mentions(spokesman, gazetteer)] == [True]


def test_a_suicide_bombing_no_one_is_named_for_has_the_bomber_as_its_party(gazetteer):
    """ACLED codes a suicide bombing by its perpetrator, an unidentified armed group when none is named;
    a named one stays the only party."""
    text = "قتل 5 أشخاص بتفجير انتحاري نفسه بحزام ناسف قرب حاجز في مدينة القامشلي."
    assert [a.name for a in main(gazetteer, text).actors][:1] == ["انتحاري"]
    claimed = "قتل 5 أشخاص بتفجير انتحاري من تنظيم داعش نفسه بحزام ناسف في مدينة القامشلي."
    assert "انتحاري" not in [a.name for a in main(gazetteer, claimed).actors]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("اندلعت اشتباكات بين فصائل محلية وقوى الأمن الداخلي في مدينة السويداء.", "فصائل محلية"),
        ("هاجمت عصابات خارجة عن القانون حاجزاً للأمن العام في بلدة الصنمين.", "عصابات خارجة عن القانون"),
        ("اندلعت اشتباكات بين قوات الأمن وميليشيات محلية في مدينة جاسم.", "ميليشيات محلية"),
    ],
)
def test_an_armed_group_described_not_named_is_a_party_as_described(gazetteer, text, named):
    """ACLED's Unidentified Armed Group, named as the text describes it ("فصائل محلية"); a bare group
    noun ("مجموعة من الأطفال") names no one, and a group described by its owner ("خلية إرهابية لتنظيم
    داعش") is the owner's."""
    assert named in [a.name for a in main(gazetteer, text).actors]


def test_a_group_noun_alone_or_owned_is_no_described_party(gazetteer):
    from extraction.actors import find_actor_mentions
    from extraction.tokens import tokenize

    children = find_actor_mentions(tokenize("أصيبت مجموعة من الأطفال بقصف على بلدة كفرنبل"), gazetteer)
    assert all("مجموعة" not in m.name for m in children)
    cell = find_actor_mentions(tokenize("فككت قوات الأمن خلية إرهابية لتنظيم داعش في إدلب"), gazetteer)
    assert "خلية إرهابية" not in [m.name for m in cell] and "تنظيم الدولة" in [m.name for m in cell]


@pytest.mark.parametrize(
    "text",
    [
        "سيطر تنظيم «الدولة الإسلامية في العراق والشام» (داعش) أمس «بشكل شبه كامل» على مدينة الباب بعد اشتباكات مع الفصائل.",
        "اندلعت اشتباكات بين الجبهة الوطنية للتحرير وهيئة تحرير الشام بعد سيطرة تحرير الشام على قرى في ريف حلب الغربي.",
    ],
)
def test_fighting_that_took_ground_is_a_taking_of_territory(gazetteer, text):
    """ACLED: a non-state actor taking a place through fighting is "Non-state actor overtakes
    territory", the more specific Battles sub-event, however long the taker's name before "على", and
    when the taking is told as a noun after "بعد"."""
    assert main(gazetteer, text).sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # fire at the protesters: lethal force
        ("خرج الأهالي في مظاهرات في مدينة الرقة، ففرقت دوريات قسد المظاهرة عبر إطلاق الرصاص الحي على المتظاهرين.",
         "Excessive force against protesters"),
        # shots that wound protesters, told after the protest: still the protest, met with lethal force
        ("خرج العشرات في مظاهرة في مدينة الرقة للمطالبة بالعودة. وأطلقت قوات سوريا الديمقراطية الرصاص لتفريق المظاهرة، ما أسفر عن إصابة 4 أشخاص.",
         "Excessive force against protesters"),
        # dispersal with fire, no one hurt, none fired at: an intervention
        ("خرج الأهالي في مظاهرات في مدينة الرقة، وحاولت دوريات قسد فض المظاهرات بالرصاص.", "Protest with intervention"),
        ("تظاهر المئات في مدينة اللاذقية، وأطلقت قوات الأمن الرصاص في الهواء لتفريقهم.", "Protest with intervention"),
        ("تظاهر المئات في مدينة اللاذقية، وفرقت قوات الأمن المتظاهرين بالغاز المسيل للدموع.", "Protest with intervention"),
    ],
)  # fmt: skip
def test_force_used_on_protesters_is_excessive_only_when_lethal(gazetteer, text, sub):
    """ACLED: excessive force is lethal force on protesters; dispersing them without it is a protest with
    intervention."""
    assert main(gazetteer, text).sub_event_type == sub


def test_a_government_announcing_it_regained_a_town_is_the_taker(gazetteer):
    """ "أعلن النظام السوري استعادة السيطرة على مدينة تدمر من تنظيم الدولة": the announcer, set apart as
    the news' source, is still who took the town back."""
    text = "أعلن النظام السوري استعادة السيطرة على مدينة تدمر الأثرية، في محافظة حمص وسط البلاد، من تنظيم الدولة."
    assert main(gazetteer, text).sub_event_type == "Government regains territory"


def test_a_lead_that_reports_nothing_and_only_earlier_events_is_no_news(gazetteer):
    """A statement lead ("جددت الحكومة التركية التلويح بشن عملية عسكرية") and, after it, only events told
    as before ("وتضاربت التقارير في وقت سابق حيال دخول القوات التركية"): the article has no news of its
    own. With a lead that reports an event, an earlier one is background, not a reason to drop it."""
    text = (
        "جددت الحكومة التركية الخميس التلويح بشن عملية عسكرية في مدينة تل رفعت شمال سوريا.\n"
        "وتضاربت التقارير في وقت سابق حيال دخول القوات التركية والجيش السوري الحر إلى مدينة عفرين."
    )
    assert not extract_incidents(text, gazetteer).is_incident
    reported = "قصفت القوات التركية قرية في ريف تل رفعت.\n" + text.split("\n")[1]
    assert extract_incidents(reported, gazetteer).is_incident


def test_a_word_whose_waw_is_its_own_names_no_place(gazetteer):
    """ "وزارة الإعلام" is a ministry, not "و" + the village of Zara."""
    from extraction.places import find_place_mentions
    from extraction.tokens import tokenize

    assert not find_place_mentions(tokenize("ووفق وزارة الإعلام، فقد بدأت التوترات"), gazetteer)


def test_an_audience_with_a_minister_is_no_incident_report(gazetteer):
    """ "وجهاء جرمانا يؤكدون دعمهم خلال لقائهم وزير الدفاع": the lead is a meeting; the clashes it
    recalls are its subject, not the news."""
    text = (
        "وجهاء جرمانا يؤكدون دعمهم لوحدة سوريا خلال لقائهم وزير الدفاع\n"
        "وجهاء جرمانا يؤكدون دعمهم:استقبل وزير الدفاع السوري وفداً من وجهاء مدينة جرمانا في مقر الوزارة بدمشق.\n"
        "واندلعت اشتباكات في مدينة جرمانا بين مسلحين وقوات الأمن العام."
    )
    assert not extract_incidents(text, gazetteer).is_incident


def test_a_lead_that_recounts_only_the_past_is_no_news(gazetteer):
    """ "مشاهد جديدة لأثار الحرب في الرقة" then "هذا ما خلفته الحرب … منذ سقوطها … عام 2013": a lead
    whose only event is told as before, and nothing after it told as new."""
    text = (
        "مشاهد جديدة لأثار الحرب المدمرة في مدينة الرقة\n"
        "هذا ما خلفته الحرب في مدينة الرقة منذ سقوطها في يد الإرهابيين عام 2013، إذ استغرقت هزيمتهم مواجهات متفرقة.\n"
        "والوضع الحالي في الرقة يعكس المهمة الصعبة في إعادة إعمار المدينة."
    )
    assert not extract_incidents(text, gazetteer).is_incident


@pytest.mark.parametrize(
    ("town", "meant"),
    [("مدينة حمص", "قوى الأمن الداخلي"), ("مدينة الرقة", "الأسايش"), ("مدينة الحسكة", "الأسايش")],
)
def test_a_name_shared_by_a_regional_force_means_it_only_in_its_area(gazetteer, town, meant):
    """ "قوى الأمن الداخلي" is the SDF's Asayish in the north-east and, since December 2024, the
    transitional government's internal security elsewhere (actors.csv `areas`)."""
    text = (
        f"قُتل عنصر وأصيب اثنان بعد تعرض دورية لقوى الأمن الداخلي لإطلاق نار من قبل مسلحين مجهولين في {town}."
    )
    names = [a.name for a in main(gazetteer, text, "2025-06-01").actors]
    assert meant in names and len(names) == 2


@pytest.mark.parametrize("road", ["طريق حمص - طرطوس", "أوتوستراد تدمر- دير الزور", "طريق تدمر – حمص"])
def test_both_towns_that_name_a_road_are_its_ends_not_the_place(gazetteer, road):
    """ "طريق A - B" names a road by where it goes: B after the dash is no more the event's town than A."""
    from extraction.place_context import SITE
    from extraction.places import find_place_mentions
    from extraction.tokens import tokenize

    mentions = find_place_mentions(tokenize(f"انفجرت عبوة ناسفة على {road} الدولي"), gazetteer)
    assert len(mentions) == 2
    assert {m.context for m in mentions} == {SITE}
    text = f"قتل عنصران من الجيش بانفجار عبوة ناسفة على {road} الدولي."
    assert main(gazetteer, text).settlement is None


def test_a_weekday_with_its_own_day_and_month_is_no_day_of_publication(gazetteer):
    """ "مساء يوم السبت الواقع 7 نيسان" dates the event by the calendar, year unknown: it is not "السبت"
    counted back from publication, so an anniversary piece recounting it reports nothing new."""
    from extraction.dates import is_recent, sentence_norm
    from extraction.tokens import tokenize

    def recent(text):
        return is_recent(None, None, sentence_norm(tokenize(text)))

    assert recent("قصفت الطائرات البلدة يوم السبت")
    assert not recent("قصفت الطائرات البلدة يوم السبت الواقع 7 نيسان")
    text = (
        "ذكرى الهجوم الكيماوي على مدينة دوما\n"
        "في مساء يوم السبت الواقع 7 نيسان استهدف الطيران المروحي مدينة دوما ببراميل تحمل غاز الكلور "
        "مما أدى لمقتل 41 مدنياً."
    )
    assert not extract_incidents(text, gazetteer).is_incident


@pytest.mark.parametrize(
    "lead",
    [
        "في بيان مشترك، أعرب منسق الأمم المتحدة للشؤون الإنسانية عن مخاوف جدية بشأن الأوضاع في مخيم الهول.",
        "أعربت وزارة الخارجية عن قلقها من تدهور الأوضاع الأمنية في مخيم الهول.",
    ],
)
def test_a_lead_expressing_concern_is_a_position_after_the_channel_it_names(gazetteer, lead):
    """ "أعرب عن مخاوف" is a statement like "ندد" or "حذر", also after "في بيان مشترك،": the killings it
    cites are its topic, not the article's report."""
    text = f"{lead}\nوأشار البيان إلى تلقي تقارير عن مقتل 12 من سكان المخيم وإصابة شخص آخر في هجوم."
    assert not extract_incidents(text, gazetteer).is_incident


def test_a_count_over_a_span_of_days_is_a_tally(gazetteer):
    """ACLED codes events, not periods: deaths counted "في الفترة الواقعة بين 1 و16 كانون الثاني" are
    a tally of many, like "خلال الشهر الماضي"."""
    text = "قتل 12 شخصاً من سكان مخيم الهول في الفترة الواقعة بين 1 و16 كانون الثاني بهجمات متفرقة."
    assert not extract_incidents(text, gazetteer).is_incident


@pytest.mark.parametrize(
    ("text", "is_incident"),
    [
        ("قال المسؤول إن عملية الترميم استهدفت ثلاث مدارس في مدينة الرقة.", False),
        ("أطلقت مديرية الصحة حملة تلقيح تستهدف الأطفال في ريف دير الزور.", False),
        # a military campaign that targets a town is an attack
        ("شنت قوات النظام حملة عسكرية استهدفت بلدة معرة النعمان وقتل ثلاثة مدنيين.", True),
    ],
)
def test_a_work_that_targets_buildings_or_people_is_no_attack(gazetteer, text, is_incident):
    """ "استهدف" with a restoration or a vaccination as its subject aims, it does not attack."""
    assert extract_incidents(text, gazetteer).is_incident is is_incident


@pytest.mark.parametrize(
    "text",
    [
        "تعمل فرق الدفاع المدني على إزالة مخلفات القصف من الطرقات الرئيسية في بلدة اللطامنة.",
        "قال قائد عسكري إن القصف الجوي توقف على بلدة اللطامنة.",
        "قال الأهالي إنهم يلاحظون سقوط قذائف على الأراضي الزراعية في محيط اللطامنة بين حين وآخر.",
    ],
)
def test_what_an_event_left_or_that_it_stopped_or_recurs_reports_none(gazetteer, text):
    """The remains of shelling, shelling that stopped, and shells that fall "بين حين وآخر" are the
    state of a place, not an event of a day and place."""
    assert not extract_incidents(text, gazetteer).is_incident


def test_a_victim_pronoun_after_a_count_is_the_same_victims(gazetteer):
    """ "بمقتل اثنين … أدى لاستشهادهما": the dual pronoun on the casualty noun points back at the two
    counted in the sentence; they are two, not four."""
    text = (
        "فجعت المدينة بمقتل اثنين من أبنائها حيث تعرضت سيارتهما لإطلاق نار داخل مدينة إدلب أدى لاستشهادهما."
    )
    assert main(gazetteer, text).killed == 2
    assert main(gazetteer, "أطلق مسلحون النار على شابين في مدينة إدلب ما أدى لمقتلهما.").killed == 2


def test_a_chemical_weapon_named_as_the_instrument_is_its_use(gazetteer):
    """ "قتلت جراء هجوم النظام بالسلاح الكيميائي": the weapon after "بالسلاح" is used (ACLED's Chemical
    weapon), and outranks the killing it caused."""
    text = "عثر الأهالي على جثة طفلة قتلت جراء هجوم النظام السوري بالسلاح الكيميائي على مدينة دوما."
    incident = main(gazetteer, text)
    assert (incident.event_type, incident.sub_event_type) == ("Explosions/Remote violence", "Chemical weapon")


def test_a_verb_of_naming_after_village_is_no_village(gazetteer):
    """ "قرب قرية تسمى فوج الميلبية": "تسمى" introduces the name; it is not the name of an unlisted village."""
    from extraction.places import find_place_mentions
    from extraction.tokens import tokenize

    mentions = find_place_mentions(
        tokenize('أصابت غارة سيارة قرب قرية تسمى "فوج الميلبية" بريف الحسكة'), gazetteer
    )
    assert "تسمى" not in {m.place.name for m in mentions}
    assert "الميلبية" in {m.place.name for m in mentions}


def test_a_number_of_others_joined_further_in_the_clause_adds_to_the_count(gazetteer):
    """ "مقتل قيادي … في صفوف التنظيم، وخمسة عناصر آخرين": the five "others" are more of the dead."""
    text = (
        "أكدت مصادر أهلية مقتل قيادي تونسي في صفوف تنظيم داعش، وخمسة عناصر أجانب آخرين بغارة جوية قرب الحسكة."
    )
    assert main(gazetteer, text).killed == 6


def test_armed_groups_told_as_jamaat_are_the_unnamed_armed_party(gazetteer):
    """ "الجماعات المسلحة" is the "مجموعات مسلحة" of other outlets: an armed group left unnamed."""
    text = "قتل شخصان جراء سقوط قذيفتين صاروخيتين أطلقتهما الجماعات المسلحة على مدينة اللاذقية."
    assert "مسلحون مجهولون" in {a.name for a in main(gazetteer, text).actors}


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("اندلعت اشتباكات بين قوى الأمن ومسلحين في محيط مدينة جبلة.", None),
        ("اندلعت اشتباكات بين قوى الأمن ومسلحين في محيط قرية ذيبان.", None),
        ("انفجرت عبوة ناسفة في شارع الوادي بمدينة دير الزور.", "شارع الوادي"),
    ],
)
def test_the_settlement_word_before_a_town_is_no_part_of_the_site(gazetteer, text, location):
    """ "محيط مدينة جبلة": "مدينة" opens the town's name; the site is not "محيط مدينة"."""
    assert main(gazetteer, text).location == location


def test_a_lead_that_a_town_was_targeted_with_no_one_hurt_is_typed_by_its_detail(gazetteer):
    """ACLED's Violence against civilians needs victims: "استهدفت بلدة … وأسفرت عن خسائر مادية" names
    none, and the report of the same town that says how (air strikes) is that one event."""
    text = (
        "استهدفت بلدتي المزرعة وكناكر وأسفرت عن خسائر مادية.\n"
        "وشن الطيران الإسرائيلي ثلاث غارات جوية استهدفت محيط بلدتي المزرعة وكناكر في ريف السويداء."
    )
    incidents = extract_incidents(text, gazetteer).incidents
    assert [(i.event_type, i.sub_event_type) for i in incidents] == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]
    assert incidents[0].town.name == "المزرعة"


@pytest.mark.parametrize(
    "text",
    [
        "وصلت القوة إلى مشارف قرية خان أرنبة قبل أن يتجمع السكان وتندلع احتجاجات واشتباكات بالحجارة باتجاه القوة.",
        "اندلعت اشتباكات بالحجارة بين المحتجين وعناصر الشرطة في مدينة السويداء.",
    ],
)
def test_a_fight_with_stones_is_a_riot(gazetteer, text):
    """ACLED's Riots: violent demonstrators "engage in disruptive acts, including rock throwing"; a
    clash whose weapon is stones is no armed clash, and a protest that turns to it is a riot."""
    assert (main(gazetteer, text).event_type, main(gazetteer, text).sub_event_type) == (
        "Riots",
        "Violent demonstration",
    )


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("أعلن جيش النظام السوري الانسحاب من مدينة حماة بعد معارك عنيفة مع فصائل المعارضة.",
         "Non-state actor overtakes territory"),
        ("انسحب عناصر تنظيم الدولة من بلدة الكشمة بعد اشتباكات عنيفة مع قوات النظام.",
         "Government regains territory"),
    ],
)  # fmt: skip
def test_a_side_that_withdrew_from_a_place_it_fought_for_lost_it(gazetteer, text, sub):
    """ACLED codes a place changing hands through fighting as its taking by the other side, not as
    the clash; a transfer is non-violent only when no one fought for it."""
    assert main(gazetteer, text, "2020-01-01").sub_event_type == sub


def test_what_an_event_happens_amid_is_its_circumstance(gazetteer):
    """ "وسط قصف جوي": the clash is the report, the strike it happens amid its circumstance (reported
    after it, as a second event of its own type)."""
    text = "تجددت الاشتباكات اليوم بين الجيش الوطني السوري وقوات سوريا الديمقراطية في ريف الحسكة، وسط قصف جوي تركي."
    incidents = extract_incidents(text, gazetteer).incidents
    assert [(i.event_type, i.sub_event_type) for i in incidents][0] == ("Battles", "Armed clash")
    assert incidents[0].town.admin1 == "Al-Hasakeh"


@pytest.mark.parametrize(
    "text",
    [
        "شن تنظيم الدولة هجوما على بلدة صبيخان وسيطر على عدة نقاط في محيطها بعد مواجهات مع القوات الحكومية.",
        "اندلعت مواجهات عنيفة في بلدة صبيخان بين القوات الحكومية، التي انسحبت من أحد حواجز بلدة العشارة، وعناصر تنظيم الدولة.",
    ],
)
def test_posts_taken_or_given_up_are_no_change_of_territory(gazetteer, text):
    """ACLED's territory events are a location changing hands; posts and positions around a town taken
    ("سيطر على عدة نقاط") or left ("انسحبت من أحد حواجز البلدة") in the fighting leave it a clash."""
    assert main(gazetteer, text, "2019-01-01").sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "وتحدث التقرير عن البروتوكول الإضافي الأول، فقد تدارك واضعو البروتوكول الاتفاقيات الدولية في مدينة جنيف.",
        "عادت مئات العائلات إلى بلدة اللطامنة بعد اتفاق خفض التصعيد.",
    ],
)
def test_an_agreement_between_no_named_parties_is_no_event(gazetteer, text):
    """ACLED's Agreement is one reached between named parties; a convention cited or an agreement
    recalled as the time of a return names none."""
    assert not extract_incidents(text, gazetteer).is_incident


def test_an_agreement_between_named_parties_is_one(gazetteer):
    text = "توصلت قوات سوريا الديمقراطية والحكومة السورية إلى اتفاق لوقف إطلاق النار في مدينة الرقة."
    assert main(gazetteer, text, "2025-03-10").sub_event_type == "Agreement"


def test_an_area_cleared_of_explosives_is_no_explosion(gazetteer):
    """Clearing villages of mines is no explosion (ACLED codes a device that goes off, or one defused
    or detonated where found, not the clearance of an area)."""
    text = "انتهت وحدات الهندسة في الجيش من تطهير عدة قرى في ريف حماة الشمالي من العبوات الناسفة والألغام."
    assert not extract_incidents(text, gazetteer).is_incident


def test_an_event_told_as_a_while_before_is_no_news(gazetteer):
    """ "بعد أشهر على استعادة الجيش السيطرة عليها": the taking is when the sentence is told from; a
    lead that names only such an event reports nothing new (here, a return)."""
    text = (
        "عاد مئات الأهالي إلى منازلهم في بلدة صوران، بعد أشهر على استعادة الجيش السيطرة عليها عقب هجوم واسع."
    )
    assert not extract_incidents(text, gazetteer, "2017-06-01").is_incident


def test_the_centre_of_a_citys_area_is_the_city(gazetteer):
    """ "منطقة عفرين" alone is the area around the city (the region); its centre is the city."""
    centre = main(gazetteer, "انفجرت عبوة ناسفة مزروعة بسيارة في شارع الفيلات وسط منطقة عفرين.")
    area = main(gazetteer, "انفجرت عبوة ناسفة مزروعة بسيارة في منطقة عفرين.")
    assert (centre.settlement.name, centre.town.geo_precision) == ("عفرين", 1)
    assert area.settlement is None and area.town.name == "عفرين"


def test_a_raid_made_to_abduct_is_the_abduction(gazetteer):
    """ "داهمت منزلين … واختطفت شابين": the raid is how the abduction was done, one event placed where
    the detail says; what "كان قد" happened before is told as its background, not a second report."""
    text = (
        "اختطفت مجموعة مسلحة شابين في ريف حمص الشمالي، بهدف المفاوضة على عناصر مقربة منها، كان قد ألقي القبض عليهم.\n"
        "وقالت مصادر محلية إن المجموعة داهمت منزلين في قرية السعن الأسود بريف حمص الشمالي، واختطفت شابين."
    )
    incident = main(gazetteer, text)
    assert (incident.sub_event_type, incident.settlement.name) == (
        "Abduction/forced disappearance",
        "سعن الاسود",
    )


def test_ground_taken_with_supporting_fire_is_the_taking(gazetteer):
    """ "مثبتاً سيطرته على عدة مناطق بإسناد جوي، وقصف مركز": the fire is how the ground was won; ACLED
    codes the territory event."""
    text = (
        "سجل الجيش السوري اليوم تقدما بريف درعا الشمالي مثبتا سيطرته على عدة مناطق بإسناد جوي من الطيران "
        "المروحي، وقصف مركز بكافة الوسائط النارية."
    )
    assert main(gazetteer, text, "2018-07-16").sub_event_type == "Government regains territory"


def test_a_headline_of_arrests_puts_the_arrests_first(gazetteer):
    """ "اعتقالات جديدة…" over a body that first recalls an office seized: both are Strategic
    developments, and the headline's own kind of development is the article's main one."""
    text = (
        "اعتقالات جديدة بحق سياسيين ومعارضين كرد في شمال شرقي سوريا\n"
        "قوات الأسايش كانت قد استولت أيضا على مقر حزب يكيتي في مدينة القامشلي\n"
        "وفي 23 تموز أقدمت قوات الأسايش على اعتقال عضوين في الحزب في مدينة رأس العين."
    )
    incident = main(gazetteer, text, "2018-08-01")
    assert (incident.sub_event_type, incident.settlement.name) == ("Arrests", "رأس العين")


ANNIVERSARY_WITH_A_STANDFIRST = (
    "مجزرة الحولة\n"
    "وفد الأمم المتحدة كان شاهدا على دفن الضحايا\n"
    "توافق اليوم الذكرى التاسعة لمجزرة الحولة في ريف حمص، والتي راح ضحيتها أكثر من مئة شخص.\n"
    "قتلوا زوجة ابني وأختي وأولادها الاثنين."
)


def test_an_anniversary_under_a_standfirst_is_no_news(gazetteer):
    """The lead is read past a standfirst (a short line of its own, no full stop, no event): the
    anniversary it frames is the article, and a survivor's account of the massacre is no new event."""
    assert not extract_incidents(ANNIVERSARY_WITH_A_STANDFIRST, gazetteer).is_incident


@pytest.mark.parametrize(
    ("text", "dated"),
    [("قتلوا زوجة ابني وأختي وأولادها الاثنين.", False), ("قتل شاب برصاص مسلحين يوم الاثنين.", True)],
)
def test_the_two_after_a_noun_is_no_monday(gazetteer, text, dated):
    """ "أولادها الاثنين" is "her two children"; "يوم الاثنين" is Monday."""
    assert (main(gazetteer, text, "2021-05-26").date is not None) == dated
