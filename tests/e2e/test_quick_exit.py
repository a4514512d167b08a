"""Quick exit erases the conversation from her screen in one tap and ends the session."""

from tests.e2e.steps import onboard, tr

HER = 5151001


async def test_exit_button_wipes_a_long_conversation(fake_api, bot_process):
    her = fake_api.user(HER, language_code="ar")
    await onboard(her, "ar", "العربية")
    for i in range(130):  # more than one deleteMessages batch
        await her.send(f"رسالة {i}")
    await her.wait_for(lambda m: sum(1 for x in her.screen() if x["from_bot"]) > 100, timeout=60)
    await her.wait_idle()
    assert len(her.screen()) > 200

    on_screen = {m["message_id"] for m in her.screen()}
    single_deletes_before = len(fake_api.calls_for("deleteMessage"))
    await her.press_when(tr("✖ Exit", "ar"))
    await her.wait_for(lambda m: len(her.screen()) == 1, timeout=10)
    (left,) = her.screen()
    assert left["from_bot"] and left["text"] == tr("Send /start to begin.", "ar")
    assert not left["reply_markup"]
    # Batched calls of at most 100 ids, not one call per message (timings: benchmarks/quick_exit.py).
    batches = [set(call["message_ids"]) for call in fake_api.calls_for("deleteMessages")]
    assert all(len(batch) <= 100 for batch in batches)
    assert on_screen <= set().union(*batches)
    assert len(batches) == -(-len(on_screen) // 100)  # the trail holds only what is still there
    assert len(fake_api.calls_for("deleteMessage")) == single_deletes_before


async def test_exit_command_ends_the_session(fake_api, bot_process):
    her = fake_api.user(HER, language_code="fr")
    await onboard(her, "fr", "Français")
    await her.press_when(tr("⚙ Settings", "fr"))
    await her.wait_for(tr("Language: {language}", "fr").split("{")[0])
    await her.send("/exit")
    await her.wait_for(lambda m: len(her.screen()) == 1)
    assert her.screen()[0]["text"] == tr("Send /start to begin.", "fr")

    # The session is gone: /start begins again from the language picker (nothing remembered).
    await her.send("/start")
    await her.wait_for(tr("Choose your language.", "fr"))

    # A button of the erased conversation does not bring it back.
    old_menu_button = fake_api.calls_for("sendMessage")[2]["reply_markup"]["inline_keyboard"][0][0]
    await her.press_data(old_menu_button["callback_data"], 3)
    await her.wait_idle()
    assert bot_process.alive


async def test_messages_older_than_48_hours_are_left_alone(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    await onboard(her)
    fake_api.advance(49 * 3600)
    await her.send("hello again")
    await her.wait_for("Please use the buttons below.")
    await her.press_when("✖ Exit")
    await her.wait_for("Send /start to begin.")
    await her.wait_idle()
    # Telegram would refuse the old ones; the new ones are gone.
    assert "hello again" not in [m["text"] for m in her.screen()]
