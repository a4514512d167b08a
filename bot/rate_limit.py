"""One rate limiter for every bulk sender (reminders, request announcements): Telegram allows about 30
messages a second overall and about one a second to the same chat. Slots are reserved in order, so
messages leave in the order they were queued and none is dropped.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    def __init__(
        self,
        per_second: float = 30.0,
        per_chat_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._interval = 1.0 / per_second
        self._per_chat = per_chat_seconds
        self._clock = clock
        self._sleep = sleep
        self._next_any = 0.0
        self._next_for: dict[int, float] = {}
        self._lock = asyncio.Lock()

    async def wait(self, chat_id: int) -> None:
        """Return when a message to `chat_id` may be sent."""
        async with self._lock:
            now = self._clock()
            slot = max(now, self._next_any, self._next_for.get(chat_id, 0.0))
            self._next_any = slot + self._interval
            self._next_for[chat_id] = slot + self._per_chat
            if len(self._next_for) > 10_000:  # forget chats whose slot has passed
                self._next_for = {chat: due for chat, due in self._next_for.items() if due > now}
        delay = slot - now
        if delay > 0:
            await self._sleep(delay)
