"""Encryption at rest (AES-GCM) and keyed hashes of Telegram ids, both derived from DATA_KEY."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_FORMAT_VERSION = b"\x01"
_NONCE_SIZE = 12


def _derive(master_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master_key)


class Vault:
    """Encrypts personal fields and turns Telegram ids into lookup hashes.

    Two independent keys are derived from the one DATA_KEY so that the hash key
    can never be used to decrypt, nor the other way round.
    """

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("master key must be 32 bytes")
        self._aead = AESGCM(_derive(master_key, b"jobsteps field encryption v1"))
        self._hash_key = _derive(master_key, b"jobsteps telegram id hash v1")

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
        return self._aead.decrypt(nonce, body, context)

    def encrypt_json(self, value: Any, *, context: bytes = b"") -> bytes:
        return self.encrypt(json.dumps(value, ensure_ascii=False).encode(), context=context)

    def decrypt_json(self, token: bytes, *, context: bytes = b"") -> Any:
        return json.loads(self.decrypt(token, context=context))
