"""The confirmation after "Delete everything"."""

from __future__ import annotations

from aiogram_dialog import Dialog, StartMode
from aiogram_dialog.widgets.kbd import Start

from bot.dialogs.states import Deleted
from bot.dialogs.states import Start as StartStates
from bot.dialogs.widgets import T, screen


def deleted_dialog() -> Dialog:
    return Dialog(
        screen(
            T("Done. Everything I kept about you is deleted."),
            Start(T("Start again"), id="again", state=StartStates.language, mode=StartMode.RESET_STACK),
            state=Deleted.done,
        ),
    )
