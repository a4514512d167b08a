"""Repositories: the only code that reads and writes her rows. Consent is enforced here and by the guard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent import CONSENT_TEXT_VERSIONS, ConsentRequired, Purpose
from bot.storage.crypto import Vault
from bot.storage.models import Base, Consent, Person, SavedItem, utcnow


def _purpose_tables(purpose: Purpose) -> list[type[Base]]:
    """Every mapped class whose rows belong wholly to one purpose (e.g. dialog state)."""
    return [mapper.class_ for mapper in Base.registry.mappers if getattr(mapper.class_, "__purpose__", None) == purpose]


@dataclass(frozen=True)
class ConsentRecord:
    purpose: Purpose
    granted_at: datetime
    text_version: str


class PersonalData:
    """Her consents and the data kept under them, over one database session."""

    def __init__(self, session: AsyncSession, vault: Vault) -> None:
        self.session = session
        self.vault = vault

    async def _person(self, user_id: int) -> Person | None:
        ref = self.vault.user_ref(user_id)
        return await self.session.scalar(select(Person).where(Person.user_ref == ref))

    async def person_id(self, user_id: int) -> int | None:
        person = await self._person(user_id)
        return person.id if person else None

    async def consents(self, user_id: int) -> list[ConsentRecord]:
        person = await self._person(user_id)
        if person is None:
            return []
        rows = await self.session.scalars(
            select(Consent).where(Consent.person_id == person.id).order_by(Consent.purpose)
        )
        return [ConsentRecord(Purpose(c.purpose), c.granted_at, c.text_version) for c in rows]

    async def granted(self, user_id: int) -> set[Purpose]:
        return {record.purpose for record in await self.consents(user_id)}

    async def grant(self, user_id: int, purpose: Purpose) -> None:
        """Switch a purpose on, recording the time and the version of the text she saw."""
        person = await self._person(user_id)
        if person is None:
            person = Person(user_ref=self.vault.user_ref(user_id))
            self.session.add(person)
        elif purpose in await self.granted(user_id):
            return
        self.session.add(Consent(person=person, purpose=purpose, text_version=CONSENT_TEXT_VERSIONS[purpose]))
        await self.session.flush()

    async def revoke(self, user_id: int, purpose: Purpose) -> None:
        """Switch a purpose off and delete, at once, everything kept under it."""
        person = await self._person(user_id)
        if person is None:
            return
        for table in _purpose_tables(purpose):
            await self.session.execute(delete(table).where(table.person_id == person.id))
        await self.session.execute(
            delete(SavedItem).where(SavedItem.person_id == person.id, SavedItem.purpose == purpose)
        )
        await self.session.execute(delete(Consent).where(Consent.person_id == person.id, Consent.purpose == purpose))
        remaining = await self.session.scalar(select(Consent.id).where(Consent.person_id == person.id).limit(1))
        if remaining is None:
            # No purpose left: she disappears from the database altogether.
            await self.session.delete(person)
        await self.session.flush()
        self.session.expire_all()

    async def delete_everything(self, user_id: int) -> bool:
        """Remove every row about her. Returns whether there was anything to remove."""
        person = await self._person(user_id)
        if person is None:
            return False
        await self._delete_people([person.id])
        return True

    async def save(self, user_id: int, purpose: Purpose, kind: str, value: Any) -> None:
        """Keep `value` under `purpose`; raises ConsentRequired if she has not switched it on."""
        person = await self._person(user_id)
        if person is None or purpose not in await self.granted(user_id):
            raise ConsentRequired(purpose)
        encrypted = self.vault.encrypt_json(value, context=self._context(person, purpose, kind))
        item = await self.session.scalar(
            select(SavedItem).where(
                SavedItem.person_id == person.id,
                SavedItem.purpose == purpose,
                SavedItem.kind == kind,
            )
        )
        if item is None:
            self.session.add(SavedItem(person_id=person.id, purpose=purpose, kind=kind, value_enc=encrypted))
        else:
            item.value_enc = encrypted
            item.updated_at = utcnow()
        await self.session.flush()

    async def load(self, user_id: int, purpose: Purpose, kind: str) -> Any | None:
        person = await self._person(user_id)
        if person is None:
            return None
        item = await self.session.scalar(
            select(SavedItem).where(
                SavedItem.person_id == person.id,
                SavedItem.purpose == purpose,
                SavedItem.kind == kind,
            )
        )
        if item is None:
            return None
        return self.vault.decrypt_json(item.value_enc, context=self._context(person, purpose, kind))

    async def saved_items(self, user_id: int) -> list[tuple[Purpose, str, Any]]:
        person = await self._person(user_id)
        if person is None:
            return []
        rows = await self.session.scalars(
            select(SavedItem).where(SavedItem.person_id == person.id).order_by(SavedItem.kind)
        )
        return [
            (
                Purpose(row.purpose),
                row.kind,
                self.vault.decrypt_json(row.value_enc, context=self._context(person, Purpose(row.purpose), row.kind)),
            )
            for row in rows
        ]

    async def touch(self, user_id: int, now: datetime) -> None:
        """Mark her as active, which keeps her data from the retention clean-up."""
        person = await self._person(user_id)
        if person is not None:
            person.last_seen_at = now
            await self.session.flush()

    async def delete_inactive(self, before: datetime) -> int:
        """Delete everyone not seen since `before`; returns how many people were removed."""
        ids = list(await self.session.scalars(select(Person.id).where(Person.last_seen_at < before)))
        if ids:
            await self._delete_people(ids)
        return len(ids)

    async def _delete_people(self, ids: list[int]) -> None:
        # Explicit deletes rather than relying on ON DELETE CASCADE, which SQLite
        # only honours when the foreign_keys pragma is on.
        for purpose in Purpose:
            for table in _purpose_tables(purpose):
                await self.session.execute(delete(table).where(table.person_id.in_(ids)))
        await self.session.execute(delete(SavedItem).where(SavedItem.person_id.in_(ids)))
        await self.session.execute(delete(Consent).where(Consent.person_id.in_(ids)))
        await self.session.execute(delete(Person).where(Person.id.in_(ids)))
        await self.session.flush()
        self.session.expire_all()

    @staticmethod
    def _context(person: Person, purpose: str, kind: str) -> bytes:
        # Binds a ciphertext to its row, so it cannot be copied to another person or purpose.
        return f"{person.user_ref}|{purpose}|{kind}".encode()
