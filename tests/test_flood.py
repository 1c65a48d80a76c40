"""A flooding user (docs/reliability.md §5 F45): one "slow down", the rest ignored, other users still answered."""

from __future__ import annotations

import asyncio
import time

from handlers.flood import Admission, FloodGuard

FLOODER, OTHER = 5101, 5102


def test_a_bucket_passes_its_size_warns_once_then_drops_until_it_refills():
    async def run():
        guard = FloodGuard(per_minute=60)  # 60 at once, then one a second
        first = [await guard.admit(1) for _ in range(63)]
        assert first.count(Admission.PASS) == 60
        assert first[60:] == [Admission.WARN, Admission.DROP, Admission.DROP]
        assert await guard.admit(2) is Admission.PASS  # someone else is not held back
        await asyncio.sleep(1.2)
        assert await guard.admit(1) is Admission.PASS
        assert await guard.admit(1) is Admission.WARN  # a new episode gets its own warning

    asyncio.run(run())


def test_the_table_of_users_stays_bounded():
    async def run():
        guard = FloodGuard(per_minute=1, max_users=3)
        for user in range(10):
            assert await guard.admit(user) is Admission.PASS
        assert len(guard._buckets) == 3
        assert await guard.admit(9) is Admission.WARN  # the recent ones are remembered
        assert await guard.admit(0) is Admission.PASS  # the forgotten start afresh

    asyncio.run(run())


def test_a_flooding_user_gets_one_warning_and_others_are_still_answered(bot_process, telegram_emulator):
    for _ in range(60):
        telegram_emulator.send_message(FLOODER, "/latest", user_id=FLOODER)
    telegram_emulator.send_message(OTHER, "/latest", user_id=OTHER)
    [other] = telegram_emulator.wait_for_messages(OTHER, 1, timeout=30)
    assert "Slow down" not in other["text"] and "مهلاً" not in other["text"]
    telegram_emulator.wait_for_messages(FLOODER, 21, timeout=30)
    time.sleep(2)  # anything the bot would still send to the flooder
    replies = [m["text"] for m in telegram_emulator.messages(FLOODER)]
    warnings = [t for t in replies if t.startswith(("Slow down", "مهلاً"))]
    assert 1 <= len(warnings) <= 2
    assert 20 <= len(replies) - len(warnings) <= 22  # the bucket, plus what refilled meanwhile
