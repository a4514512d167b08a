"""Talk to a person, without Telegram: topics, who is offered a request, office hours, reference codes, and
what is due for a request nobody took yet. Plain Python with an injectable clock."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.directory import Directory
from bot.i18n import N_

ADMIN, COUNSELLOR, MEDIATOR = "admin", "counsellor", "mediator"
ROLES = (ADMIN, COUNSELLOR, MEDIATOR)

WAITING, OPEN, PAUSED = "waiting", "open", "paused"

URGENT = "unsafe"
TOPICS: dict[str, str] = {
    "job_search": N_("Looking for work"),
    "contract": N_("A contract"),
    "cv": N_("My CV"),
    "interview": N_("Interview practice"),
    "documents": N_("Documents and permits"),
    "other": N_("Something else"),
    URGENT: N_("I am not safe right now"),
}

# Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"


def new_code(length: int = 5) -> str:
    """A short reference code she can quote to the office."""
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


@dataclass(frozen=True)
class Mediator:
    id: int
    languages: frozenset[str]
    woman: bool


def offered_to(mediators: list[Mediator], language: str, woman_wanted: bool, urgent: bool) -> list[int]:
    """Who is told of a new request: mediators who speak her language (women only if she asked for a woman,
    unless none is available). Urgent requests, and requests nobody speaks the language of, go to everyone."""
    if urgent:
        return [mediator.id for mediator in mediators]
    speaking = [mediator for mediator in mediators if language in mediator.languages]
    if woman_wanted:
        women = [mediator for mediator in speaking if mediator.woman] or [m for m in mediators if m.woman]
        speaking = women or speaking
    return [mediator.id for mediator in speaking or mediators]


def office_open(directory: Directory, now: datetime) -> bool:
    local = now.astimezone(directory.timezone)
    hours = directory.office_hours.get(local.weekday())
    return hours is not None and hours[0] <= local.time() < hours[1]


def next_opening(directory: Directory, now: datetime) -> datetime | None:
    """When the office next opens (local time), or None when it has no hours at all."""
    local = now.astimezone(directory.timezone)
    for days_ahead in range(8):
        day = (local + timedelta(days=days_ahead)).date()
        hours = directory.office_hours.get(day.weekday())
        if hours is None:
            continue
        opening = datetime.combine(day, hours[0], tzinfo=directory.timezone)
        if opening > local:
            return opening
    return None


@dataclass(frozen=True)
class Timing:
    reannounce_after: timedelta = timedelta(minutes=10)
    nobody_free_after: timedelta = timedelta(minutes=30)


REANNOUNCE, TELL_NOBODY_FREE = "reannounce", "nobody_free"


def due(waiting_since: datetime, reannounced: bool, told_nobody: bool, now: datetime, timing: Timing) -> list[str]:
    """What a request nobody has taken needs now: a second announcement to every mediator, then an honest word
    to her. Each happens once."""
    waited = now - waiting_since
    actions = []
    if not reannounced and waited >= timing.reannounce_after:
        actions.append(REANNOUNCE)
    if not told_nobody and waited >= timing.nobody_free_after:
        actions.append(TELL_NOBODY_FREE)
    return actions


def split_roles(text: str) -> list[str]:
    return [part for part in (piece.strip().lower() for piece in text.split(",")) if part]
