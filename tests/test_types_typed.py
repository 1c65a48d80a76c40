"""A kind of event in the words people type, read the same way by every command."""

import pytest

from answers.selection import resolve_type
from tests.test_answers import ask, loaded  # noqa: F401  (the seeds stored as a fixture)


@pytest.mark.parametrize(
    ("words", "acled"),
    [
        ("قصف", "Shelling/artillery/missile attack"),
        ("القصف", "Shelling/artillery/missile attack"),
        ("اشتباكات", "Battles"),
        ("غارة", "Air/drone strike"),
        ("عبوة ناسفة", "Remote explosive/landmine/IED"),
        ("العبوات الناسفة", "Remote explosive/landmine/IED"),
        ("اغتيال", "Attack"),
        ("اعتقال", "Arrests"),
        ("airstrike", "Air/drone strike"),
        ("اشتباك مسلح", "Armed clash"),
        ("Armed clash", "Armed clash"),
    ],
)
def test_everyday_words_name_acled_types(words, acled):
    assert resolve_type(words) == acled


def test_type_and_subscribe_read_a_type_alike(loaded):  # noqa: F811
    assert "اشتباك مسلح" in ask(loaded, "/type اشتباكات")
    ask(loaded, "/subscribe type اشتباك مسلح")  # was "Unknown type": /type and /subscribe disagreed
    assert loaded.db.execute("SELECT value_key FROM subscriptions WHERE chat_id = 100").fetchall() == [
        ("armed clash",)
    ]
    reply = ask(loaded, "/subscribe type عبوة ناسفة", chat_id=101)
    assert "Unknown" not in reply and "غير معروف" not in reply
    assert loaded.db.execute("SELECT value_key FROM subscriptions WHERE chat_id = 101").fetchall() == [
        ("remote explosive/landmine/ied",)
    ]
