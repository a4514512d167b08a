"""A short, honest screen for a section that is not built yet."""

from __future__ import annotations

import html
from typing import Any

from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Cancel
from aiogram_dialog.widgets.text import Multi

from bot.dialogs.menu import SECTIONS_NOT_READY
from bot.dialogs.states import Unavailable
from bot.dialogs.widgets import Raw, T, screen
from bot.i18n import gettext


async def _getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    section = (dialog_manager.start_data or {}).get("section", "")
    name = SECTIONS_NOT_READY.get(section)
    return {
        "title": f"<b>{html.escape(gettext(name))}</b>" if name else "",
        "is_person": section == "person",
    }


def unavailable_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                Raw("title"),
                T("This part is not ready yet. It will come in a next version of the bot."),
                T(
                    "If you are in danger now, call 112. It is free and works in every EU country.",
                    when="is_person",
                ),
                sep="\n\n",
            ),
            Cancel(T("⬅ Back")),
            getter=_getter,
            state=Unavailable.main,
        ),
    )
