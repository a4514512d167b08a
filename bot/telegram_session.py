"""The HTTP session to the Bot API, with the parsed response types kept alive.

aiogram checks every answer with `Response[<method's result type>]`. pydantic keeps such generic classes
only in a weak cache, so the garbage collector drops them and the next call builds the class again: about
ten milliseconds of CPU on most calls, which made the bot CPU-bound at a few dozen updates a second
(benchmarks/journey_throughput.py). Holding each class once makes it a dictionary lookup.
"""

from __future__ import annotations

from typing import Any

from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods.base import Response


class BotApiSession(AiohttpSession):
    _response_types: dict[Any, type] = {}

    def check_response(self, bot, method, status_code: int, content: str):
        returning = method.__returning__
        if returning not in self._response_types:
            self._response_types[returning] = Response[returning]  # type: ignore[valid-type]
        return super().check_response(bot, method, status_code, content)
