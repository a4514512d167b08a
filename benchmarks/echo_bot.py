"""A bare aiogram bot that echoes every message and answers every button by editing its message: the yardstick
for `journey_throughput.py`. Reads BOT_TOKEN and TELEGRAM_API_URL like the real bot."""

import asyncio
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

KEYBOARD = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="again", callback_data="again")]])


async def main() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "?", reply_markup=KEYBOARD)

    @dispatcher.callback_query()
    async def again(callback: CallbackQuery) -> None:
        await callback.answer()
        await callback.message.edit_text(f"{callback.message.text}!", reply_markup=KEYBOARD)

    await dispatcher.start_polling(bot)


if __name__ == "__main__":
    asyncio.run(main())
