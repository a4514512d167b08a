"""The fake Bot API behaves like Telegram where the bot depends on it (checked with aiogram's own client)."""

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.sandbox.bot_api import SCHEMA_PATH, FakeBotAPI

TOKEN = "42:fake"


@pytest.fixture
async def api_and_bot():
    async with FakeBotAPI() as fake:
        bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.url)))
        yield fake, bot
        await bot.session.close()


async def test_messages_show_edit_and_disappear(api_and_bot):
    fake, bot = api_and_bot
    her = fake.user(7)
    sent = await bot.send_message(7, "one")
    await bot.edit_message_text("two", chat_id=7, message_id=sent.message_id)
    assert her.bot_texts() == ["two"]
    with pytest.raises(TelegramBadRequest, match="not modified"):
        await bot.edit_message_text("two", chat_id=7, message_id=sent.message_id)
    await bot.delete_messages(7, [sent.message_id])
    assert her.screen() == []


async def test_her_messages_arrive_through_get_updates(api_and_bot):
    fake, bot = api_and_bot
    her = fake.user(7, language_code="ar")
    await her.send("/start")
    (update,) = await bot.get_updates(timeout=1)
    assert update.message.text == "/start"
    assert update.message.from_user.language_code == "ar"
    assert update.message.entities[0].type == "bot_command"


async def test_telegram_limits_are_enforced(api_and_bot):
    fake, bot = api_and_bot
    fake.user(7)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="x", callback_data="x" * 65)]])
        await bot.send_message(7, "hi", reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="too long"):
        await bot.send_message(7, "x" * 4097)
    old = await bot.send_message(7, "old")
    fake.advance(49 * 3600)
    await bot.delete_messages(7, [old.message_id])
    assert fake.user(7).bot_texts() == ["old"]  # too old to delete, as on Telegram


async def test_injected_errors(api_and_bot):
    fake, bot = api_and_bot
    fake.user(7)
    fake.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(7, "hi")
    assert error.value.retry_after == 3
    fake.fail_next("sendMessage", 403)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(7, "hi")
    await bot.send_message(7, "hi")


@pytest.mark.skipif(not SCHEMA_PATH.exists(), reason="the Bot API schema is not beside the project")
async def test_calls_are_checked_against_the_official_schema(api_and_bot):
    fake, bot = api_and_bot
    fake.user(7)
    with pytest.raises(TelegramBadRequest, match="unknown parameter"):
        await bot.send_message(7, "hi", disable_web_page_preview=True)
    assert fake.schema_violations
