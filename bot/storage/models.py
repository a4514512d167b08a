"""Database tables. Every row about her hangs off `Person` and belongs to a consent purpose."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot import clock
from bot.consent import Purpose


def utcnow() -> datetime:
    return clock.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back even for timezone-aware columns; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Person(Base):
    """She exists in the database only while at least one consent is on.

    `user_ref` is a keyed hash of her Telegram id: enough to find her, useless to a reader.
    """

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_ref: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    consents: Mapped[list[Consent]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (Index("ix_person_last_seen_at", "last_seen_at"),)


class Consent(Base):
    """One purpose she switched on, when, and the version of the sentence she read."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(32))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    text_version: Mapped[str] = mapped_column(String(32))

    person: Mapped[Person] = relationship(back_populates="consents")

    __table_args__ = (UniqueConstraint("person_id", "purpose", name="uq_consent_person_purpose"),)


class DialogStateRow(Base):
    """Her place in the conversation, kept across restarts only with "remember me"."""

    __tablename__ = "dialog_state"
    __purpose__ = Purpose.REMEMBER_ME

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # Keyed hash of the aiogram storage key (which contains her raw ids).
    key_ref: Mapped[str] = mapped_column(String(64), unique=True)
    # Encrypted JSON of the key's name, its state and its data.
    record_enc: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_dialog_state_person_id", "person_id"),)


class SavedItem(Base):
    """A piece of her data kept under one purpose (progress, a CV draft, ...), encrypted."""

    __tablename__ = "saved_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(64))
    value_enc: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        UniqueConstraint("person_id", "purpose", "kind", name="uq_saved_item"),
        Index("ix_saved_item_person_id", "person_id"),
    )


class StaffMember(Base):
    """A person of the organisation: roles, languages, the alias women see. Telegram id encrypted."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_ref: Mapped[str] = mapped_column(String(64), unique=True)
    chat_enc: Mapped[bytes] = mapped_column(LargeBinary)
    roles: Mapped[str] = mapped_column(String(64))  # comma-separated: admin, counsellor, mediator
    languages: Mapped[str] = mapped_column(String(128), default="")  # comma-separated codes
    alias: Mapped[str] = mapped_column(String(64))
    woman: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    current_request_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StaffInvite(Base):
    """A one-time link that makes whoever opens it staff; only a keyed hash of the code is kept."""

    __tablename__ = "staff_invite"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_ref: Mapped[str] = mapped_column(String(64), unique=True)
    roles: Mapped[str] = mapped_column(String(64))
    languages: Mapped[str] = mapped_column(String(128), default="")
    alias: Mapped[str] = mapped_column(String(64))
    woman: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class HelpRequest(Base):
    """Her open request for a person. Only what routing needs; the row is deleted when the request closes."""

    __tablename__ = "help_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    topic: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))  # the language she wants to be answered in
    her_language: Mapped[str] = mapped_column(String(8))  # the bot's language for her messages
    woman_wanted: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16))  # waiting, open, paused
    her_ref: Mapped[str] = mapped_column(String(64), index=True)
    her_chat_enc: Mapped[bytes] = mapped_column(LargeBinary)
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    waiting_since: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reannounced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    told_nobody_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    taken_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class RequestOffer(Base):
    """The notification a mediator got for a request, so it can change to "taken"."""

    __tablename__ = "request_offer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("help_request.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    message_id: Mapped[int] = mapped_column(Integer)


class RelayLink(Base):
    """Which message in her chat became which message in the mediator's, to route a reply. No content.

    A link without a mediator is a message she sent before anyone took the request: it waits to be copied.
    """

    __tablename__ = "relay_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("help_request.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), nullable=True)
    staff_message_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    her_message_id: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_relay_link_staff_message", "staff_id", "staff_message_id"),)


class TranscriptLine(Base):
    """One line of a conversation with a person, kept (encrypted) only with "keep my conversation"."""

    __tablename__ = "transcript_line"
    __purpose__ = Purpose.KEEP_CONVERSATION

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    line_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class AuditEntry(Base):
    """A staff action (take, hand over, close, a refused staff command), never its content."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(80))  # "staff #3 (alias)" or "not staff <keyed hash prefix>"
    action: Mapped[str] = mapped_column(String(32))
    request_code: Mapped[str] = mapped_column(String(12), default="")


class FeedbackTally(Base):
    """Her one tap after a conversation, kept only as a count."""

    __tablename__ = "feedback_tally"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class PairInvite(Base):
    """A counsellor's one-time code for a woman; only a keyed hash of the code is kept."""

    __tablename__ = "pair_invite"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_ref: Mapped[str] = mapped_column(String(64), unique=True)
    counsellor_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Pairing(Base):
    """She and her counsellor, with her agreement ("my counsellor"): the alias she chose, her time zone."""

    __tablename__ = "pairing"
    __purpose__ = Purpose.MY_COUNSELLOR

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    counsellor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    alias_enc: Mapped[bytes] = mapped_column(LargeBinary)
    chat_enc: Mapped[bytes] = mapped_column(LargeBinary)
    language: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Reminder(Base):
    """An appointment (once or repeating) a counsellor set for her; the note is encrypted."""

    __tablename__ = "reminder"
    __purpose__ = Purpose.MY_COUNSELLOR

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairing.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[str] = mapped_column(String(10))  # local date in the office's zone, ISO
    at: Mapped[str] = mapped_column(String(5))  # local time, HH:MM
    zone: Mapped[str] = mapped_column(String(64))  # the office's zone
    repeat: Mapped[str] = mapped_column(String(16))
    note_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReminderNotice(Base):
    """One message to send her for one appointment of a series: at most one row per appointment and lead, and
    `sent_at` is set before sending, so a restart or a second replica never sends it twice."""

    __tablename__ = "reminder_notice"
    __purpose__ = Purpose.MY_COUNSELLOR

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminder.id", ondelete="CASCADE"), index=True)
    occurrence: Mapped[int] = mapped_column(Integer)  # the index of the appointment in its series
    appointment_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lead: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # Claimed by the one sender (set before sending); settled once delivered, dropped or refused. Claimed but
    # unsettled when a scheduler takes over means the sender died mid-send: the notice is sent again.
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    answer: Mapped[str | None] = mapped_column(String(16), nullable=True)

    __table_args__ = (UniqueConstraint("reminder_id", "occurrence", "lead", name="uq_reminder_notice"),)


class VaultKey(Base):
    """The key of the keyed hashes (Telegram ids), encrypted under DATA_KEY: rotating DATA_KEY re-encrypts it
    and the hashes stay valid (the raw ids they were made from are not stored)."""

    __tablename__ = "vault_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash_key_enc: Mapped[bytes] = mapped_column(LargeBinary)


def purpose_of(row: object) -> Purpose | None:
    """The consent purpose a row belongs to, or None for rows that are not about her."""
    if isinstance(row, SavedItem):
        return Purpose(row.purpose)
    declared = getattr(type(row), "__purpose__", None)
    return Purpose(declared) if declared else None
