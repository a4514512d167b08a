"""Widgets shared by every dialog: translated text and the quick-exit button."""

from __future__ import annotations

from string import Formatter
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, Window
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Select
from aiogram_dialog.widgets.text import Format, Text

from bot.i18n import gettext, render


def choices(widget_id: str, items: str, on_click, label: str = "{item[1]}") -> Select:
    """Buttons from a getter's list of (id, label) pairs; `on_click` gets the id."""
    return Select(Format(label), id=widget_id, item_id_getter=lambda item: item[0], items=items, on_click=on_click)


def her_id(manager: DialogManager) -> int:
    """Her Telegram id for this update, also while an error handler re-shows a screen (no `event.from_user` there)."""
    return manager.middleware_data["event_from_user"].id


class T(Text):
    """Text translated when it is shown, in her language, with {placeholders} from the getter."""

    def __init__(self, message: str, when=None) -> None:
        super().__init__(when=when)
        self.message = message
        self.fields = tuple({name for _, name, _, _ in Formatter().parse(message) if name})

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return render(self.message, {name: data.get(name, "") for name in self.fields})


class Raw(Text):
    """Text already built (and escaped) by a getter, shown as it is."""

    def __init__(self, key: str, when=None) -> None:
        super().__init__(when=when)
        self.key = key

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return str(data.get(self.key, ""))


async def _on_quick_exit(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    quick_exit = manager.middleware_data["quick_exit"]
    await quick_exit.run(manager, callback.from_user.id, callback=callback)


def quick_exit_button() -> Button:
    # A plain word and a neutral sign: nothing that tells an onlooker what she was reading.
    return Button(T("✖ Exit"), id="qx", on_click=_on_quick_exit)


async def _on_unexpected_input(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    # A sticker, a photo, a long text where a button was expected: say so, then show
    # the screen again below her message so its buttons are at hand.
    await message.answer(gettext("Please use the buttons below."))
    manager.show_mode = ShowMode.DELETE_AND_SEND


def screen(*widgets, state: State, getter=None, typed_input: bool = False, **kwargs) -> Window:
    """A window with what every screen has: the quick-exit button and a kind answer to typing.

    Pass `typed_input=True` for screens that read her text with their own MessageInput.
    """
    extra = [quick_exit_button()]
    if not typed_input:
        extra.append(MessageInput(_on_unexpected_input))
    return Window(*widgets, *extra, state=state, getter=getter, **kwargs)
