"""Session reminders without Telegram: when the appointments of a series fall, when each notice is due,
quiet hours, and what to do with a notice missed while the bot was down. Plain Python, times in UTC
unless named local; the clock is always passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import N_

ONCE, WEEKLY, FORTNIGHTLY = "once", "weekly", "fortnightly"
REPEATS: dict[str, str] = {
    ONCE: N_("Once"),
    WEEKLY: N_("Every week"),
    FORTNIGHTLY: N_("Every two weeks"),
}
_STEP = {WEEKLY: timedelta(weeks=1), FORTNIGHTLY: timedelta(weeks=2)}

COMING, NOT_COMING, ANOTHER_TIME = "coming", "not_coming", "another_time"
ANSWERS: dict[str, str] = {
    COMING: N_("I'll come"),
    NOT_COMING: N_("I can't come"),
    ANOTHER_TIME: N_("Another time please"),
}

QUIET_FROM, QUIET_UNTIL = time(21, 0), time(8, 0)


class TimeProblem(ValueError):
    """A local time that cannot be used as it is (the message says why, for the counsellor)."""


def to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A wall-clock time in `zone` as UTC. A time skipped by a daylight-saving change is refused; a time that
    happens twice (clocks going back) is taken the first time."""
    local = datetime.combine(day, at, tzinfo=zone)
    back = local.astimezone(ZoneInfo("UTC")).astimezone(zone)
    if (back.hour, back.minute) != (at.hour, at.minute):
        raise TimeProblem(N_("That time does not exist on that day: the clocks change. Choose another time."))
    return local.replace(fold=0).astimezone(ZoneInfo("UTC"))


def is_ambiguous(day: date, at: time, zone: ZoneInfo) -> bool:
    first = datetime.combine(day, at, tzinfo=zone).replace(fold=0)
    second = first.replace(fold=1)
    return first.utcoffset() != second.utcoffset()


@dataclass(frozen=True)
class Series:
    """An appointment, once or repeating, at the same wall-clock time in the office's zone."""

    first_day: date
    at: time
    zone: ZoneInfo
    repeat: str = ONCE

    def occurrence(self, index: int) -> datetime | None:
        """The index-th appointment in UTC (a repeat keeps the local time across daylight-saving changes)."""
        if index > 0 and self.repeat == ONCE:
            return None
        day = self.first_day + _STEP.get(self.repeat, timedelta(0)) * index
        try:
            return to_utc(day, self.at, self.zone)
        except TimeProblem:
            # The clocks skip this time on that day: the appointment is an hour later by the clock.
            return to_utc(day, time((self.at.hour + 1) % 24, self.at.minute), self.zone)

    def next_after(self, moment: datetime, limit: int = 1000) -> tuple[int, datetime] | None:
        """The first appointment that has not started at `moment`, with its index."""
        for index in range(limit):
            when = self.occurrence(index)
            if when is None:
                return None
            if when > moment:
                return index, when
        return None


def notices(appointment: datetime, leads: tuple[timedelta, ...]) -> list[tuple[str, datetime]]:
    """(lead name, when due) for one appointment, earliest first."""
    return sorted(((lead_name(lead), appointment - lead) for lead in leads), key=lambda item: item[1])


def lead_name(lead: timedelta) -> str:
    """A stable name for a lead time ("1440m", "60m"; seconds when it is not whole minutes)."""
    seconds = int(lead.total_seconds())
    return f"{seconds // 60}m" if seconds % 60 == 0 else f"{seconds}s"


def in_quiet_hours(moment: datetime, zone: ZoneInfo) -> bool:
    local = moment.astimezone(zone).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def shifted_out_of_quiet_hours(moment: datetime, zone: ZoneInfo, appointment: datetime) -> datetime:
    """For "shift" mode: a notice due in quiet hours moves to 08:00 her time, unless that is too late."""
    if not in_quiet_hours(moment, zone):
        return moment
    local = moment.astimezone(zone)
    morning = datetime.combine(local.date(), QUIET_UNTIL, tzinfo=zone)
    if local.time() >= QUIET_FROM:
        morning += timedelta(days=1)
    morning_utc = morning.astimezone(ZoneInfo("UTC"))
    return morning_utc if morning_utc < appointment else moment


SEND, SEND_LATE, DROP = "send", "send late", "drop"


def missed(due_at: datetime, appointment: datetime, now: datetime) -> str:
    """A notice found unsent: on time, late (the appointment has not started) or dropped."""
    if now < due_at:
        return SEND
    return SEND_LATE if now < appointment else DROP
