"""The bot's clock: real time, moved forward only in the sandbox so reminders and timeouts show without waiting.

Every "now" in the bot comes from here. `offset` is zero in production; `python -m bot sandbox` writes
an offset into a file the bot follows (SANDBOX_CLOCK_FILE), and jobs planned for a time are scheduled at
the real moment that time will be reached (`real`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

log = logging.getLogger(__name__)
_offset = timedelta(0)


def now(zone: tzinfo = UTC) -> datetime:
    return datetime.now(zone) + _offset


def offset() -> timedelta:
    return _offset


def real(at: datetime) -> datetime:
    """The wall-clock moment at which the bot's clock shows `at`."""
    return at - _offset


def set_offset(value: timedelta) -> None:
    global _offset
    _offset = value


async def follow_offset_file(path: Path, on_jump: Callable[[], Awaitable[None]], every: float = 0.5) -> None:
    """Sandbox only: take the offset (in seconds) from `path` whenever it changes, then call `on_jump`."""
    seen = None
    while True:
        try:
            text = path.read_text().strip() if path.exists() else "0"
            if text != seen:
                seen = text
                set_offset(timedelta(seconds=float(text or 0)))
                await on_jump()
        except ValueError:
            log.warning("the sandbox clock file holds no number; clock unchanged")
        except Exception:  # noqa: BLE001 - the sandbox clock must never stop the bot
            log.exception("applying the sandbox clock failed")
        await asyncio.sleep(every)
