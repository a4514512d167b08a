"""Whatever arrives, in whatever state, she gets a short reply or silence: never a crash."""

import asyncio

from tests.e2e.steps import onboard

HER = 3131001
HINT = "Please use the buttons below."

ODD_MESSAGES = [
    {
        "sticker": {
            "file_id": "S1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    {"photo": [{"file_id": "P1", "file_unique_id": "p1", "width": 90, "height": 90}]},
    {"voice": {"file_id": "V1", "file_unique_id": "v1", "duration": 3}},
    {"video": {"file_id": "D1", "file_unique_id": "d1", "width": 1, "height": 1, "duration": 1}},
    {"location": {"latitude": 37.98, "longitude": 23.72}},
    {"contact": {"phone_number": "+30 210 000 0000", "first_name": "X"}},
    {"document": {"file_id": "F1", "file_unique_id": "f1", "file_name": "contract.pdf"}},
    {
        "poll": {
            "id": "1",
            "question": "?",
            "options": [{"persistent_id": "o1", "text": "a", "voter_count": 0}],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
    },
    {"text": "x" * 5000},
    {"text": "😀😀😀"},
    {"text": "مرحبا، أريد عملا في مطعم 123"},
    {"text": "/unknowncommand with junk"},
]


async def test_every_odd_message_in_every_state_gets_a_short_answer(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    # Before any screen exists: the bot opens the start screen.
    await her.send_content(**ODD_MESSAGES[0])
    await her.wait_for("Choose your language.")
    await onboard(her)
    for state_button in (None, "⚙ Settings", "🔒 What I may keep"):
        if state_button:
            await her.press_when(state_button)
            await her.wait_idle()
        for content in ODD_MESSAGES:
            before = len(fake_api.calls_for("sendMessage"))
            await her.send_content(**content)
            await her.wait_idle(quiet=0.2)
            assert len(fake_api.calls_for("sendMessage")) > before, content
        assert her.last_keyboard_message() is not None  # the screen is still there to use
    # A known command with junk arguments just does what the command does.
    junk = await her.send("/start ' OR 1=1 -- \u202e")
    await her.wait_for("What would you like to do?", after=junk)
    assert bot_process.alive


async def test_groups_channels_and_edits_are_ignored(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    group = {"id": -1001, "type": "supergroup", "title": "Work"}
    await her.send_raw(
        {"message": {"message_id": 1, "date": fake_api.now(), "chat": group, "from": her.as_user(), "text": "/start"}}
    )
    await her.send_raw(
        {
            "channel_post": {
                "message_id": 2,
                "date": fake_api.now(),
                "chat": {"id": -1002, "type": "channel", "title": "News"},
                "text": "/start",
            }
        }
    )
    sent = await her.send("/start")
    await her.wait_for("Choose your language.")
    await her.edit(sent, "edited")
    await her.wait_idle()
    assert not [c for c in fake_api.calls_for("sendMessage") if str(c["chat_id"]).startswith("-")]
    assert len(fake_api.calls_for("sendMessage")) == 1


async def test_stale_and_forged_buttons_show_the_current_screen(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    await onboard(her)
    menu = her.last_keyboard_message()
    await her.press_data("nonsense-intent\x1dlearn", menu["message_id"])  # forged
    await her.wait_idle()
    await her.press_data("no-intent-at-all", menu["message_id"])
    await her.wait_idle()
    await her.press_data("zzzzzz\x1dqx", 9999)  # a message that does not exist
    await her.wait_idle()
    assert len(fake_api.answered_callbacks) >= 3
    await her.wait_for("What would you like to do?")
    assert bot_process.alive


async def test_fast_repeated_taps_do_not_break_the_screen(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    await onboard(her)
    menu = her.last_keyboard_message()
    await asyncio.gather(*(her.press("⚙ Settings", message=menu) for _ in range(5)))
    await her.wait_idle()
    await her.wait_for("Language:")
    await her.press_when("⬅ Back")
    await her.wait_for("What would you like to do?")
