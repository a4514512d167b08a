"""First screens: her language, what the bot is, and what it may keep (all off by default)."""

from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, StartMode
from aiogram_dialog.widgets.kbd import Button, Next
from aiogram_dialog.widgets.text import Multi

from bot.dialogs.common import (
    consent_sentences,
    consent_toggles,
    consents_getter,
    language_select,
    languages_getter,
)
from bot.dialogs.states import Menu, Start
from bot.dialogs.widgets import T, screen
from bot.storage.session_store import PROFILE


async def _language_chosen(_callback: CallbackQuery, manager: DialogManager) -> None:
    await manager.switch_to(Start.welcome)


async def _finish(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    store = manager.middleware_data["session_store"]
    profile = await store.read(callback.from_user.id, PROFILE)
    profile["onboarded"] = True
    await store.write(callback.from_user.id, PROFILE, profile)
    await manager.start(Menu.main, mode=StartMode.RESET_STACK)


def start_dialog() -> Dialog:
    return Dialog(
        screen(
            T("Choose your language."),
            language_select(_language_chosen),
            getter=languages_getter,
            state=Start.language,
        ),
        screen(
            T(
                "Hello! I help you look for work: your rights, contracts, your CV "
                "and job interviews.\n\n"
                "You decide what I keep. Without your permission, I keep nothing.\n\n"
                "To leave fast, tap ✖ Exit or send /exit: this chat is erased.\n\n"
                "I am not an emergency service. If you are in danger, call 112."
            ),
            Next(T("Continue ➡")),
            state=Start.welcome,
        ),
        screen(
            Multi(
                T("What may I keep? Everything is off until you switch it on."),
                consent_sentences(),
                T("You can change this at any time in Settings."),
                sep="\n\n",
            ),
            consent_toggles(),
            Button(T("Continue ➡"), id="done", on_click=_finish),
            getter=consents_getter,
            state=Start.consent,
        ),
    )
