"""The main menu: every section she can open."""

from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Button, Column, Start

from bot.dialogs.states import Contract, Cv, Glossary, Interview, Menu, Orientation, Settings, Unavailable
from bot.dialogs.widgets import T, screen
from bot.i18n import N_

# Sections that later work builds; until then they open a short, honest screen.
# The key is stored in the screen's start data, the value is the section's name.
SECTIONS_NOT_READY: dict[str, str] = {
    "person": N_("Talk to a person"),
}


def _open_section(section: str):
    async def _on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager):
        await manager.start(Unavailable.main, data={"section": section})

    return _on_click


def menu_dialog() -> Dialog:
    return Dialog(
        screen(
            T("What would you like to do?"),
            Column(
                Start(T("📘 Learn about work"), id="learn", state=Orientation.lessons),
                Start(T("📝 Check a contract"), id="contract", state=Contract.intro),
                Start(T("📖 Words at work"), id="words", state=Glossary.search),
                Start(T("📄 My CV"), id="cv", state=Cv.intro),
                Start(T("💬 Practise an interview"), id="interview", state=Interview.intro),
                Button(T("🙋 Talk to a person"), id="person", on_click=_open_section("person")),
                Start(T("⚙ Settings"), id="settings", state=Settings.main),
            ),
            state=Menu.main,
        ),
    )
