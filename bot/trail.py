"""The trail of message ids in her chat, so quick exit can delete them.

Her messages are recorded as they arrive, the bot's as Telegram confirms them.
The trail lives in her session (memory unless she chose "remember me"), keeps
only ids (never content), and forgets ids older than Telegram's 48-hour limit.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import DeleteMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Message, TelegramObject

from bot.storage.session_store import TRAIL, SessionStore

DELETABLE_FOR_SECONDS = 48 * 3600 - 600  # a margin under Telegram's 48 hours
MAX_TRAIL = 3000


class Trail:
    def __init__(self, store: SessionStore, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def add(self, user_id: int, *message_ids: int) -> None:
        if not message_ids:
            return
        async with self._locks[user_id]:
            now = int(self._clock())
            entries = await self._fresh(user_id, now)
            known = {mid for mid, _ in entries}
            entries.extend([mid, now] for mid in message_ids if mid not in known)
            await self._store.write(user_id, TRAIL, {"m": entries[-MAX_TRAIL:]})

    async def discard(self, user_id: int, *message_ids: int) -> None:
        """Forget ids of messages already deleted (e.g. a screen re-sent lower in the chat)."""
        async with self._locks[user_id]:
            entries = await self._fresh(user_id, int(self._clock()))
            gone = set(message_ids)
            kept = [e for e in entries if e[0] not in gone]
            if len(kept) != len(entries):
                await self._store.write(user_id, TRAIL, {"m": kept})

    async def take_all(self, user_id: int) -> list[int]:
        """Every deletable id, and the trail emptied."""
        async with self._locks[user_id]:
            entries = await self._fresh(user_id, int(self._clock()))
            await self._store.write(user_id, TRAIL, {})
        self._locks.pop(user_id, None)
        return [mid for mid, _ in entries]

    async def _fresh(self, user_id: int, now: int) -> list[list[int]]:
        data = await self._store.read(user_id, TRAIL)
        return [e for e in data.get("m", []) if now - e[1] < DELETABLE_FOR_SECONDS]


class IncomingTrailMiddleware(BaseMiddleware):
    """Outer message middleware: records each of her messages in a private chat."""

    def __init__(self, trail: Trail) -> None:
        self.trail = trail

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Message) and event.chat.type == "private" and event.from_user:
            await self.trail.add(event.chat.id, event.message_id)
        return await handler(event, data)


class OutgoingTrailMiddleware(BaseRequestMiddleware):
    """Bot session middleware: records every message the bot sends to a private chat."""

    def __init__(self, trail: Trail) -> None:
        self.trail = trail

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> TelegramType:
        result = await make_request(bot, method)
        if isinstance(method, DeleteMessage) and result is True and isinstance(method.chat_id, int):
            await self.trail.discard(method.chat_id, method.message_id)
            return result
        messages = result if isinstance(result, list) else [result]
        ids = [m.message_id for m in messages if isinstance(m, Message) and m.chat.type == "private"]
        if ids:
            await self.trail.add(messages[0].chat.id, *ids)
        return result
