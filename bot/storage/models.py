"""Database tables. Every row about her hangs off `Person` and belongs to a consent purpose."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.consent import Purpose


def utcnow() -> datetime:
    return datetime.now(UTC)


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


def purpose_of(row: object) -> Purpose | None:
    """The consent purpose a row belongs to, or None for rows that are not about her."""
    if isinstance(row, SavedItem):
        return Purpose(row.purpose)
    declared = getattr(type(row), "__purpose__", None)
    return Purpose(declared) if declared else None
