"""`python -m bot rotate-key`: every stored personal field re-encrypted under a new DATA_KEY, in batches.

The bot keeps running meanwhile: its vault decrypts with DATA_KEY or DATA_KEY_PREVIOUS and encrypts with
DATA_KEY, so a row is readable before, during and after its rewrite. Each batch is one short transaction;
a row already under the new key is skipped, so an interrupted rotation is simply run again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.crypto import Vault
from bot.storage.keys import store_hash_key
from bot.storage.models import (
    Base,
    DialogStateRow,
    HelpRequest,
    Pairing,
    Person,
    Reminder,
    SavedItem,
    StaffMember,
    TranscriptLine,
)


@dataclass(frozen=True)
class Field:
    """An encrypted column and the context its ciphertext is bound to (the same the stores use)."""

    model: type[Base]
    column: str
    context: Callable[[Base, str | None], bytes]  # (row, her user_ref when the row hangs off a person)
    needs_person: bool = False


FIELDS: tuple[Field, ...] = (
    Field(SavedItem, "value_enc", lambda row, ref: f"{ref}|{row.purpose}|{row.kind}".encode(), needs_person=True),
    Field(DialogStateRow, "record_enc", lambda _row, ref: ref.encode(), needs_person=True),
    Field(StaffMember, "chat_enc", lambda _row, _ref: b"staff"),
    Field(HelpRequest, "her_chat_enc", lambda _row, _ref: b"help_request"),
    Field(TranscriptLine, "line_enc", lambda row, _ref: f"transcript|{row.person_id}".encode()),
    Field(Pairing, "alias_enc", lambda row, _ref: f"pairing|{row.person_id}".encode()),
    Field(Pairing, "chat_enc", lambda row, _ref: f"pairing|{row.person_id}".encode()),
    Field(Reminder, "note_enc", lambda row, _ref: f"reminder|{row.person_id}".encode()),
)


async def rotate(
    sessionmaker: async_sessionmaker[AsyncSession], vault: Vault, batch: int = 200, progress=None
) -> dict[str, int]:
    """Re-encrypt every field under the vault's current key; returns rewritten rows per table.column."""
    counts: dict[str, int] = {}
    async with sessionmaker() as session, session.begin():
        await store_hash_key(session, vault)
    for field in FIELDS:
        name = f"{field.model.__tablename__}.{field.column}"
        counts[name] = 0
        last_id = 0
        while True:
            async with sessionmaker() as session, session.begin():
                model = field.model
                if field.needs_person:
                    query = select(model, Person.user_ref).join(Person, Person.id == model.person_id)
                    query = query.where(model.id > last_id).order_by(model.id).limit(batch)
                    rows = (await session.execute(query)).all()
                else:
                    query = select(model).where(model.id > last_id).order_by(model.id).limit(batch)
                    rows = [(row, None) for row in await session.scalars(query)]
                if not rows:
                    break
                for row, ref in rows:
                    last_id = row.id
                    token = getattr(row, field.column)
                    context = field.context(row, ref)
                    if vault.is_current(token, context=context):
                        continue
                    setattr(row, field.column, vault.encrypt(vault.decrypt(token, context=context), context=context))
                    counts[name] += 1
            if progress:
                progress(name, counts[name])
    return counts
