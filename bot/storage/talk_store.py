"""Staff, invites and open requests for a person: the only place that reads or writes their tables.

Telegram ids are kept as keyed hashes for lookups and encrypted where a message must be sent.
A request's row (and its message-id links) is deleted when it closes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.consent import Purpose
from bot.storage.crypto import Vault
from bot.storage.models import (
    AuditEntry,
    FeedbackTally,
    HelpRequest,
    RelayLink,
    RequestOffer,
    StaffInvite,
    StaffMember,
    TranscriptLine,
    as_utc,
    utcnow,
)
from bot.storage.repositories import PersonalData
from bot.talk import MEDIATOR, OPEN, PAUSED, WAITING, Mediator, new_code, split_roles

INVITE_HOURS = 48


@dataclass(frozen=True)
class Staff:
    id: int
    chat_id: int
    roles: tuple[str, ...]
    languages: tuple[str, ...]
    alias: str
    woman: bool
    current_request_id: int | None

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def label(self) -> str:
        """How the audit log and the CLI name this person: a number and the alias, never a Telegram id."""
        return f"staff #{self.id} ({self.alias})"


@dataclass(frozen=True)
class Request:
    id: int
    code: str
    topic: str
    language: str
    her_language: str
    woman_wanted: bool
    urgent: bool
    state: str
    her_chat_id: int
    mediator_id: int | None
    waiting_since: datetime
    reannounced: bool
    told_nobody: bool


class TalkStore:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], vault: Vault) -> None:
        self._sessionmaker = sessionmaker
        self._vault = vault

    @property
    def sessionmaker(self) -> async_sessionmaker[AsyncSession]:
        return self._sessionmaker

    @property
    def vault(self) -> Vault:
        return self._vault

    # Staff ---------------------------------------------------------------------------------

    def _staff(self, row: StaffMember) -> Staff:
        return Staff(
            id=row.id,
            chat_id=int(self._vault.decrypt_json(row.chat_enc, context=b"staff")),
            roles=tuple(split_roles(row.roles)),
            languages=tuple(split_roles(row.languages)),
            alias=row.alias,
            woman=row.woman,
            current_request_id=row.current_request_id,
        )

    async def add_staff(
        self, telegram_id: int, roles: list[str], languages: list[str], alias: str, woman: bool
    ) -> Staff:
        """Add a person, or update her roles, languages and alias if she is staff already."""
        user_ref = self._vault.user_ref(telegram_id)
        async with self._sessionmaker() as session, session.begin():
            row = await session.scalar(select(StaffMember).where(StaffMember.user_ref == user_ref))
            if row is None:
                row = StaffMember(user_ref=user_ref, chat_enc=self._vault.encrypt_json(telegram_id, context=b"staff"))
                session.add(row)
            row.roles, row.languages = ",".join(roles), ",".join(languages)
            row.alias, row.woman, row.active = alias, woman, True
            await session.flush()
            return self._staff(row)

    async def staff_for(self, telegram_id: int) -> Staff | None:
        user_ref = self._vault.user_ref(telegram_id)
        async with self._sessionmaker() as session:
            row = await session.scalar(
                select(StaffMember).where(StaffMember.user_ref == user_ref, StaffMember.active.is_(True))
            )
            return self._staff(row) if row else None

    async def staff_by_id(self, staff_id: int) -> Staff | None:
        async with self._sessionmaker() as session:
            row = await session.get(StaffMember, staff_id)
            return self._staff(row) if row and row.active else None

    async def all_staff(self) -> list[Staff]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(StaffMember).where(StaffMember.active.is_(True)).order_by(StaffMember.id)
            )
            return [self._staff(row) for row in rows]

    async def mediators(self) -> list[Staff]:
        return [staff for staff in await self.all_staff() if staff.has(MEDIATOR)]

    async def mediator_choices(self) -> list[Mediator]:
        return [Mediator(m.id, frozenset(m.languages), m.woman) for m in await self.mediators()]

    async def remove_staff(self, staff_id: int) -> bool:
        """Remove a person from staff. Her requests lose their mediator and go back to the queue at the next check."""
        async with self._sessionmaker() as session, session.begin():
            row = await session.get(StaffMember, staff_id)
            if row is None:
                return False
            await session.delete(row)
            return True

    async def set_current(self, staff_id: int, request_id: int | None) -> None:
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                update(StaffMember).where(StaffMember.id == staff_id).values(current_request_id=request_id)
            )

    async def create_invite(
        self, roles: list[str], languages: list[str], alias: str, woman: bool, now: datetime | None = None
    ) -> str:
        code = secrets.token_urlsafe(12)
        async with self._sessionmaker() as session, session.begin():
            session.add(
                StaffInvite(
                    code_ref=self._vault.ref(f"invite|{code}"),
                    roles=",".join(roles),
                    languages=",".join(languages),
                    alias=alias,
                    woman=woman,
                    expires_at=(now or utcnow()) + timedelta(hours=INVITE_HOURS),
                )
            )
        return code

    async def redeem_invite(self, code: str, telegram_id: int, now: datetime | None = None) -> Staff | None:
        """Make whoever opened the link staff, once, within 48 hours; None for a used, expired or unknown code."""
        now = now or utcnow()
        code_ref = self._vault.ref(f"invite|{code}")
        async with self._sessionmaker() as session, session.begin():
            claimed = await session.execute(
                update(StaffInvite)
                .where(StaffInvite.code_ref == code_ref, StaffInvite.used_at.is_(None), StaffInvite.expires_at > now)
                .values(used_at=now)
            )
            if claimed.rowcount != 1:
                return None
            invite = await session.scalar(select(StaffInvite).where(StaffInvite.code_ref == code_ref))
            roles, languages = split_roles(invite.roles), split_roles(invite.languages)
            alias, woman = invite.alias, invite.woman
        return await self.add_staff(telegram_id, roles, languages, alias, woman)

    # Requests ------------------------------------------------------------------------------

    def _request(self, row: HelpRequest) -> Request:
        return Request(
            id=row.id,
            code=row.code,
            topic=row.topic,
            language=row.language,
            her_language=row.her_language,
            woman_wanted=row.woman_wanted,
            urgent=row.urgent,
            state=row.state,
            her_chat_id=int(self._vault.decrypt_json(row.her_chat_enc, context=b"help_request")),
            mediator_id=row.mediator_id,
            waiting_since=as_utc(row.waiting_since),
            reannounced=row.reannounced_at is not None,
            told_nobody=row.told_nobody_at is not None,
        )

    async def open_request(
        self,
        her_id: int,
        *,
        topic: str,
        language: str,
        her_language: str,
        woman_wanted: bool,
        urgent: bool,
        now: datetime | None = None,
    ) -> Request:
        now = now or utcnow()
        for _attempt in range(5):  # a code already in use: draw another
            try:
                async with self._sessionmaker() as session, session.begin():
                    row = HelpRequest(
                        code=new_code(),
                        topic=topic,
                        language=language,
                        her_language=her_language,
                        woman_wanted=woman_wanted,
                        urgent=urgent,
                        state=WAITING,
                        her_ref=self._vault.user_ref(her_id),
                        her_chat_enc=self._vault.encrypt_json(her_id, context=b"help_request"),
                        created_at=now,
                        waiting_since=now,
                    )
                    session.add(row)
                    await session.flush()
                    return self._request(row)
            except IntegrityError:
                continue
        raise RuntimeError("could not draw a free reference code")

    async def active_request(self, her_id: int) -> Request | None:
        her_ref = self._vault.user_ref(her_id)
        async with self._sessionmaker() as session:
            row = await session.scalar(select(HelpRequest).where(HelpRequest.her_ref == her_ref))
            return self._request(row) if row else None

    async def request(self, request_id: int) -> Request | None:
        async with self._sessionmaker() as session:
            row = await session.get(HelpRequest, request_id)
            return self._request(row) if row else None

    async def requests_of(self, staff_id: int) -> list[Request]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(HelpRequest).where(HelpRequest.mediator_id == staff_id).order_by(HelpRequest.id)
            )
            return [self._request(row) for row in rows]

    async def count_by_state(self) -> dict[str, int]:
        """How many requests are waiting, open or paused (a count, for /metrics)."""
        async with self._sessionmaker() as session:
            rows = await session.execute(select(HelpRequest.state, func.count()).group_by(HelpRequest.state))
            counts = {state: 0 for state in (WAITING, OPEN, PAUSED)}
            counts.update({state: count for state, count in rows.all()})
            return counts

    async def waiting(self) -> list[Request]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(HelpRequest).where(HelpRequest.state == WAITING).order_by(HelpRequest.id)
            )
            return [self._request(row) for row in rows]

    async def orphaned(self) -> list[Request]:
        """Requests that were taken by someone who is no longer staff."""
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(HelpRequest).where(HelpRequest.state.in_((OPEN, PAUSED)), HelpRequest.mediator_id.is_(None))
            )
            return [self._request(row) for row in rows]

    async def take(self, request_id: int, staff_id: int, now: datetime | None = None) -> bool:
        """Give a waiting request to this mediator. One conditional UPDATE: when two press at the same moment,
        exactly one gets it."""
        async with self._sessionmaker() as session, session.begin():
            # A request she paused (quick exit) before anyone took it can be taken: it stays paused until she writes.
            result = await session.execute(
                update(HelpRequest)
                .where(
                    HelpRequest.id == request_id,
                    HelpRequest.state.in_((WAITING, PAUSED)),
                    HelpRequest.mediator_id.is_(None),
                )
                .values(
                    state=case((HelpRequest.state == PAUSED, PAUSED), else_=OPEN),
                    mediator_id=staff_id,
                    taken_at=now or utcnow(),
                )
            )
            return result.rowcount == 1

    async def hand_over(self, request_id: int, from_staff: int, to_staff: int) -> bool:
        async with self._sessionmaker() as session, session.begin():
            result = await session.execute(
                update(HelpRequest)
                .where(HelpRequest.id == request_id, HelpRequest.mediator_id == from_staff)
                .values(mediator_id=to_staff)
            )
            return result.rowcount == 1

    async def set_state(self, request_id: int, state: str) -> None:
        async with self._sessionmaker() as session, session.begin():
            await session.execute(update(HelpRequest).where(HelpRequest.id == request_id).values(state=state))

    async def requeue(self, request_id: int, now: datetime | None = None) -> None:
        """Back to the queue, announced again from the start (its mediator left or was removed)."""
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                update(HelpRequest)
                .where(HelpRequest.id == request_id)
                .values(
                    state=WAITING,
                    mediator_id=None,
                    waiting_since=now or utcnow(),
                    reannounced_at=None,
                    told_nobody_at=None,
                    taken_at=None,
                )
            )
            await session.execute(delete(RequestOffer).where(RequestOffer.request_id == request_id))
            await session.execute(
                update(RelayLink).where(RelayLink.request_id == request_id).values(staff_id=None, staff_message_id=None)
            )

    async def claim(self, request_id: int, field: str) -> bool:
        """Set a once-only moment (reannounced_at, told_nobody_at); True for the one caller that set it, so
        several replicas checking at once act once."""
        column = {"reannounced_at": HelpRequest.reannounced_at, "told_nobody_at": HelpRequest.told_nobody_at}[field]
        async with self._sessionmaker() as session, session.begin():
            result = await session.execute(
                update(HelpRequest)
                .where(HelpRequest.id == request_id, column.is_(None), HelpRequest.state == WAITING)
                .values({field: utcnow()})
            )
            return result.rowcount == 1

    async def close(self, request_id: int) -> None:
        """Delete the request with its links and offers; staff whose current conversation it was are cleared."""
        async with self._sessionmaker() as session, session.begin():
            await session.execute(delete(RelayLink).where(RelayLink.request_id == request_id))
            await session.execute(delete(RequestOffer).where(RequestOffer.request_id == request_id))
            await session.execute(delete(HelpRequest).where(HelpRequest.id == request_id))
            await session.execute(
                update(StaffMember).where(StaffMember.current_request_id == request_id).values(current_request_id=None)
            )

    # Offers and message links ---------------------------------------------------------------

    async def add_offer(self, request_id: int, staff_id: int, message_id: int) -> None:
        async with self._sessionmaker() as session, session.begin():
            session.add(RequestOffer(request_id=request_id, staff_id=staff_id, message_id=message_id))

    async def offers(self, request_id: int) -> list[tuple[int, int]]:
        """(staff id, message id) of every notification of this request."""
        async with self._sessionmaker() as session:
            rows = await session.execute(
                select(RequestOffer.staff_id, RequestOffer.message_id).where(RequestOffer.request_id == request_id)
            )
            return [(staff_id, message_id) for staff_id, message_id in rows]

    async def offered_to(self, request_id: int) -> set[int]:
        return {staff_id for staff_id, _message in await self.offers(request_id)}

    async def link(self, request_id: int, her_message_id: int, staff_id: int | None, staff_message_id: int | None):
        async with self._sessionmaker() as session, session.begin():
            session.add(
                RelayLink(
                    request_id=request_id,
                    her_message_id=her_message_id,
                    staff_id=staff_id,
                    staff_message_id=staff_message_id,
                )
            )

    async def take_pending(self, request_id: int) -> list[int]:
        """Her messages sent before anyone took the request, oldest first; their links are removed."""
        async with self._sessionmaker() as session, session.begin():
            rows = await session.scalars(
                select(RelayLink)
                .where(RelayLink.request_id == request_id, RelayLink.staff_id.is_(None))
                .order_by(RelayLink.id)
            )
            pending = list(rows)
            for row in pending:
                await session.delete(row)
            return [row.her_message_id for row in pending]

    async def request_for_reply(self, staff_id: int, staff_message_id: int) -> int | None:
        async with self._sessionmaker() as session:
            return await session.scalar(
                select(RelayLink.request_id).where(
                    RelayLink.staff_id == staff_id, RelayLink.staff_message_id == staff_message_id
                )
            )

    # Audit, feedback, transcript ---------------------------------------------------------------

    async def audit(self, actor: str, action: str, request_code: str = "") -> None:
        async with self._sessionmaker() as session, session.begin():
            session.add(AuditEntry(actor=actor[:80], action=action, request_code=request_code))

    async def audit_entries(self, limit: int = 200) -> list[tuple[datetime, str, str, str]]:
        async with self._sessionmaker() as session:
            rows = await session.execute(
                select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.request_code)
                .order_by(AuditEntry.id.desc())
                .limit(limit)
            )
            return [(as_utc(at), actor, action, code) for at, actor, action, code in rows]

    def not_staff_label(self, telegram_id: int) -> str:
        return f"not staff {self._vault.user_ref(telegram_id)[:12]}"

    async def count_feedback(self, kind: str) -> None:
        async with self._sessionmaker() as session, session.begin():
            row = await session.get(FeedbackTally, kind)
            if row is None:
                session.add(FeedbackTally(kind=kind, count=1))
            else:
                row.count += 1

    async def feedback(self) -> dict[str, int]:
        async with self._sessionmaker() as session:
            return {
                kind: count for kind, count in await session.execute(select(FeedbackTally.kind, FeedbackTally.count))
            }

    async def keep_line(self, her_id: int, line: dict) -> bool:
        """Keep one line of the conversation, encrypted, only if she switched on "keep my conversation"."""
        async with self._sessionmaker() as session, session.begin():
            personal = PersonalData(session, self._vault)
            if Purpose.KEEP_CONVERSATION not in await personal.granted(her_id):
                return False
            person_id = await personal.person_id(her_id)
            session.add(
                TranscriptLine(
                    person_id=person_id,
                    line_enc=self._vault.encrypt_json(line, context=f"transcript|{person_id}".encode()),
                )
            )
            return True

    async def transcript(self, her_id: int) -> list[dict]:
        async with self._sessionmaker() as session:
            person_id = await PersonalData(session, self._vault).person_id(her_id)
            if person_id is None:
                return []
            rows = await session.scalars(
                select(TranscriptLine).where(TranscriptLine.person_id == person_id).order_by(TranscriptLine.id)
            )
            context = f"transcript|{person_id}".encode()
            return [self._vault.decrypt_json(row.line_enc, context=context) for row in rows]

    async def delete_old_transcripts(self, before: datetime) -> int:
        async with self._sessionmaker() as session, session.begin():
            result = await session.execute(delete(TranscriptLine).where(TranscriptLine.created_at < before))
            return result.rowcount or 0
