"""The deploying organisation's local directory: hotline, office hours, local services.

Everything here must be confirmed by the organisation, so it lives in its own
YAML file (DIRECTORY_FILE), never in code. The shipped file is an example, and
while a directory says `example: true` no phone number from it is ever shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.content import CONTENT_DIR, ContentError

EXAMPLE_DIRECTORY = CONTENT_DIR / "directory.example.yaml"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{3,20}$")


@dataclass(frozen=True)
class Contact:
    label: str
    phone: str


@dataclass(frozen=True)
class Service:
    id: str
    kind: str
    name: str
    phone: str | None = None
    address: str | None = None
    hours: str | None = None


@dataclass(frozen=True)
class Directory:
    example: bool
    country: str
    timezone: ZoneInfo
    hotline: Contact | None
    office_hours: dict[int, tuple[time, time]] = field(default_factory=dict)  # weekday -> (open, close)
    reply_within_minutes: int | None = None
    services: tuple[Service, ...] = ()

    def confirmed_hotline(self) -> Contact | None:
        """The hotline to show her, or None: an example directory's numbers are never shown."""
        return None if self.example else self.hotline


def load_directory(path: Path | None = None) -> Directory:
    path = path or EXAMPLE_DIRECTORY
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"{name}: cannot read the directory ({error})") from error
    if not isinstance(data, dict):
        raise ContentError(f"{name}: expected a mapping at the top")
    if not isinstance(data.get("example"), bool):
        raise ContentError(f"{name}: 'example' must be true or false")
    country = data.get("country")
    if not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
        raise ContentError(f"{name}: 'country' must be a two-letter code such as GR")
    try:
        zone = ZoneInfo(str(data.get("timezone")))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ContentError(f"{name}: 'timezone' must be a zone such as Europe/Athens") from error
    hotline = None
    if data.get("hotline") is not None:
        raw = data["hotline"]
        if not isinstance(raw, dict) or not raw.get("label") or not _PHONE.match(str(raw.get("phone", ""))):
            raise ContentError(f"{name}: 'hotline' needs a label and a phone number")
        hotline = Contact(str(raw["label"]), str(raw["phone"]))
    hours: dict[int, tuple[time, time]] = {}
    for day, value in (data.get("office_hours") or {}).items():
        match = _HOURS.match(str(value))
        if day not in DAYS or not match:
            raise ContentError(f"{name}: office_hours '{day}' must be a day (mon..sun) with HH:MM-HH:MM")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        try:
            opening, closing = time(h1, m1), time(h2, m2)
        except ValueError as error:
            raise ContentError(f"{name}: office_hours '{day}' is not a real time") from error
        if closing <= opening:
            raise ContentError(f"{name}: office_hours '{day}' closes before it opens")
        hours[DAYS.index(day)] = (opening, closing)
    services = []
    seen: set[str] = set()
    for index, raw in enumerate(data.get("services") or []):
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name") or not raw.get("kind"):
            raise ContentError(f"{name}: service {index + 1} needs id, kind and name")
        if raw["id"] in seen:
            raise ContentError(f"{name}: service '{raw['id']}' is listed twice")
        seen.add(raw["id"])
        if raw.get("phone") is not None and not _PHONE.match(str(raw["phone"])):
            raise ContentError(f"{name}: service '{raw['id']}' has a malformed phone number")
        services.append(
            Service(
                id=str(raw["id"]),
                kind=str(raw["kind"]),
                name=str(raw["name"]),
                phone=raw.get("phone"),
                address=raw.get("address"),
                hours=raw.get("hours"),
            )
        )
    minutes = data.get("reply_within_minutes")
    if minutes is not None and (not isinstance(minutes, int) or minutes <= 0):
        raise ContentError(f"{name}: 'reply_within_minutes' must be a positive number")
    return Directory(
        example=data["example"],
        country=country,
        timezone=zone,
        hotline=hotline,
        office_hours=hours,
        reply_within_minutes=minutes,
        services=tuple(services),
    )
