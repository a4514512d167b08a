"""Handlers outside the dialogs: commands, anything unexpected, and errors. All thin."""

from __future__ import annotations

import logging
import re
import traceback

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.filters import Command, CommandStart, ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState

from bot import metrics
from bot.dialogs.states import Menu, Start
from bot.i18n import gettext as _
from bot.quick_exit import QuickExit
from bot.storage.session_store import PROFILE, SessionStore

log = logging.getLogger(__name__)


async def open_home(manager: DialogManager, store: SessionStore, user_id: int) -> None:
    """Her starting point: the menu once she has been through the first screens, else those."""
    profile = await store.read(user_id, PROFILE)
    state = Menu.main if profile.get("onboarded") else Start.language
    await manager.start(state, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


def commands_router() -> Router:
    router = Router(name="commands")

    @router.message(CommandStart())
    async def start(message: Message, dialog_manager: DialogManager, session_store: SessionStore):
        # Deep-link arguments are not used yet: ignore them rather than fail.
        await open_home(dialog_manager, session_store, message.from_user.id)

    @router.message(Command("exit"))
    async def exit_now(message: Message, dialog_manager: DialogManager, quick_exit: QuickExit):
        await quick_exit.run(dialog_manager, message.from_user.id, message=message)

    @router.message(Command("menu"))
    async def menu(message: Message, dialog_manager: DialogManager, session_store: SessionStore):
        await open_home(dialog_manager, session_store, message.from_user.id)

    return router


def fallback_router() -> Router:
    """Registered after the dialogs: whatever no screen expected gets a short hint."""
    router = Router(name="fallback")

    @router.message()
    async def unexpected_message(message: Message, dialog_manager: DialogManager, session_store: SessionStore):
        if not dialog_manager.has_context():
            await open_home(dialog_manager, session_store, message.from_user.id)
            return
        await message.answer(_("Please use the buttons below."))
        await dialog_manager.show(ShowMode.DELETE_AND_SEND)

    @router.callback_query()
    async def unexpected_button(callback: CallbackQuery, dialog_manager: DialogManager, session_store: SessionStore):
        await callback.answer(_("This button is no longer active."))
        if dialog_manager.has_context():
            await dialog_manager.show(ShowMode.DELETE_AND_SEND)
        else:
            await open_home(dialog_manager, session_store, callback.from_user.id)

    return router


def errors_router() -> Router:
    router = Router(name="errors")

    @router.error(ExceptionTypeFilter(UnknownIntent, OutdatedIntent, UnknownState))
    async def stale_screen(event: ErrorEvent, dialog_manager: DialogManager, session_store: SessionStore):
        # A button from an old message, a fast second tap, or a screen from before a
        # restart: show the screen she is on now, or her starting point.
        log.info("stale screen: %s", type(event.exception).__name__)
        callback = event.update.callback_query
        user = callback.from_user if callback else getattr(event.update.message, "from_user", None)
        if callback:
            try:
                await callback.answer(_("This button is old. Here is the current screen."))
            except TelegramAPIError:
                pass
        if user is None:
            return
        if dialog_manager.has_context() and not isinstance(event.exception, UnknownState):
            await dialog_manager.show()
        else:
            await open_home(dialog_manager, session_store, user.id)

    @router.error(ExceptionTypeFilter(TelegramForbiddenError))
    async def blocked(event: ErrorEvent):
        metrics.handler_failed(event.exception)
        log.info("a user has blocked the bot; update %s dropped", event.update.update_id)

    @router.error()
    async def anything_else(event: ErrorEvent, bot: Bot):
        metrics.handler_failed(event.exception)
        # Type and place only: an exception's message may quote her input.
        frame = traceback.extract_tb(event.exception.__traceback__)[-1:]
        where = f"{frame[0].filename}:{frame[0].lineno}" if frame else "?"
        # Telegram's description says what went wrong; anything it quotes is blanked out.
        detail = ""
        if isinstance(event.exception, TelegramAPIError):
            detail = re.sub(r"\"[^\"]*\"|'[^']*'", "…", event.exception.message)[:200]
        log.error(
            "update %s failed: %s at %s %s",
            event.update.update_id,
            type(event.exception).__name__,
            where,
            detail,
        )
        chat_id = None
        if event.update.message and event.update.message.chat.type == "private":
            chat_id = event.update.message.chat.id
        elif event.update.callback_query:
            chat_id = event.update.callback_query.from_user.id
        if chat_id is not None:
            try:
                await bot.send_message(chat_id, _("Sorry, something went wrong. Please try again."))
            except Exception:  # noqa: BLE001 - never let the error path fail
                pass

    return router
