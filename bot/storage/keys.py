"""The vault of a database: DATA_KEY (and DATA_KEY_PREVIOUS while rotating), and the hash key stored encrypted."""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.crypto import Vault, derive_hash_key
from bot.storage.models import VaultKey

_CONTEXT = b"vault hash key"


class WrongKey(Exception):
    """Neither DATA_KEY nor DATA_KEY_PREVIOUS opens this database."""


async def open_vault(
    sessionmaker: async_sessionmaker[AsyncSession], key: bytes, previous: bytes | None = None
) -> Vault:
    """The vault for this database. The first start stores the hash key derived from DATA_KEY; every later
    start reads it back, which also proves DATA_KEY is the database's key."""
    bootstrap = Vault(key, previous=previous)
    async with sessionmaker() as session:
        row = await session.get(VaultKey, 1)
    if row is None:
        try:
            async with sessionmaker() as session, session.begin():
                session.add(VaultKey(id=1, hash_key_enc=bootstrap.encrypt(derive_hash_key(key), context=_CONTEXT)))
            return Vault(key, previous=previous, hash_key=derive_hash_key(key))
        except IntegrityError:  # another replica stored it at the same moment
            async with sessionmaker() as session:
                row = await session.get(VaultKey, 1)
    try:
        hash_key = bootstrap.decrypt(row.hash_key_enc, context=_CONTEXT)
    except InvalidTag as error:
        raise WrongKey from error
    return Vault(key, previous=previous, hash_key=hash_key)


async def store_hash_key(session: AsyncSession, vault: Vault) -> None:
    """Re-encrypt the stored hash key under the vault's current key (key rotation)."""
    row = await session.scalar(select(VaultKey).where(VaultKey.id == 1))
    token = vault.encrypt(vault.hash_key, context=_CONTEXT)
    if row is None:
        session.add(VaultKey(id=1, hash_key_enc=token))
    else:
        row.hash_key_enc = token


async def open_vault_at(database_url: str, key: bytes, previous: bytes | None = None) -> Vault:
    """`open_vault` on a short-lived engine (start-up and admin commands)."""
    from bot.storage.db import make_engine, make_sessionmaker

    engine = make_engine(database_url)
    try:
        return await open_vault(make_sessionmaker(engine), key, previous)
    finally:
        await engine.dispose()
