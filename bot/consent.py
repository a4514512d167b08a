"""Consent purposes: what she can switch on, what each one keeps. Plain Python, no Telegram."""

from __future__ import annotations

from enum import StrEnum


class Purpose(StrEnum):
    """A reason to store something about her. Nothing is stored without one switched on.

    The values are stored in the database: never rename them.
    """

    REMEMBER_ME = "remember_me"
    SAVE_CV = "save_cv"
    MY_COUNSELLOR = "my_counsellor"
    KEEP_CONVERSATION = "keep_conversation"


# Bump a purpose's version whenever the sentence she reads for it changes in meaning:
# each consent record keeps the version she saw.
CONSENT_TEXT_VERSIONS: dict[Purpose, str] = {
    Purpose.REMEMBER_ME: "2026-11-22",
    Purpose.SAVE_CV: "2026-11-22",
    Purpose.MY_COUNSELLOR: "2026-11-22",
    Purpose.KEEP_CONVERSATION: "2026-11-22",
}

ALL_PURPOSES: tuple[Purpose, ...] = tuple(Purpose)


class ConsentRequired(PermissionError):
    """Raised by the storage layer when data would be written for a purpose she has not switched on."""

    def __init__(self, purpose: Purpose) -> None:
        super().__init__(f"consent '{purpose}' is required to store this")
        self.purpose = purpose
