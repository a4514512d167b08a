"""Middlewares run for every update: private chats only, her language, her activity."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User

from bot.i18n import Catalogues, current_language
from bot.privacy import Privacy
from bot.storage.session_store import PROFILE, SessionStore, reads_of_one_update

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class OneUpdateReads(BaseMiddleware):
    """Outer update middleware: while one update is handled, a stored record is read from the database once."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        with reads_of_one_update():
            return await handler(event, data)


class PrivateChatsOnly(BaseMiddleware):
    """Outer update middleware: the bot talks to one person at a time, never in groups or channels.

    Updates from groups and channels are dropped without an answer: a reply there
    could tell others that she uses this bot.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update):
            if event.message is not None and event.message.chat.type != "private":
                return None
            if event.callback_query is not None:
                message = event.callback_query.message
                if message is None or message.chat.type != "private":
                    return None
            if event.channel_post or event.edited_channel_post or event.edited_message:
                return None
        return await handler(event, data)


class LocaleMiddleware(BaseMiddleware):
    """Sets her language for this update: her choice from the session, else Telegram's guess.

    Background updates (reminders, dialogs started by the scheduler) carry only her
    id, so the session is the source, never `language_code` alone.
    """

    def __init__(self, store: SessionStore, catalogues: Catalogues) -> None:
        self.store = store
        self.catalogues = catalogues

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        language = self.catalogues.best_match(user.language_code if user else None)
        if user is not None:
            profile = await self.store.read(user.id, PROFILE)
            language = profile.get("language") or language
        current_language.set(language)
        data["language"] = language
        return await handler(event, data)


class ActivityMiddleware(BaseMiddleware):
    """Marks stored women as active (at most hourly) so retention only removes the inactive."""

    def __init__(self, privacy: Privacy, every_seconds: float = 3600.0) -> None:
        self.privacy = privacy
        self.every = every_seconds
        self._last: dict[int, float] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is not None:
            now = time.monotonic()
            if now - self._last.get(user.id, -self.every) >= self.every:
                if len(self._last) > 100_000:
                    self._last.clear()
                self._last[user.id] = now
                await self.privacy.touch(user.id)
        return await handler(event, data)
