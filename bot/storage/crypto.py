"""Encryption at rest (AES-GCM) and keyed hashes of Telegram ids, both derived from DATA_KEY."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_FORMAT_VERSION = b"\x01"
_NONCE_SIZE = 12


_FIELD_PURPOSE = b"jobsteps field encryption v1"


def _derive(master_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master_key)


def derive_hash_key(master_key: bytes) -> bytes:
    """The hash key of a database that never had its key rotated."""
    return _derive(master_key, b"jobsteps telegram id hash v1")


class Vault:
    """Encrypts personal fields and turns Telegram ids into lookup hashes.

    Two independent keys are derived from the one DATA_KEY so that the hash key
    can never be used to decrypt, nor the other way round. After a key rotation the
    hash key is the one stored (encrypted) in the database (`bot/storage/keys.py`),
    so hashes made before stay valid. While rows are re-encrypted, `previous` (the
    old DATA_KEY) still decrypts; everything new is encrypted under the new key.
    """

    def __init__(self, master_key: bytes, *, previous: bytes | None = None, hash_key: bytes | None = None) -> None:
        if len(master_key) != 32 or (previous is not None and len(previous) != 32):
            raise ValueError("master key must be 32 bytes")
        self._aead = AESGCM(_derive(master_key, _FIELD_PURPOSE))
        self._old_aead = AESGCM(_derive(previous, _FIELD_PURPOSE)) if previous else None
        self._hash_key = hash_key or derive_hash_key(master_key)

    @property
    def hash_key(self) -> bytes:
        return self._hash_key

    def user_ref(self, telegram_id: int) -> str:
        """A stable, keyed hash of a Telegram id: enough to find her rows, useless to anyone else."""
        digest = hmac.new(self._hash_key, str(int(telegram_id)).encode(), hashlib.sha256)
        return digest.hexdigest()

    def ref(self, text: str) -> str:
        """A keyed hash of any identifier (e.g. a storage key that embeds her ids)."""
        return hmac.new(self._hash_key, text.encode(), hashlib.sha256).hexdigest()

    def encrypt(self, plaintext: bytes, *, context: bytes = b"") -> bytes:
        nonce = os.urandom(_NONCE_SIZE)
        return _FORMAT_VERSION + nonce + self._aead.encrypt(nonce, plaintext, context)

    def decrypt(self, token: bytes, *, context: bytes = b"") -> bytes:
        if not token or token[:1] != _FORMAT_VERSION:
            raise ValueError("unknown ciphertext format")
        nonce, body = token[1 : 1 + _NONCE_SIZE], token[1 + _NONCE_SIZE :]
        try:
            return self._aead.decrypt(nonce, body, context)
        except InvalidTag:
            if self._old_aead is None:
                raise
            return self._old_aead.decrypt(nonce, body, context)

    def is_current(self, token: bytes, *, context: bytes = b"") -> bool:
        """True when `token` is encrypted under the current key (key rotation skips it)."""
        nonce, body = token[1 : 1 + _NONCE_SIZE], token[1 + _NONCE_SIZE :]
        try:
            self._aead.decrypt(nonce, body, context)
            return True
        except InvalidTag:
            return False

    def encrypt_json(self, value: Any, *, context: bytes = b"") -> bytes:
        return self.encrypt(json.dumps(value, ensure_ascii=False).encode(), context=context)

    def decrypt_json(self, token: bytes, *, context: bytes = b"") -> Any:
        return json.loads(self.decrypt(token, context=context))
