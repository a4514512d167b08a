"""Background jobs and the bot stopping: a job cut short by a shutdown is not an error."""

from __future__ import annotations

import asyncio
import functools
import logging

log = logging.getLogger(__name__)


def quiet_when_stopping(job):
    """A job cut short because the bot is stopping logs one line, not a traceback: its work is in the
    database and the next start picks it up."""

    @functools.wraps(job)
    async def run(*args, **kwargs):
        try:
            return await job(*args, **kwargs)
        except asyncio.CancelledError:
            log.info("%s stopped with the bot", getattr(job, "__name__", "a job"))
            return None

    return run
