"""Pairings and reminders: the only place that reads or writes their tables.

Every row about her is under "my counsellor": accepting a pairing switches it on, and switching it
off (or unpairing, or "delete everything") deletes the pairing, its reminders and notices at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.consent import Purpose
from bot.reminders import Series, notices
from bot.storage.crypto import Vault
from bot.storage.models import Pairing, PairInvite, Person, Reminder, ReminderNotice, as_utc, utcnow
from bot.storage.repositories import PersonalData
from bot.talk import new_code

INVITE_HOURS = 48


@dataclass(frozen=True)
class PairingView:
    id: int
    person_id: int
    counsellor_id: int | None
    alias: str
    chat_id: int
    language: str
    timezone: ZoneInfo
    active: bool


@dataclass(frozen=True)
class ReminderView:
    id: int
    pairing_id: int
    series: Series
    note: str


@dataclass(frozen=True)
class NoticeView:
    id: int
    reminder_id: int
    occurrence: int
    appointment_at: datetime
    lead: str
    due_at: datetime
    sent: bool
    answer: str | None


class CounsellingStore:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], vault: Vault) -> None:
        self._sessionmaker = sessionmaker
        self._vault = vault

    # Invites -------------------------------------------------------------------------------

    async def create_invite(self, counsellor_id: int, now: datetime | None = None) -> str:
        now = now or utcnow()
        for _attempt in range(5):
            code = new_code(6)
            try:
                async with self._sessionmaker() as session, session.begin():
                    session.add(
                        PairInvite(
                            code_ref=self._vault.ref(f"pair|{code}"),
                            counsellor_id=counsellor_id,
                            expires_at=now + timedelta(hours=INVITE_HOURS),
                        )
                    )
                return code
            except IntegrityError:
                continue
        raise RuntimeError("could not draw a free pairing code")

    async def invite_counsellor(self, code: str, now: datetime | None = None) -> int | None:
        """The counsellor behind a valid, unused code, without using it."""
        now = now or utcnow()
        async with self._sessionmaker() as session:
            return await session.scalar(
                select(PairInvite.counsellor_id).where(
                    PairInvite.code_ref == self._vault.ref(f"pair|{code.strip().upper()}"),
                    PairInvite.used_at.is_(None),
                    PairInvite.expires_at > now,
                )
            )

    async def use_invite(self, code: str, now: datetime | None = None) -> int | None:
        """Use a code once (accepted or declined): the counsellor's id, or None if it was not valid."""
        now = now or utcnow()
        code_ref = self._vault.ref(f"pair|{code.strip().upper()}")
        async with self._sessionmaker() as session, session.begin():
            counsellor_id = await session.scalar(
                select(PairInvite.counsellor_id).where(
                    PairInvite.code_ref == code_ref, PairInvite.used_at.is_(None), PairInvite.expires_at > now
                )
            )
            if counsellor_id is None:
                return None
            claimed = await session.execute(
                update(PairInvite)
                .where(PairInvite.code_ref == code_ref, PairInvite.used_at.is_(None))
                .values(used_at=now)
            )
            return counsellor_id if claimed.rowcount == 1 else None

    # Pairings ------------------------------------------------------------------------------

    def _pairing(self, row: Pairing) -> PairingView:
        context = f"pairing|{row.person_id}".encode()
        return PairingView(
            id=row.id,
            person_id=row.person_id,
            counsellor_id=row.counsellor_id,
            alias=self._vault.decrypt_json(row.alias_enc, context=context),
            chat_id=int(self._vault.decrypt_json(row.chat_enc, context=context)),
            language=row.language,
            timezone=ZoneInfo(row.timezone),
            active=row.active,
        )

    async def pair(self, her_id: int, counsellor_id: int, alias: str, language: str, zone: ZoneInfo) -> PairingView:
        """She accepted: "my counsellor" is switched on and the pairing kept (one per woman; a new one replaces)."""
        async with self._sessionmaker() as session, session.begin():
            personal = PersonalData(session, self._vault)
            await personal.grant(her_id, Purpose.MY_COUNSELLOR)
            person_id = await personal.person_id(her_id)
            await session.execute(delete(Pairing).where(Pairing.person_id == person_id))
            context = f"pairing|{person_id}".encode()
            row = Pairing(
                person_id=person_id,
                counsellor_id=counsellor_id,
                alias_enc=self._vault.encrypt_json(alias, context=context),
                chat_enc=self._vault.encrypt_json(her_id, context=context),
                language=language,
                timezone=zone.key,
                active=True,
            )
            session.add(row)
            await session.flush()
            return self._pairing(row)

    async def pairing_of(self, her_id: int) -> PairingView | None:
        async with self._sessionmaker() as session:
            row = await session.scalar(
                select(Pairing).join(Person).where(Person.user_ref == self._vault.user_ref(her_id))
            )
            return self._pairing(row) if row else None

    async def pairing(self, pairing_id: int) -> PairingView | None:
        async with self._sessionmaker() as session:
            row = await session.get(Pairing, pairing_id)
            return self._pairing(row) if row else None

    async def pairings_of(self, counsellor_id: int) -> list[PairingView]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(Pairing).where(Pairing.counsellor_id == counsellor_id).order_by(Pairing.id)
            )
            return [self._pairing(row) for row in rows]

    async def set_timezone(self, her_id: int, zone: ZoneInfo) -> bool:
        pairing = await self.pairing_of(her_id)
        if pairing is None:
            return False
        async with self._sessionmaker() as session, session.begin():
            await session.execute(update(Pairing).where(Pairing.id == pairing.id).values(timezone=zone.key))
        return True

    async def deactivate(self, pairing_id: int) -> None:
        """She cannot be reached (blocked the bot): the pairing stays inactive, every reminder goes."""
        async with self._sessionmaker() as session, session.begin():
            await session.execute(update(Pairing).where(Pairing.id == pairing_id).values(active=False))
            await session.execute(delete(Reminder).where(Reminder.pairing_id == pairing_id))

    async def hand_over_all(self, from_counsellor: int, to_counsellor: int | None) -> list[PairingView]:
        """A counsellor leaves: her women go to another counsellor, or their pairings end (with their reminders)."""
        pairings = await self.pairings_of(from_counsellor)
        async with self._sessionmaker() as session, session.begin():
            if to_counsellor is not None:
                await session.execute(
                    update(Pairing).where(Pairing.counsellor_id == from_counsellor).values(counsellor_id=to_counsellor)
                )
            else:
                await session.execute(delete(Pairing).where(Pairing.counsellor_id == from_counsellor))
        return pairings

    async def orphaned_pairings(self) -> list[PairingView]:
        """Pairings whose counsellor is no longer staff (removed without a hand-over)."""
        async with self._sessionmaker() as session:
            rows = await session.scalars(select(Pairing).where(Pairing.counsellor_id.is_(None)))
            return [self._pairing(row) for row in rows]

    async def end_pairing(self, pairing_id: int) -> None:
        async with self._sessionmaker() as session, session.begin():
            await session.execute(delete(Pairing).where(Pairing.id == pairing_id))

    # Reminders -----------------------------------------------------------------------------

    async def add_reminder(self, pairing_id: int, series: Series, note: str) -> int:
        async with self._sessionmaker() as session, session.begin():
            pairing = await session.get(Pairing, pairing_id)
            if pairing is None or not pairing.active:
                raise LookupError("no such pairing")
            row = Reminder(
                person_id=pairing.person_id,
                pairing_id=pairing_id,
                first_day=series.first_day.isoformat(),
                at=series.at.strftime("%H:%M"),
                zone=series.zone.key,
                repeat=series.repeat,
                note_enc=self._vault.encrypt_json(note, context=f"reminder|{pairing.person_id}".encode()),
            )
            session.add(row)
            await session.flush()
            return row.id

    def _reminder(self, row: Reminder) -> ReminderView:
        hours, minutes = (int(part) for part in row.at.split(":"))
        return ReminderView(
            id=row.id,
            pairing_id=row.pairing_id,
            series=Series(date.fromisoformat(row.first_day), time(hours, minutes), ZoneInfo(row.zone), row.repeat),
            note=self._vault.decrypt_json(row.note_enc, context=f"reminder|{row.person_id}".encode()),
        )

    async def reminder(self, reminder_id: int) -> ReminderView | None:
        async with self._sessionmaker() as session:
            row = await session.get(Reminder, reminder_id)
            return self._reminder(row) if row else None

    async def reminders_of(self, pairing_id: int) -> list[ReminderView]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(Reminder).where(Reminder.pairing_id == pairing_id).order_by(Reminder.id)
            )
            return [self._reminder(row) for row in rows]

    async def all_reminders(self) -> list[ReminderView]:
        async with self._sessionmaker() as session:
            return [self._reminder(row) for row in await session.scalars(select(Reminder))]

    async def cancel_reminder(self, reminder_id: int) -> None:
        async with self._sessionmaker() as session, session.begin():
            await session.execute(delete(Reminder).where(Reminder.id == reminder_id))

    # Notices -------------------------------------------------------------------------------

    def _notice(self, row: ReminderNotice) -> NoticeView:
        return NoticeView(
            id=row.id,
            reminder_id=row.reminder_id,
            occurrence=row.occurrence,
            appointment_at=as_utc(row.appointment_at),
            lead=row.lead,
            due_at=as_utc(row.due_at),
            sent=row.sent_at is not None,
            answer=row.answer,
        )

    async def plan(self, reminder_id: int, now: datetime, leads: tuple[timedelta, ...]) -> list[NoticeView]:
        """Make sure the next appointment of the series has its notices; returns the ones not sent yet.
        Safe to call again and again (and from several replicas): a notice exists at most once."""
        reminder = await self.reminder(reminder_id)
        if reminder is None:
            return []
        upcoming = reminder.series.next_after(now)
        if upcoming is None:
            return []
        index, appointment = upcoming
        async with self._sessionmaker() as session:
            person_id = await session.scalar(select(Reminder.person_id).where(Reminder.id == reminder_id))
        for lead, due_at in notices(appointment, leads):
            try:
                async with self._sessionmaker() as session, session.begin():
                    session.add(
                        ReminderNotice(
                            person_id=person_id,
                            reminder_id=reminder_id,
                            occurrence=index,
                            appointment_at=appointment,
                            lead=lead,
                            due_at=due_at,
                        )
                    )
            except IntegrityError:
                pass  # planned already
        return [notice for notice in await self.notices_of(reminder_id) if not notice.sent]

    async def notices_of(self, reminder_id: int) -> list[NoticeView]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(ReminderNotice).where(ReminderNotice.reminder_id == reminder_id).order_by(ReminderNotice.due_at)
            )
            return [self._notice(row) for row in rows]

    async def unsent_notices(self) -> list[NoticeView]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(ReminderNotice).where(ReminderNotice.sent_at.is_(None)).order_by(ReminderNotice.due_at)
            )
            return [self._notice(row) for row in rows]

    async def notice(self, notice_id: int) -> NoticeView | None:
        async with self._sessionmaker() as session:
            row = await session.get(ReminderNotice, notice_id)
            return self._notice(row) if row else None

    async def claim_notice(self, notice_id: int, now: datetime | None = None) -> bool:
        """Mark a notice sent before sending it: exactly one caller gets True."""
        async with self._sessionmaker() as session, session.begin():
            result = await session.execute(
                update(ReminderNotice)
                .where(ReminderNotice.id == notice_id, ReminderNotice.sent_at.is_(None))
                .values(sent_at=now or utcnow())
            )
            return result.rowcount == 1

    async def settle_notice(self, notice_id: int, now: datetime | None = None) -> None:
        """The claimed notice was delivered, dropped or refused: nothing more to do for it."""
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                update(ReminderNotice).where(ReminderNotice.id == notice_id).values(settled_at=now or utcnow())
            )

    async def unclaim_notice(self, notice_id: int) -> None:
        """Sending failed for a reason that may pass: the notice is due again (the next check sends it)."""
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                update(ReminderNotice)
                .where(ReminderNotice.id == notice_id, ReminderNotice.settled_at.is_(None))
                .values(sent_at=None)
            )

    async def release_abandoned(self) -> int:
        """Called by a process that has just become the only scheduler: notices claimed but never settled were
        being sent by a process that died; they are unsent again. Returns how many."""
        async with self._sessionmaker() as session, session.begin():
            result = await session.execute(
                update(ReminderNotice)
                .where(ReminderNotice.sent_at.is_not(None), ReminderNotice.settled_at.is_(None))
                .values(sent_at=None)
            )
            return result.rowcount

    async def answer(self, notice_id: int, answer: str) -> NoticeView | None:
        """Her answer to a reminder, for every notice of that appointment."""
        notice = await self.notice(notice_id)
        if notice is None:
            return None
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                update(ReminderNotice)
                .where(ReminderNotice.reminder_id == notice.reminder_id, ReminderNotice.occurrence == notice.occurrence)
                .values(answer=answer)
            )
        return await self.notice(notice_id)

    async def pairing_for_reminder(self, reminder_id: int) -> PairingView | None:
        async with self._sessionmaker() as session:
            pairing_id = await session.scalar(select(Reminder.pairing_id).where(Reminder.id == reminder_id))
        return await self.pairing(pairing_id) if pairing_id else None
