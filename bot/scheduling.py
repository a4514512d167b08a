"""The scheduler (APScheduler 3), its jobs (retention, waiting requests, pairings, the morning summary), and the
lock that lets exactly one replica run it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import make_url

from bot import metrics
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


# Exactly one scheduler per deployment ------------------------------------------------------------------------

LOCK_KEY = 0x6A6F6273  # "jobs": the advisory lock id every replica of this bot tries to take


class Leadership:
    """Runs the scheduler in exactly one process of a deployment.

    On PostgreSQL a replica takes `pg_try_advisory_lock` on a connection of its own, kept for the life of the
    process: PostgreSQL releases the lock when that session ends, also when the process is killed. A replica
    without the lock tries again every `retry_seconds`; the one that gets it starts the scheduler and restores
    every pending notice and waiting request from the database, so nothing is lost or sent twice on takeover.
    On SQLite (one process) the scheduler just runs.
    """

    def __init__(
        self,
        database_url: str,
        scheduler: AsyncIOScheduler,
        on_lead,
        retry_seconds: float = 15,
    ) -> None:
        self._url = database_url
        self._scheduler = scheduler
        self._on_lead = on_lead  # coroutine function run right after the scheduler starts
        self._retry = retry_seconds
        self._connection = None
        self._task: asyncio.Task | None = None
        self.leading = False

    @property
    def shared(self) -> bool:
        return make_url(self._url).get_backend_name() == "postgresql"

    async def start(self) -> None:
        if not self.shared:
            await self._lead()
            return
        await self._try()
        self._task = asyncio.create_task(self._keep_trying(), name="scheduler-lock")

    async def _lead(self) -> None:
        self._scheduler.start()
        self.leading = True
        metrics.SCHEDULER_LEADER.set(1)
        log.info("this process runs the scheduler")
        await self._on_lead()

    async def _connect(self):
        import asyncpg

        url = make_url(self._url).set(drivername="postgresql")
        dsn = url.render_as_string(hide_password=False)
        return await asyncpg.connect(dsn, timeout=10)

    async def _try(self) -> None:
        try:
            if self._connection is None or self._connection.is_closed():
                self._connection = await self._connect()
            got = await self._connection.fetchval("SELECT pg_try_advisory_lock($1)", LOCK_KEY)
        except Exception as error:  # noqa: BLE001 - the database may be down: try again later
            log.warning("scheduler lock: database not reachable (%s); trying again", type(error).__name__)
            await self._drop_connection()
            return
        if got:
            await self._lead()

    async def _still_held(self) -> bool:
        try:
            await self._connection.fetchval("SELECT 1", timeout=10)
            return True
        except Exception:  # noqa: BLE001 - the session is gone, and the lock with it
            return False

    async def _keep_trying(self) -> None:
        while True:
            await asyncio.sleep(self._retry)
            if not self.leading:
                await self._try()
            elif not await self._still_held():
                # Our session ended (database restarted, network cut): another replica may lead now.
                log.warning("scheduler lock lost with the database connection; the scheduler stops here")
                await self._stop_scheduler()
                await self._drop_connection()

    async def _stop_scheduler(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down in a callback on the loop
        self.leading = False
        metrics.SCHEDULER_LEADER.set(0)

    async def _drop_connection(self) -> None:
        if self._connection is not None:
            try:
                await asyncio.wait_for(self._connection.close(), 5)
            except Exception:  # noqa: BLE001
                self._connection.terminate()
            self._connection = None

    async def stop(self) -> None:
        """Stop the scheduler and release the lock (closing the session releases it), so another replica
        takes over at its next try."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._stop_scheduler()
        if self._connection is not None and not self._connection.is_closed():
            with contextlib.suppress(Exception):
                await self._connection.fetchval("SELECT pg_advisory_unlock($1)", LOCK_KEY)
        await self._drop_connection()
