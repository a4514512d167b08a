"""Telegram says no (429, 5xx, 403, slow answers): the bot waits, retries or lets go, and keeps running."""

from tests.e2e.steps import onboard

HER = 2121001


async def test_429_is_retried_after_the_wait_telegram_asks(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    fake_api.fail_next("sendMessage", 429, retry_after=1)
    await her.send("/start")
    await her.wait_for("Choose your language.", timeout=15)
    assert len(fake_api.calls_for("sendMessage")) == 2  # refused once, then sent


async def test_server_errors_are_retried_with_backoff(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    fake_api.fail_next("sendMessage", 502, times=2)
    await her.send("/start")
    await her.wait_for("Choose your language.", timeout=15)


async def test_blocked_by_her_is_not_a_crash(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    fake_api.fail_next("sendMessage", 403)
    await her.send("/start")
    await her.wait_idle()
    assert len(fake_api.calls_for("sendMessage")) == 1  # 403 is not retried
    await her.send("/start")
    await her.wait_for("Choose your language.")
    assert "a user has blocked the bot" in bot_process.logs()


async def test_get_updates_failures_do_not_stop_polling(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    fake_api.fail_next("getUpdates", 502, times=2)
    await her.send("/start")
    await her.wait_for("Choose your language.", timeout=20)
    await onboard_after_start(her)


async def onboard_after_start(her):
    await her.press("✓ English")
    await her.press_when("Continue ➡", containing="112")
    await her.wait_for("Remember me")


async def test_a_slow_answer_does_not_lose_her_tap(fake_api, bot_process):
    her = fake_api.user(HER, language_code="en")
    await onboard(her)
    fake_api.delay_next("editMessageText", 2)
    await her.press_when("⚙ Settings")
    await her.wait_for("Language:", timeout=15)
