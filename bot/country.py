"""Her country: the one she picked, else the organisation's when its directory is confirmed. No Telegram."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from bot.content import Countries, Country, load_countries
from bot.directory import Directory


@cache
def countries() -> Countries:
    return load_countries()


def her_country(profile: Mapping[str, Any], directory: Directory, known: Countries | None = None) -> Country | None:
    """Her choice wins; an example directory's country is never assumed for her."""
    known = known or countries()
    chosen = known.get(profile.get("country"))
    if chosen is not None:
        return chosen
    return None if directory.example else known.get(directory.country)
