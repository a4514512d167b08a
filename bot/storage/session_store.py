"""Where her session (dialog state, language, message trail) lives, decided per user by consent.

Without "remember me" it stays in process memory (or Redis with an expiry when
REDIS_URL is set) and never reaches the database. With "remember me" it is kept
encrypted in the database so a restart does not lose her place. Callers never
choose: they use this one aiogram storage and it routes each key.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.consent import Purpose
from bot.storage.crypto import Vault
from bot.storage.models import Consent, DialogStateRow, Person, utcnow

# Destinies of our own session data (aiogram-dialog uses "aiogd:...").
PROFILE = "jobsteps:profile"
TRAIL = "jobsteps:trail"
CV_DRAFT = "jobsteps:cv"  # her CV draft while "save my CV" is off
INTERVIEW_PREP = "jobsteps:interview-prep"  # employer, job, date, place she typed: never stored
# Records kept under a purpose of their own: they never follow "remember me" into
# the database (see Privacy.keep_draft).
VOLATILE_ONLY = frozenset({CV_DRAFT, INTERVIEW_PREP})


@dataclass
class Record:
    state: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def empty(self) -> bool:
        return self.state is None and not self.data

    def to_json(self) -> str:
        return json.dumps({"s": self.state, "d": self.data}, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Record:
        loaded = json.loads(raw)
        return cls(state=loaded.get("s"), data=loaded.get("d") or {})


class Backend(Protocol):
    """A place holding every session record of each user, one container per user."""

    async def get(self, user_id: int, name: str) -> Record | None: ...
    async def put(self, user_id: int, name: str, record: Record) -> None: ...
    async def all(self, user_id: int) -> dict[str, Record]: ...
    async def wipe(self, user_id: int) -> None: ...
    async def close(self) -> None: ...


class MemoryBackend:
    """Process memory; a session not used for `ttl` seconds is dropped."""

    def __init__(self, ttl: float, clock=time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._users: dict[int, tuple[float, dict[str, Record]]] = {}
        self._next_sweep = 0.0

    def _sweep(self, now: float) -> None:
        if now < self._next_sweep:
            return
        self._next_sweep = now + min(self._ttl, 60.0)
        expired = [uid for uid, (seen, _) in self._users.items() if now - seen > self._ttl]
        for uid in expired:
            del self._users[uid]

    def _container(self, user_id: int, create: bool) -> dict[str, Record] | None:
        now = self._clock()
        self._sweep(now)
        entry = self._users.get(user_id)
        if entry is None or now - entry[0] > self._ttl:
            if not create:
                self._users.pop(user_id, None)
                return None
            entry = (now, {})
        self._users[user_id] = (now, entry[1])
        return entry[1]

    async def get(self, user_id: int, name: str) -> Record | None:
        container = self._container(user_id, create=False)
        record = container.get(name) if container else None
        return Record(record.state, dict(record.data)) if record else None

    async def put(self, user_id: int, name: str, record: Record) -> None:
        container = self._container(user_id, create=not record.empty())
        if container is None:
            return
        if record.empty():
            container.pop(name, None)
        else:
            container[name] = Record(record.state, dict(record.data))

    async def all(self, user_id: int) -> dict[str, Record]:
        container = self._container(user_id, create=False) or {}
        return {name: Record(r.state, dict(r.data)) for name, r in container.items()}

    async def wipe(self, user_id: int) -> None:
        self._users.pop(user_id, None)

    def active_sessions(self) -> int:
        return len(self._users)

    async def close(self) -> None:
        self._users.clear()


class RedisBackend:
    """Redis, one encrypted hash per user that expires `ttl` seconds after its last write."""

    def __init__(self, redis, vault: Vault, ttl: int, prefix: str = "jobsteps:session:") -> None:
        self._redis = redis
        self._vault = vault
        self._ttl = ttl
        self._prefix = prefix

    def _key(self, user_id: int) -> str:
        # No raw Telegram id in Redis key names either.
        return self._prefix + self._vault.user_ref(user_id)

    async def get(self, user_id: int, name: str) -> Record | None:
        raw = await self._redis.hget(self._key(user_id), name)
        if raw is None:
            return None
        return Record.from_json(self._vault.decrypt(raw, context=name.encode()))

    async def put(self, user_id: int, name: str, record: Record) -> None:
        key = self._key(user_id)
        if record.empty():
            await self._redis.hdel(key, name)
            return
        value = self._vault.encrypt(record.to_json().encode(), context=name.encode())
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, name, value)
            pipe.expire(key, self._ttl)
            await pipe.execute()

    async def all(self, user_id: int) -> dict[str, Record]:
        raw = await self._redis.hgetall(self._key(user_id))
        return {
            (n.decode() if isinstance(n, bytes) else n): Record.from_json(
                self._vault.decrypt(v, context=(n.decode() if isinstance(n, bytes) else n).encode())
            )
            for n, v in raw.items()
        }

    async def wipe(self, user_id: int) -> None:
        await self._redis.delete(self._key(user_id))

    async def close(self) -> None:
        await self._redis.aclose()


class _UpdateReads:
    """What one update has read from the database so far (her dialog stack and contexts are read many times
    while one update is handled). Event isolation keeps other updates of her chat out meanwhile."""

    def __init__(self) -> None:
        self.records: dict[tuple[int, str], Record | None] = {}
        self.open = True


_update_reads: ContextVar[_UpdateReads | None] = ContextVar("update_reads", default=None)


@contextmanager
def reads_of_one_update() -> Iterator[None]:
    """Serve repeated reads of the same record from memory until the update is handled."""
    reads = _UpdateReads()
    token = _update_reads.set(reads)
    try:
        yield
    finally:
        reads.open = False  # a task the update started and that outlives it reads the database again
        _update_reads.reset(token)


def _current_reads() -> _UpdateReads | None:
    reads = _update_reads.get()
    return reads if reads is not None and reads.open else None


class DatabaseBackend:
    """The database, encrypted; only ever used for women with "remember me" on."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], vault: Vault) -> None:
        self._sessionmaker = sessionmaker
        self._vault = vault

    def _key_ref(self, user_id: int, name: str) -> str:
        return self._vault.ref(f"{self._vault.user_ref(user_id)}|{name}")

    def _encode(self, user_id: int, name: str, record: Record) -> bytes:
        payload = {"n": name, "s": record.state, "d": record.data}
        return self._vault.encrypt_json(payload, context=self._vault.user_ref(user_id).encode())

    def _decode(self, user_id: int, row: DialogStateRow) -> tuple[str, Record]:
        payload = self._vault.decrypt_json(row.record_enc, context=self._vault.user_ref(user_id).encode())
        return payload["n"], Record(payload["s"], payload["d"] or {})

    async def get(self, user_id: int, name: str) -> Record | None:
        reads = _current_reads()
        if reads is not None and (user_id, name) in reads.records:
            return _copy(reads.records[(user_id, name)])
        async with self._sessionmaker() as session:
            row = await session.scalar(
                select(DialogStateRow).where(DialogStateRow.key_ref == self._key_ref(user_id, name))
            )
            record = self._decode(user_id, row)[1] if row else None
        if reads is not None:
            reads.records[(user_id, name)] = _copy(record)
        return record

    async def put(self, user_id: int, name: str, record: Record) -> None:
        key_ref = self._key_ref(user_id, name)
        reads = _current_reads()
        if reads is not None:
            reads.records.pop((user_id, name), None)  # until the write succeeds, the database answers
        async with self._sessionmaker() as session, session.begin():
            if record.empty():
                await session.execute(delete(DialogStateRow).where(DialogStateRow.key_ref == key_ref))
            else:
                row = await session.scalar(select(DialogStateRow).where(DialogStateRow.key_ref == key_ref))
                if row is None:
                    person_id = await session.scalar(
                        select(Person.id).where(Person.user_ref == self._vault.user_ref(user_id))
                    )
                    # The consent guard refuses this row if "remember me" is not on.
                    row = DialogStateRow(person_id=person_id, key_ref=key_ref)
                    session.add(row)
                row.record_enc = self._encode(user_id, name, record)
                row.updated_at = utcnow()
        if reads is not None:
            reads.records[(user_id, name)] = None if record.empty() else _copy(record)

    async def all(self, user_id: int) -> dict[str, Record]:
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(DialogStateRow)
                .join(Person, Person.id == DialogStateRow.person_id)
                .where(Person.user_ref == self._vault.user_ref(user_id))
            )
            return dict(self._decode(user_id, row) for row in rows)

    async def wipe(self, user_id: int) -> None:
        reads = _current_reads()
        if reads is not None:
            reads.records = {key: value for key, value in reads.records.items() if key[0] != user_id}
        async with self._sessionmaker() as session, session.begin():
            person_id = await session.scalar(select(Person.id).where(Person.user_ref == self._vault.user_ref(user_id)))
            if person_id is not None:
                await session.execute(delete(DialogStateRow).where(DialogStateRow.person_id == person_id))

    async def remembers(self, user_id: int) -> bool:
        async with self._sessionmaker() as session:
            found = await session.scalar(
                select(Consent.id)
                .join(Person, Person.id == Consent.person_id)
                .where(
                    Person.user_ref == self._vault.user_ref(user_id),
                    Consent.purpose == Purpose.REMEMBER_ME,
                )
            )
            return found is not None

    async def close(self) -> None:
        pass


def _copy(record: Record | None) -> Record | None:
    return None if record is None else Record(record.state, copy.deepcopy(record.data))


def _name(key: StorageKey) -> str:
    """The record name inside her container. Only private chats reach the dialogs."""
    if key.chat_id == key.user_id and not key.thread_id and not key.business_connection_id:
        return key.destiny
    return f"{key.chat_id}/{key.thread_id or ''}/{key.business_connection_id or ''}/{key.destiny}"


class SessionStore(BaseStorage):
    """The aiogram storage of the whole bot, routing each user to memory/Redis or the database."""

    def __init__(
        self,
        volatile: Backend,
        database: DatabaseBackend,
        consent_cache_seconds: float = 10.0,
        clock=time.monotonic,
    ) -> None:
        self.volatile = volatile
        self.database = database
        self._cache: dict[int, tuple[float, bool]] = {}
        self._cache_seconds = consent_cache_seconds
        self._clock = clock

    async def _remembers(self, user_id: int) -> bool:
        now = self._clock()
        cached = self._cache.get(user_id)
        if cached and cached[0] > now:
            return cached[1]
        remembers = await self.database.remembers(user_id)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[user_id] = (now + self._cache_seconds, remembers)
        return remembers

    async def _backend(self, user_id: int) -> Backend:
        return self.database if await self._remembers(user_id) else self.volatile

    # aiogram's storage interface -------------------------------------------------------

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        backend = await self._backend(key.user_id)
        name = _name(key)
        record = await backend.get(key.user_id, name) or Record()
        record.state = state.state if isinstance(state, State) else state
        await backend.put(key.user_id, name, record)

    async def get_state(self, key: StorageKey) -> str | None:
        record = await (await self._backend(key.user_id)).get(key.user_id, _name(key))
        return record.state if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        backend = await self._backend(key.user_id)
        name = _name(key)
        record = await backend.get(key.user_id, name) or Record()
        record.data = dict(data)
        await backend.put(key.user_id, name, record)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = await (await self._backend(key.user_id)).get(key.user_id, _name(key))
        return dict(record.data) if record else {}

    async def close(self) -> None:
        await self.volatile.close()

    # What consent changes do to her session --------------------------------------------

    def forget_cached_consent(self, user_id: int) -> None:
        self._cache.pop(user_id, None)

    async def move_to_database(self, user_id: int) -> None:
        """Call right after "remember me" was granted: her current place is kept from now on."""
        self.forget_cached_consent(user_id)
        keep_here = {}
        for name, record in (await self.volatile.all(user_id)).items():
            if name in VOLATILE_ONLY:
                keep_here[name] = record
            else:
                await self.database.put(user_id, name, record)
        await self.volatile.wipe(user_id)
        for name, record in keep_here.items():
            await self.volatile.put(user_id, name, record)

    async def move_to_memory(self, user_id: int) -> None:
        """Call right before "remember me" is revoked: the session goes on, in memory only."""
        for name, record in (await self.database.all(user_id)).items():
            await self.volatile.put(user_id, name, record)
        await self.database.wipe(user_id)
        self.forget_cached_consent(user_id)

    async def end_session(self, user_id: int, *, keep_profile: bool) -> None:
        """Forget the conversation; with "remember me" her profile (language) may stay."""
        backend = await self._backend(user_id)
        profile = await backend.get(user_id, PROFILE) if keep_profile else None
        await self.volatile.wipe(user_id)
        await self.database.wipe(user_id)
        if profile is not None:
            await backend.put(user_id, PROFILE, profile)
        self.forget_cached_consent(user_id)

    async def snapshot(self, user_id: int) -> dict[str, Record]:
        """Every record of her session, wherever it lives (for "What do you keep about me?")."""
        return await (await self._backend(user_id)).all(user_id)

    # Convenience for our own keys --------------------------------------------------------

    async def read(self, user_id: int, name: str) -> dict[str, Any]:
        record = await (await self._backend(user_id)).get(user_id, name)
        return dict(record.data) if record else {}

    async def write(self, user_id: int, name: str, data: dict[str, Any]) -> None:
        await (await self._backend(user_id)).put(user_id, name, Record(None, dict(data)))
