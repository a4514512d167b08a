"""The scheduler (APScheduler 3) and its jobs: retention, waiting requests, pairings, the morning summary."""

from __future__ import annotations

import logging
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import Settings
from bot.counselling import Counselling
from bot.privacy import Privacy
from bot.relay import Relay
from bot.stopping import quiet_when_stopping
from bot.storage.models import utcnow

log = logging.getLogger(__name__)


@quiet_when_stopping
async def delete_inactive(privacy: Privacy, retention_days: int) -> int:
    removed = await privacy.delete_inactive(retention_days)
    log.info("retention: removed data of %d inactive people", removed)
    return removed


@quiet_when_stopping
async def delete_old_transcripts(relay: Relay, days: int) -> int:
    removed = await relay.store.delete_old_transcripts(utcnow() - timedelta(days=days))
    log.info("retention: removed %d transcript lines", removed)
    return removed


@quiet_when_stopping
async def check_waiting_requests(relay: Relay) -> None:
    try:
        await relay.check_waiting()
    except Exception:  # noqa: BLE001 - the next run tries again; never stop the scheduler
        log.exception("checking waiting requests failed")


@quiet_when_stopping
async def morning_summary(counselling: Counselling) -> None:
    told = await counselling.morning_summary()
    log.info("morning summary sent to %d counsellors", told)


@quiet_when_stopping
async def check_pairings(counselling: Counselling) -> None:
    try:
        await counselling.end_orphaned()
        await counselling.catch_up()
    except Exception:  # noqa: BLE001 - the next run tries again
        log.exception("checking pairings and due reminders failed")


def build_scheduler(privacy: Privacy, settings: Settings, relay: Relay, counselling: Counselling) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    # Stable ids: restarting never adds a second copy of a job. Nightly clean-ups may run late, never twice.
    for job, args, job_id, minute in (
        (delete_inactive, (privacy, settings.retention_days), "retention", 17),
        (delete_old_transcripts, (relay, settings.transcript_retention_days), "transcript-retention", 27),
    ):
        scheduler.add_job(
            job,
            CronTrigger(hour=3, minute=minute),
            args=args,
            id=job_id,
            replace_existing=True,
            coalesce=True,
            misfire_grace_time=6 * 3600,
        )
    # Every few seconds, also right after a restart: re-announce untaken requests and tell her honestly when
    # nobody is free; end pairings whose counsellor left and give a due reminder whose job failed a new one.
    for job, target, job_id in (
        (check_waiting_requests, relay, "talk-waiting"),
        (check_pairings, counselling, "pairings"),
    ):
        scheduler.add_job(
            job,
            IntervalTrigger(seconds=settings.talk_check_seconds),
            args=(target,),
            id=job_id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )
    scheduler.add_job(
        morning_summary,
        CronTrigger(hour=7, minute=30, timezone=counselling.default_zone()),
        args=(counselling,),
        id="morning-summary",
        replace_existing=True,
        coalesce=True,
        misfire_grace_time=3600,
    )
    return scheduler
