"""The confirmation after "Delete everything"."""

from __future__ import annotations

from aiogram_dialog import Dialog, StartMode, Window
from aiogram_dialog.widgets.kbd import Start

from bot.dialogs.states import Deleted
from bot.dialogs.states import Start as StartStates
from bot.dialogs.widgets import T, quick_exit_button


def deleted_dialog() -> Dialog:
    return Dialog(
        Window(
            T("Done. Everything I kept about you is deleted."),
            Start(T("Start again"), id="again", state=StartStates.language, mode=StartMode.RESET_STACK),
            quick_exit_button(),
            state=Deleted.done,
        ),
    )
