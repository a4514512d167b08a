"""Settings: her language, what she allows, what is kept about her, and delete everything."""

from __future__ import annotations

import json
from typing import Any

from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_dialog import Dialog, DialogManager, StartMode
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Start, SwitchTo
from aiogram_dialog.widgets.text import Multi
from babel.dates import format_datetime

from bot.country import countries
from bot.dialogs.common import (
    CONSENT_LABELS,
    consent_sentences,
    consent_toggles,
    consents_getter,
    countries_getter,
    country_select,
    language_select,
    languages_getter,
)
from bot.dialogs.orientation import FINISHED
from bot.dialogs.states import Deleted, Pairing, Settings
from bot.dialogs.widgets import Raw, T, her_id, screen
from bot.i18n import N_, babel_locale, catalogues, current_language, gettext, render
from bot.interview import PROGRESS as INTERVIEW_PROGRESS
from bot.privacy import StoredData
from bot.storage.session_store import CV_DRAFT


async def _main_getter(dialog_manager: DialogManager, **kwargs: Any) -> dict[str, Any]:
    return {
        "language": catalogues().language(current_language.get()).native_name,
        **await countries_getter(dialog_manager, **kwargs),
    }


async def _back_to_settings(_callback: CallbackQuery, manager: DialogManager) -> None:
    await manager.switch_to(Settings.main)


# What each kind of saved item is, in her words (kinds as passed to Privacy.keep_if_remembered / keep_draft).
SAVED_KINDS: dict[str, str] = {
    FINISHED: N_("which lessons you finished"),
    "contract_check": N_("your answers to the last contract check"),
    INTERVIEW_PROGRESS: N_("which interview questions you practised and your own ticks, never your answers"),
    CV_DRAFT: N_("your CV draft"),
}


def describe_stored(stored: StoredData) -> str:
    """What is kept about her, in plain words, in her language (HTML for Telegram)."""
    if stored.empty:
        return gettext(
            "I keep nothing about you. This conversation lives only in memory: "
            "it ends with ✖ Exit or when the bot restarts."
        )
    locale = babel_locale()
    lines = [gettext("This is everything I keep about you:"), ""]
    for consent in stored.consents:
        when = format_datetime(consent.granted_at, format="medium", locale=locale, tzinfo=None)
        lines.append(
            "• "
            + render(
                "{purpose}: switched on {date} (UTC)",
                {"purpose": gettext(CONSENT_LABELS[consent.purpose]), "date": when},
            )
        )
    if stored.profile.get("language"):
        name = catalogues().language(stored.profile["language"]).native_name
        lines.append("• " + render("Your language: {language}", {"language": name}))
    country = countries().get(stored.profile.get("country"))
    if country is not None:
        lines.append("• " + render("Your country: {country}", {"country": gettext(country.name)}))
    if stored.conversation_place:
        lines.append("• " + gettext("The screen where you stopped, to go on later."))
    for purpose, kind, _value in stored.saved:
        what = SAVED_KINDS.get(kind)
        label = render("Saved for “{purpose}”", {"purpose": gettext(CONSENT_LABELS[purpose])})
        lines.append("• " + (f"{label}: {gettext(what)}" if what else label))
    lines += [
        "",
        gettext(
            "Everything is stored locked (encrypted). Your Telegram account is not stored, only a code made from it."
        ),
    ]
    return "\n".join(lines)


async def _my_data_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    privacy = dialog_manager.middleware_data["privacy"]
    stored = await privacy.stored_data(her_id(dialog_manager))
    return {"stored_text": describe_stored(stored), "has_data": not stored.empty}


async def _send_copy(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    privacy = manager.middleware_data["privacy"]
    stored = await privacy.stored_data(callback.from_user.id)
    payload = json.dumps(stored.as_export(), ensure_ascii=False, indent=2).encode()
    # protect_content: the copy cannot be forwarded or saved from the chat by someone else.
    await callback.bot.send_document(
        callback.from_user.id,
        BufferedInputFile(payload, filename="my-data.json"),
        caption=gettext("A copy of what I keep about you."),
        protect_content=True,
    )


async def _delete_everything(callback: CallbackQuery, _button: Button, manager: DialogManager):
    privacy = manager.middleware_data["privacy"]
    user_id = callback.from_user.id
    await manager.reset_stack(remove_keyboard=False)
    await privacy.delete_everything(user_id)
    await manager.start(Deleted.done, mode=StartMode.RESET_STACK)


def settings_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                T("<b>Settings</b>"),
                Multi(T("Language: {language}"), T("Country: {country_name}", when="has_country"), sep="\n"),
                sep="\n\n",
            ),
            Column(
                SwitchTo(T("🌐 Language"), id="lang", state=Settings.language),
                SwitchTo(T("🌍 Country"), id="country", state=Settings.country),
                SwitchTo(T("🔒 What I may keep"), id="cons", state=Settings.consents),
                Start(T("🤝 My counsellor"), id="counsellor", state=Pairing.mine),
                SwitchTo(T("📋 What do you keep about me?"), id="data", state=Settings.my_data),
                SwitchTo(T("🗑 Delete everything"), id="del", state=Settings.confirm_delete),
                Cancel(T("⬅ Back")),
            ),
            getter=_main_getter,
            state=Settings.main,
        ),
        screen(
            T("Choose your language."),
            language_select(_back_to_settings),
            SwitchTo(T("⬅ Back"), id="back", state=Settings.main),
            getter=languages_getter,
            state=Settings.language,
        ),
        screen(
            Multi(
                T("In which country do you live or look for work?"),
                T("I use it to show what applies there. I keep it only if you chose “Remember me”."),
                sep="\n\n",
            ),
            country_select(_back_to_settings),
            SwitchTo(T("⬅ Back"), id="back", state=Settings.main),
            getter=countries_getter,
            state=Settings.country,
        ),
        screen(
            Multi(
                T("What may I keep? Tap to switch on or off."),
                consent_sentences(),
                T("Switching something off deletes what I kept for it, at once."),
                sep="\n\n",
            ),
            consent_toggles(),
            SwitchTo(T("⬅ Back"), id="back", state=Settings.main),
            getter=consents_getter,
            state=Settings.consents,
        ),
        screen(
            Raw("stored_text"),
            Button(T("📎 Send me a copy"), id="copy", on_click=_send_copy, when="has_data"),
            SwitchTo(T("⬅ Back"), id="back", state=Settings.main),
            getter=_my_data_getter,
            state=Settings.my_data,
        ),
        screen(
            T(
                "Delete everything I keep about you? Your choices, your progress and your CV "
                "draft are removed for good. This cannot be undone."
            ),
            Button(T("Yes, delete everything"), id="yes", on_click=_delete_everything),
            SwitchTo(T("No, go back"), id="no", state=Settings.main),
            state=Settings.confirm_delete,
        ),
    )
