"""Pieces several dialogs share: the language list, her country and the consent switches."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button, Column
from aiogram_dialog.widgets.text import Multi

from bot.consent import Purpose
from bot.country import countries, her_country
from bot.dialogs.widgets import Raw, T, choices, her_id
from bot.i18n import N_, catalogues, current_language, gettext
from bot.storage.session_store import PROFILE

# One plain sentence per purpose, shown on the consent screen (keep in step
# with CONSENT_TEXT_VERSIONS when the meaning changes).
CONSENT_SENTENCES: dict[Purpose, str] = {
    Purpose.REMEMBER_ME: N_("<b>Remember me</b>: I keep your language and where you stopped, so you can go on later."),
    Purpose.SAVE_CV: N_("<b>Save my CV</b>: I keep your CV draft so you can finish it another day."),
    Purpose.MY_COUNSELLOR: N_("<b>My counsellor</b>: a counsellor you choose can send you reminders of your meetings."),
    Purpose.KEEP_CONVERSATION: N_(
        "<b>Keep my conversation</b>: when you talk with a person here, I keep a locked copy "
        "of the conversation for a while."
    ),
}
CONSENT_LABELS: dict[Purpose, str] = {
    Purpose.REMEMBER_ME: N_("Remember me"),
    Purpose.SAVE_CV: N_("Save my CV"),
    Purpose.MY_COUNSELLOR: N_("My counsellor"),
    Purpose.KEEP_CONVERSATION: N_("Keep my conversation"),
}
ON, OFF = "✅", "⬜"


# Language -----------------------------------------------------------------------------


async def languages_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """Every offered language in its own script; hers (or Telegram's guess) first and ticked."""
    chosen = current_language.get()
    languages = sorted(catalogues().languages, key=lambda lang: lang.code != chosen)
    return {
        "languages": [
            (lang.code, f"✓ {lang.native_name}" if lang.code == chosen else lang.native_name) for lang in languages
        ]
    }


async def remember_language(manager: DialogManager, code: str) -> None:
    store = manager.middleware_data["session_store"]
    user_id = her_id(manager)
    profile = await store.read(user_id, PROFILE)
    profile["language"] = catalogues().language(code).code
    await store.write(user_id, PROFILE, profile)
    # Show the change from this very screen on.
    current_language.set(profile["language"])


def language_select(on_chosen) -> Column:
    async def _on_click(callback: CallbackQuery, _widget, manager: DialogManager, code: str):
        await remember_language(manager, code)
        await on_chosen(callback, manager)

    return Column(choices("lang", "languages", _on_click))


# Country ------------------------------------------------------------------------------


async def country_of(manager: DialogManager):
    """Her country (picked by her, or the organisation's), or None until she picks one."""
    store = manager.middleware_data["session_store"]
    profile = await store.read(her_id(manager), PROFILE)
    return her_country(profile, manager.middleware_data["directory"])


async def countries_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    chosen = await country_of(dialog_manager)
    entries = sorted(countries().countries, key=lambda country: gettext(country.name))
    return {
        "countries": [
            (country.code, ("✓ " if chosen and chosen.code == country.code else "") + gettext(country.name))
            for country in entries
        ],
        "country_name": gettext(chosen.name) if chosen else "",
        "has_country": chosen is not None,
    }


def country_select(on_chosen=None, when: str | None = None) -> Column:
    """Her country, kept in her profile: in memory, or stored only with "remember me"."""

    async def _on_click(callback: CallbackQuery, _widget, manager: DialogManager, code: str):
        if countries().get(code) is None:
            return  # a stale button from an older content version
        store = manager.middleware_data["session_store"]
        profile = await store.read(callback.from_user.id, PROFILE)
        profile["country"] = code
        await store.write(callback.from_user.id, PROFILE, profile)
        if on_chosen is not None:
            await on_chosen(callback, manager)

    return Column(
        choices("country", "countries", _on_click),
        when=when,
    )


# Consent ------------------------------------------------------------------------------


async def consents_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    privacy = dialog_manager.middleware_data["privacy"]
    granted = await privacy.granted(her_id(dialog_manager))
    return {f"mark_{p.value}": ON if p in granted else OFF for p in Purpose}


def consent_sentences() -> Multi:
    return Multi(*(T(CONSENT_SENTENCES[p]) for p in Purpose), sep="\n\n")


def _toggle(purpose: Purpose) -> Button:
    async def _on_click(callback: CallbackQuery, _button: Button, manager: DialogManager):
        privacy = manager.middleware_data["privacy"]
        user_id = callback.from_user.id
        now_on = purpose not in await privacy.granted(user_id)
        await privacy.set_consent(user_id, purpose, now_on)

    return Button(
        Multi(Raw(f"mark_{purpose.value}"), T(CONSENT_LABELS[purpose]), sep=" "),
        id=f"c_{purpose.value[:8]}",
        on_click=_on_click,
    )


def consent_toggles() -> Column:
    return Column(*(_toggle(p) for p in Purpose))
