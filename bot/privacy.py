"""Her data: switching purposes on and off, what is kept, export, delete everything.

Plain Python over the storage layer; the dialogs only call these.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.consent import Purpose
from bot.storage.crypto import Vault
from bot.storage.models import utcnow
from bot.storage.repositories import ConsentRecord, PersonalData
from bot.storage.session_store import CV_DRAFT, PROFILE, TRAIL, Record, SessionStore

# Drafts kept under their own purpose: stored (encrypted) only with that consent,
# otherwise in the volatile session (memory or Redis), gone with quick exit.
DRAFTS: dict[Purpose, str] = {Purpose.SAVE_CV: CV_DRAFT}


@dataclass
class StoredData:
    """Everything the database holds about her, in plain terms."""

    consents: list[ConsentRecord] = field(default_factory=list)
    profile: dict[str, Any] = field(default_factory=dict)
    conversation_place: list[str] = field(default_factory=list)
    saved: list[tuple[Purpose, str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.consents

    def as_export(self) -> dict[str, Any]:
        return {
            "consents": [
                {
                    "purpose": c.purpose.value,
                    "granted_at": c.granted_at.isoformat(),
                    "text_version": c.text_version,
                }
                for c in self.consents
            ],
            "profile": self.profile,
            "conversation_place": self.conversation_place,
            "saved": [{"purpose": purpose.value, "kind": kind, "value": value} for purpose, kind, value in self.saved],
        }


class Privacy:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        vault: Vault,
        store: SessionStore,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._vault = vault
        self._store = store
        # Called with her id before a purpose's data is deleted (e.g. her counsellor is told of the end of a
        # pairing); a hook never stops the deletion.
        self._before_revoke: dict[Purpose, list[Callable[[int], Awaitable[None]]]] = {}

    def before_revoke(self, purpose: Purpose, hook: Callable[[int], Awaitable[None]]) -> None:
        self._before_revoke.setdefault(purpose, []).append(hook)

    async def _run_hooks(self, user_id: int, purposes) -> None:
        for purpose in purposes:
            for hook in self._before_revoke.get(purpose, []):
                try:
                    await hook(user_id)
                except Exception:  # noqa: BLE001 - her data goes whatever a hook does
                    logging.getLogger(__name__).exception("a before-revoke hook failed")

    async def granted(self, user_id: int) -> set[Purpose]:
        async with self._sessionmaker() as session:
            return await PersonalData(session, self._vault).granted(user_id)

    async def set_consent(self, user_id: int, purpose: Purpose, on: bool) -> None:
        if on:
            async with self._sessionmaker() as session, session.begin():
                await PersonalData(session, self._vault).grant(user_id, purpose)
            if purpose is Purpose.REMEMBER_ME:
                await self._store.move_to_database(user_id)
            if purpose in DRAFTS:
                await self._draft_to_database(user_id, purpose)
            return
        await self._run_hooks(user_id, [purpose])
        if purpose is Purpose.REMEMBER_ME:
            # Her session goes on in memory; only the stored copy disappears.
            await self._store.move_to_memory(user_id)
        if purpose in DRAFTS:
            # Same for a draft: she keeps working on it, it is no longer stored.
            draft = await self.draft(user_id, purpose)
            if draft:
                await self._store.volatile.put(user_id, DRAFTS[purpose], Record(None, draft))
        async with self._sessionmaker() as session, session.begin():
            await PersonalData(session, self._vault).revoke(user_id, purpose)
        self._store.forget_cached_consent(user_id)

    async def keep_if_remembered(self, user_id: int, kind: str, value: Any) -> bool:
        """Keep progress (e.g. her last contract check) only if "remember me" is on."""
        async with self._sessionmaker() as session, session.begin():
            repo = PersonalData(session, self._vault)
            if Purpose.REMEMBER_ME not in await repo.granted(user_id):
                return False
            await repo.save(user_id, Purpose.REMEMBER_ME, kind, value)
            return True

    async def remembered(self, user_id: int, kind: str) -> Any | None:
        """What `keep_if_remembered` kept, if anything."""
        async with self._sessionmaker() as session:
            return await PersonalData(session, self._vault).load(user_id, Purpose.REMEMBER_ME, kind)

    async def keep_draft(self, user_id: int, purpose: Purpose, draft: dict[str, Any]) -> bool:
        """Keep a draft: encrypted in the database with `purpose` granted (True), else in the volatile session."""
        async with self._sessionmaker() as session, session.begin():
            repo = PersonalData(session, self._vault)
            if purpose in await repo.granted(user_id):
                await repo.save(user_id, purpose, DRAFTS[purpose], draft)
                return True
        await self._store.volatile.put(user_id, DRAFTS[purpose], Record(None, dict(draft)))
        return False

    async def draft(self, user_id: int, purpose: Purpose) -> dict[str, Any]:
        async with self._sessionmaker() as session:
            repo = PersonalData(session, self._vault)
            if purpose in await repo.granted(user_id):
                return dict(await repo.load(user_id, purpose, DRAFTS[purpose]) or {})
        record = await self._store.volatile.get(user_id, DRAFTS[purpose])
        return dict(record.data) if record else {}

    async def _draft_to_database(self, user_id: int, purpose: Purpose) -> None:
        record = await self._store.volatile.get(user_id, DRAFTS[purpose])
        if record and record.data:
            async with self._sessionmaker() as session, session.begin():
                await PersonalData(session, self._vault).save(user_id, purpose, DRAFTS[purpose], record.data)
        await self._store.volatile.put(user_id, DRAFTS[purpose], Record())

    async def stored_data(self, user_id: int) -> StoredData:
        async with self._sessionmaker() as session:
            repo = PersonalData(session, self._vault)
            consents = await repo.consents(user_id)
            saved = await repo.saved_items(user_id)
        stored = StoredData(consents=consents, saved=saved)
        if any(c.purpose is Purpose.REMEMBER_ME for c in consents):
            records = await self._store.database.all(user_id)
            profile = records.pop(PROFILE, None)
            records.pop(TRAIL, None)
            stored.profile = dict(profile.data) if profile else {}
            stored.conversation_place = sorted(r.state for r in _contexts(records) if r.state)
        return stored

    async def delete_everything(self, user_id: int) -> None:
        await self._run_hooks(user_id, await self.granted(user_id))
        async with self._sessionmaker() as session, session.begin():
            await PersonalData(session, self._vault).delete_everything(user_id)
        await self._store.end_session(user_id, keep_profile=False)

    async def touch(self, user_id: int) -> None:
        async with self._sessionmaker() as session, session.begin():
            await PersonalData(session, self._vault).touch(user_id, utcnow())

    async def delete_inactive(self, retention_days: int, now: datetime | None = None) -> int:
        before = (now or utcnow()) - timedelta(days=retention_days)
        async with self._sessionmaker() as session, session.begin():
            return await PersonalData(session, self._vault).delete_inactive(before)


def _contexts(records):
    return [r for name, r in records.items() if name.startswith("aiogd:context:")]
