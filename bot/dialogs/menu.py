"""The main menu: every section she can open."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Column, Start

from bot.dialogs.states import Contract, Cv, Glossary, Interview, Menu, Orientation, Settings, Talk
from bot.dialogs.widgets import T, screen


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
                Start(T("🙋 Talk to a person"), id="person", state=Talk.topic),
                Start(T("⚙ Settings"), id="settings", state=Settings.main),
            ),
            state=Menu.main,
        ),
    )
