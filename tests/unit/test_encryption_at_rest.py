"""What is stored is unreadable without DATA_KEY, and ids are kept only as keyed hashes."""

import pytest
from cryptography.exceptions import InvalidTag

from bot.storage.crypto import Vault
from tests.conftest import TEST_KEY


def test_round_trip_and_no_plaintext():
    vault = Vault(TEST_KEY)
    token = vault.encrypt_json({"name": "CANARY-Амина-أمينة"}, context=b"row")
    assert b"CANARY" not in token
    assert vault.decrypt_json(token, context=b"row") == {"name": "CANARY-Амина-أمينة"}


def test_ciphertext_is_bound_to_its_row():
    vault = Vault(TEST_KEY)
    token = vault.encrypt(b"secret", context=b"her row")
    with pytest.raises(InvalidTag):
        vault.decrypt(token, context=b"another row")


def test_another_key_cannot_read():
    token = Vault(TEST_KEY).encrypt(b"secret")
    with pytest.raises(InvalidTag):
        Vault(bytes(32)).decrypt(token)


def test_user_ref_is_stable_keyed_and_hides_the_id():
    vault = Vault(TEST_KEY)
    assert vault.user_ref(123456789) == vault.user_ref(123456789)
    assert vault.user_ref(123456789) != Vault(bytes(32)).user_ref(123456789)
    assert "123456789" not in vault.user_ref(123456789)


def test_logs_never_quote_input_that_a_library_failed_to_parse():
    import logging

    from pydantic import BaseModel, ValidationError

    from bot.log_privacy import RedactQuotedInput

    class Update(BaseModel):
        count: int

    try:
        Update(count="CANARY her words")
    except ValidationError as error:
        record = logging.LogRecord(
            "aiogram.dispatcher", logging.ERROR, __file__, 1, "Failed to fetch updates - %s", (error,), None
        )
        RedactQuotedInput().filter(record)
        assert "CANARY" not in record.getMessage()
        assert "validation error" in record.getMessage()
