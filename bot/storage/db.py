"""Engine, sessions, and the consent guard that every write passes through."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from bot.consent import ConsentRequired, Purpose
from bot.storage.models import Consent, Person, purpose_of


def make_engine(url: str) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            from pathlib import Path

            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - driver callback
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL never corrupts the file; a power cut may lose the last commits, not a crash.
            cursor.execute("PRAGMA synchronous=NORMAL")
            # Deleted rows are overwritten on disk, not left readable in free pages.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    return create_async_engine(url, pool_pre_ping=True)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def check_connection(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def _granted_purposes(session: Session, person: Person) -> set[Purpose]:
    granted: set[Purpose] = set()
    if person.id is not None:
        rows = session.execute(select(Consent.purpose).where(Consent.person_id == person.id)).scalars()
        granted.update(Purpose(p) for p in rows)
    for obj in session.new:
        if isinstance(obj, Consent) and (obj.person is person or obj.person_id == person.id):
            granted.add(Purpose(obj.purpose))
    for obj in session.deleted:
        if isinstance(obj, Consent) and (obj.person is person or obj.person_id == person.id):
            granted.discard(Purpose(obj.purpose))
    return granted


@event.listens_for(Session, "before_flush")
def _enforce_consent(session: Session, _context, _instances) -> None:
    """Refuse any write of her data for a purpose she has not switched on.

    This runs for every session of the application, so no repository, script or
    future feature can store personal data around her consent.
    """
    needed: dict[int, set[Purpose]] = defaultdict(set)
    people: dict[int, Person] = {}
    for obj in list(session.new) + list(session.dirty):
        if obj in session.deleted:
            continue
        if isinstance(obj, Person):
            people[id(obj)] = obj
            needed[id(obj)]  # a person needs at least one consent
            continue
        purpose = purpose_of(obj)
        if purpose is None:
            continue
        person = getattr(obj, "person", None)
        if person is None:
            person = session.get(Person, obj.person_id) if obj.person_id else None
        if person is None:
            raise ConsentRequired(purpose)
        people[id(person)] = person
        needed[id(person)].add(purpose)
    for key, purposes in needed.items():
        person = people[key]
        granted = _granted_purposes(session, person)
        if not granted:
            raise ConsentRequired(next(iter(purposes), Purpose.REMEMBER_ME))
        missing = purposes - granted
        if missing:
            raise ConsentRequired(sorted(missing)[0])
