"""The scheduler (APScheduler 3) and the jobs that keep stored data within its limits."""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.privacy import Privacy

log = logging.getLogger(__name__)


async def delete_inactive(privacy: Privacy, retention_days: int) -> int:
    removed = await privacy.delete_inactive(retention_days)
    log.info("retention: removed data of %d inactive people", removed)
    return removed


def build_scheduler(privacy: Privacy, retention_days: int) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    # Stable id: restarting never adds a second copy of the job.
    scheduler.add_job(
        delete_inactive,
        CronTrigger(hour=3, minute=17),
        args=(privacy, retention_days),
        id="retention",
        replace_existing=True,
        coalesce=True,
        misfire_grace_time=6 * 3600,
    )
    return scheduler
