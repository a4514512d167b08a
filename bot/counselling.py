"""Counsellors and the women who agreed to pair with them: invitations, reminders, her answers.

Reminders live in the database; APScheduler holds one job per notice (stable id `notice:<id>`), rebuilt
from the table at start. A notice is claimed before it is sent and settled once delivered, so a restart or a
second replica never sends it twice, and one whose sender died mid-send is sent by the next scheduler.
Texts to her name neither the organisation's field nor anything about her past.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from babel.dates import format_date, format_time

from bot import clock, metrics
from bot.consent import Purpose
from bot.directory import Directory
from bot.i18n import N_, Catalogues, babel_locale
from bot.privacy import Privacy
from bot.rate_limit import RateLimiter
from bot.reminders import (
    ANSWERS,
    DROP,
    SEND_LATE,
    Series,
    in_quiet_hours,
    missed,
    shifted_out_of_quiet_hours,
)
from bot.stopping import quiet_when_stopping
from bot.storage.counselling_store import CounsellingStore, NoticeView, PairingView
from bot.storage.models import utcnow
from bot.storage.talk_store import Staff, TalkStore

log = logging.getLogger(__name__)

PAIR_PREFIX = "pair_"
SENDING_AT_ONCE = 20
SILENT, SHIFT = "silent", "shift"


class ReminderAnswer(CallbackData, prefix="rm"):
    notice: int
    answer: str


# To her ---------------------------------------------------------------------------------------
REMINDER = N_("🗓 Reminder: you have an appointment on {date} at {time}.")
REMINDER_NOTE = N_("Note: {note}")
# To the counsellor -------------------------------------------------------------------------------
SHE_ACCEPTED = N_("{alias} accepted your invitation. You can now send her reminders.")
SHE_DECLINED = N_("Your invitation {code} was declined.")
SHE_UNPAIRED = N_("{alias} ended the pairing. Her reminders are cancelled.")
SHE_ANSWERED = N_("{alias}: {answer} ({when})")
SHE_UNREACHABLE = N_("{alias} can no longer receive messages. The pairing is paused and her reminders cancelled.")
SHE_SHARED = N_("{alias} shared her interview notes with you:")
MISSED_WHILE_DOWN = N_("A reminder to {alias} for {when} could not be sent in time (the bot was down).")
MORNING = N_("<b>Today's sessions</b>")
MORNING_LINE = N_("{time} · {alias} · {answer}")
NO_ANSWER = N_("no answer yet")


class Counselling:
    def __init__(
        self,
        bot: Bot,
        store: CounsellingStore,
        staff: TalkStore,
        privacy: Privacy,
        cats: Catalogues,
        directory: Directory,
        limiter: RateLimiter,
        leads: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=1)),
        quiet_mode: str = SILENT,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._bot = bot
        self.store = store
        self._staff = staff
        self._privacy = privacy
        self._cats = cats
        self._directory = directory
        self._limiter = limiter
        self._leads = leads
        self._quiet_mode = quiet_mode
        self._clock = clock
        self._scheduler: AsyncIOScheduler | None = None
        # Thousands of notices can fall due in the same minute: only a few at a time touch the database, so
        # the connection pool is never exhausted (the rate limiter paces what reaches Telegram).
        self._sending = asyncio.Semaphore(SENDING_AT_ONCE)

    def attach(self, scheduler: AsyncIOScheduler) -> None:
        self._scheduler = scheduler

    def _t(self, message: str, language: str, /, **values) -> str:
        return self._cats.render_in(message, language, **values)

    def staff_language(self, staff: Staff) -> str:
        return self._cats.first_offered(staff.languages)

    def default_zone(self) -> ZoneInfo:
        return self._directory.timezone

    def when(self, moment: datetime, zone: ZoneInfo, language: str) -> tuple[str, str]:
        """Date and time of `moment` in `zone`, written the way her language writes them."""
        local = moment.astimezone(zone)
        locale = babel_locale(language)
        return format_date(local, "full", locale=locale), format_time(local, "short", locale=locale)

    async def _tell(self, chat_id: int, text: str, **kwargs) -> bool:
        await self._limiter.wait(chat_id)
        try:
            await self._bot.send_message(chat_id, text, **kwargs)
            return True
        except (TelegramForbiddenError, TelegramBadRequest):
            return False

    async def _tell_counsellor(self, counsellor_id: int | None, message: str, **values) -> None:
        staff = await self._staff.staff_by_id(counsellor_id) if counsellor_id else None
        if staff is not None:
            await self._tell(staff.chat_id, self._t(message, self.staff_language(staff), **values))

    # Pairing -------------------------------------------------------------------------------------

    async def invite(self, staff: Staff) -> str:
        code = await self.store.create_invite(staff.id, self._clock())
        await self._staff.audit(staff.label, "pairing invite")
        return code

    async def accept(self, her_id: int, code: str, alias: str, language: str) -> PairingView | None:
        counsellor_id = await self.store.use_invite(code, self._clock())
        if counsellor_id is None:
            return None
        pairing = await self.store.pair(her_id, counsellor_id, alias, language, self.default_zone())
        await self._tell_counsellor(counsellor_id, SHE_ACCEPTED, alias=alias)
        return pairing

    async def decline(self, code: str) -> bool:
        counsellor_id = await self.store.use_invite(code, self._clock())
        if counsellor_id is None:
            return False
        await self._tell_counsellor(counsellor_id, SHE_DECLINED, code=code.upper())
        return True

    async def before_unpair(self, her_id: int) -> None:
        """Called before "my counsellor" is switched off (or everything deleted): her counsellor is told and her
        notice jobs are dropped; the rows themselves go with the consent."""
        pairing = await self.store.pairing_of(her_id)
        if pairing is None:
            return
        for reminder in await self.store.reminders_of(pairing.id):
            self._unschedule(await self.store.notices_of(reminder.id))
        await self._tell_counsellor(pairing.counsellor_id, SHE_UNPAIRED, alias=pairing.alias)

    async def unpair(self, her_id: int) -> None:
        # The before-revoke hook (before_unpair) tells her counsellor; the consent takes the data with it.
        await self._privacy.set_consent(her_id, Purpose.MY_COUNSELLOR, False)

    async def share_with_counsellor(self, her_id: int, text_html: str) -> bool:
        """She chose to send something she prepared (her interview notes) to her counsellor."""
        pairing = await self.store.pairing_of(her_id)
        staff = await self._staff.staff_by_id(pairing.counsellor_id) if pairing and pairing.counsellor_id else None
        if pairing is None or not pairing.active or staff is None:
            return False
        header = self._t(SHE_SHARED, self.staff_language(staff), alias=pairing.alias)
        return await self._tell(staff.chat_id, f"{header}\n\n{text_html}"[:4096])

    # Reminders -----------------------------------------------------------------------------------

    async def add_reminder(self, staff: Staff, pairing_id: int, series: Series, note: str) -> int | None:
        pairing = await self.store.pairing(pairing_id)
        if pairing is None or pairing.counsellor_id != staff.id or not pairing.active:
            return None
        reminder_id = await self.store.add_reminder(pairing_id, series, note)
        await self._staff.audit(staff.label, "reminder set")
        await self._plan(reminder_id)
        return reminder_id

    async def cancel_reminder(self, staff: Staff, reminder_id: int) -> bool:
        pairing = await self.store.pairing_for_reminder(reminder_id)
        if pairing is None or pairing.counsellor_id != staff.id:
            return False
        self._unschedule(await self.store.notices_of(reminder_id))
        await self.store.cancel_reminder(reminder_id)
        await self._staff.audit(staff.label, "reminder cancelled")
        return True

    async def _plan(self, reminder_id: int) -> None:
        for notice in await self.store.plan(reminder_id, self._clock(), self._leads):
            await self._schedule(notice)

    async def _schedule(self, notice: NoticeView) -> None:
        now = self._clock()
        verdict = missed(notice.due_at, notice.appointment_at, now)
        if verdict == DROP:
            if await self.store.claim_notice(notice.id, now):
                await self.store.settle_notice(notice.id, now)
                pairing = await self.store.pairing_for_reminder(notice.reminder_id)
                if pairing is not None:
                    when = " ".join(self.when(notice.appointment_at, self.default_zone(), "en"))
                    await self._tell_counsellor(
                        pairing.counsellor_id, MISSED_WHILE_DOWN, alias=pairing.alias, when=when
                    )
            await self._plan(notice.reminder_id)  # the next one of a series
            return
        run_at = now if verdict == SEND_LATE else notice.due_at
        if self._quiet_mode == SHIFT:
            pairing = await self.store.pairing_for_reminder(notice.reminder_id)
            if pairing is not None:
                run_at = max(now, shifted_out_of_quiet_hours(run_at, pairing.timezone, notice.appointment_at))
        if self._scheduler is None or not self._scheduler.running:
            return  # another replica runs the scheduler; its check picks the notice up when it is due
        self._scheduler.add_job(
            quiet_when_stopping(self.send_notice),
            DateTrigger(run_date=clock.real(run_at)),  # the sandbox may have moved the clock
            args=(notice.id,),
            id=f"notice:{notice.id}",
            replace_existing=True,
            misfire_grace_time=None,  # late is decided by `missed`, not by the scheduler
        )

    def _unschedule(self, notices: list[NoticeView]) -> None:
        if self._scheduler is None:
            return
        for notice in notices:
            job = self._scheduler.get_job(f"notice:{notice.id}")
            if job is not None:
                job.remove()

    async def restore(self) -> None:
        """When this process becomes the scheduler (at start, or taking over from a replica that died): plan every
        series again and rebuild one job per unsent notice (late ones sent now if the appointment has not
        started, dropped otherwise, with a word to the counsellor). Notices a dead sender had claimed but not
        delivered are sent again."""
        released = await self.store.release_abandoned()
        if released:
            log.info("%d reminders claimed by a stopped process are due again", released)
        for reminder in await self.store.all_reminders():
            await self.store.plan(reminder.id, self._clock(), self._leads)
        for notice in await self.store.unsent_notices():
            await self._schedule(notice)

    async def send_notice(self, notice_id: int) -> None:
        metrics.REMINDERS_DUE.inc()
        async with self._sending:
            await self._send_notice(notice_id)

    async def catch_up(self) -> None:
        """Every few seconds: a notice that is due, unsent and has no job (its job failed, e.g. the database was
        busy) gets one now. Nothing due is left behind until the next restart."""
        if self._scheduler is None or not self._scheduler.running:
            return
        now = self._clock()
        for notice in await self.store.unsent_notices():
            if notice.due_at <= now and self._scheduler.get_job(f"notice:{notice.id}") is None:
                await self._schedule(notice)

    async def _send_notice(self, notice_id: int) -> None:
        notice = await self.store.notice(notice_id)
        if notice is None or notice.sent:
            return  # cancelled, unpaired, or sent by another replica
        now = self._clock()
        if now >= notice.appointment_at:
            await self._schedule(notice)  # dropped, with a word to the counsellor
            return
        reminder = await self.store.reminder(notice.reminder_id)
        pairing = await self.store.pairing_for_reminder(notice.reminder_id)
        if reminder is None or pairing is None or not pairing.active:
            return
        if not await self.store.claim_notice(notice_id, now):
            return
        language = pairing.language
        day, at = self.when(notice.appointment_at, pairing.timezone, language)
        lines = [self._t(REMINDER, language, date=day, time=at)]
        if reminder.note:
            lines.append(self._t(REMINDER_NOTE, language, note=reminder.note))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=self._t(label, language),
                        callback_data=ReminderAnswer(notice=notice_id, answer=key).pack(),
                    )
                ]
                for key, label in ANSWERS.items()
            ]
        )
        await self._limiter.wait(pairing.chat_id)
        try:
            await self._bot.send_message(
                pairing.chat_id,
                "\n".join(lines),
                reply_markup=keyboard,
                disable_notification=in_quiet_hours(now, pairing.timezone),
            )
        except TelegramForbiddenError:
            metrics.REMINDERS_FAILED.inc()
            await self.store.settle_notice(notice_id)
            await self.store.deactivate(pairing.id)
            await self._tell_counsellor(pairing.counsellor_id, SHE_UNREACHABLE, alias=pairing.alias)
            return
        except TelegramBadRequest:
            metrics.REMINDERS_FAILED.inc()
            await self.store.settle_notice(notice_id)  # will not get better by trying again
            return
        except TelegramAPIError:
            # 429 beyond the waits, 5xx, network: due again, the next check sends it.
            metrics.REMINDERS_FAILED.inc()
            await self.store.unclaim_notice(notice_id)
            return
        await self.store.settle_notice(notice_id)
        metrics.REMINDERS_SENT.inc()
        await self._plan(notice.reminder_id)  # a series: the next appointment gets its notices

    async def record_answer(self, her_id: int, notice_id: int, answer: str) -> str | None:
        """Her tap on a reminder; the counsellor is told at once. Returns the answer's label, or None."""
        if answer not in ANSWERS:
            return None
        notice = await self.store.notice(notice_id)
        pairing = await self.store.pairing_for_reminder(notice.reminder_id) if notice else None
        if notice is None or pairing is None or pairing.chat_id != her_id:
            return None
        await self.store.answer(notice_id, answer)
        staff = await self._staff.staff_by_id(pairing.counsellor_id) if pairing.counsellor_id else None
        if staff is not None:
            language = self.staff_language(staff)
            when = " ".join(self.when(notice.appointment_at, self.default_zone(), language))
            text = self._t(
                SHE_ANSWERED, language, alias=pairing.alias, answer=self._t(ANSWERS[answer], language), when=when
            )
            await self._tell(staff.chat_id, text)
        return self._t(ANSWERS[answer], pairing.language)

    # For the counsellor's screens ---------------------------------------------------------------------

    async def upcoming(self, pairing_id: int) -> list[tuple[int, datetime, str, str | None]]:
        """(reminder id, next appointment, repeat, her answer to it) for each of her reminders."""
        rows = []
        now = self._clock()
        for reminder in await self.store.reminders_of(pairing_id):
            upcoming = reminder.series.next_after(now)
            if upcoming is None:
                continue
            index, appointment = upcoming
            answers = [n.answer for n in await self.store.notices_of(reminder.id) if n.occurrence == index and n.answer]
            rows.append((reminder.id, appointment, reminder.series.repeat, answers[0] if answers else None))
        return sorted(rows, key=lambda row: row[1])

    async def morning_summary(self) -> int:
        """Each counsellor gets today's sessions with the answers so far; returns how many were told."""
        now = self._clock()
        zone = self.default_zone()
        today = now.astimezone(zone).date()
        told = 0
        for staff in await self._staff.all_staff():
            lines = []
            language = self.staff_language(staff)
            for pairing in await self.store.pairings_of(staff.id):
                for _id, appointment, _repeat, answer in await self.upcoming(pairing.id):
                    if appointment.astimezone(zone).date() != today:
                        continue
                    answer_text = self._t(ANSWERS[answer], language) if answer else self._t(NO_ANSWER, language)
                    _day, at = self.when(appointment, zone, language)
                    lines.append(self._t(MORNING_LINE, language, time=at, alias=pairing.alias, answer=answer_text))
            if lines and await self._tell(staff.chat_id, "\n".join([self._t(MORNING, language), *sorted(lines)])):
                told += 1
        return told

    async def end_orphaned(self) -> None:
        """Pairings whose counsellor was removed without a hand-over end, with their reminders: no orphaned jobs."""
        for pairing in await self.store.orphaned_pairings():
            for reminder in await self.store.reminders_of(pairing.id):
                self._unschedule(await self.store.notices_of(reminder.id))
            await self.store.end_pairing(pairing.id)
