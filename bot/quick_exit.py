"""Quick exit: erase the conversation from her screen and end the session, in one tap."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.consent import Purpose
from bot.i18n import gettext as _
from bot.privacy import Privacy
from bot.storage.session_store import SessionStore
from bot.trail import Trail

log = logging.getLogger(__name__)

BATCH = 100  # deleteMessages takes at most 100 ids


class QuickExit:
    def __init__(self, bot: Bot, trail: Trail, store: SessionStore, privacy: Privacy, relay=None) -> None:
        self._bot = bot
        self._relay = relay  # bot.relay.Relay: a conversation with a person is paused, not left running
        self._trail = trail
        self._store = store
        self._privacy = privacy

    async def run(
        self,
        manager: DialogManager | None,
        user_id: int,
        *,
        callback: CallbackQuery | None = None,
        message: Message | None = None,
    ) -> None:
        if self._relay is not None:
            await self._relay.pause(user_id)  # first: nothing more may reach her phone
        ids = set(await self._trail.take_all(user_id))
        if callback and callback.message:
            ids.add(callback.message.message_id)
        if message:
            ids.add(message.message_id)
        await self._delete(user_id, sorted(ids))
        if manager is not None:
            await _forget_dialogs(manager)
        remembers = Purpose.REMEMBER_ME in await self._privacy.granted(user_id)
        await self._store.end_session(user_id, keep_profile=remembers)
        try:
            await self._bot.send_message(user_id, _("Send /start to begin."))
        except TelegramAPIError:
            pass

    async def _delete(self, chat_id: int, ids: list[int]) -> None:
        batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
        results = await asyncio.gather(
            *(self._bot.delete_messages(chat_id, batch) for batch in batches),
            return_exceptions=True,
        )
        failed = sum(isinstance(r, Exception) for r in results)
        if failed:
            log.warning("quick exit: %d of %d delete batches failed", failed, len(batches))


async def _forget_dialogs(manager: DialogManager) -> None:
    """Close every open screen so aiogram-dialog saves nothing back after we wipe."""
    try:
        await manager.reset_stack(remove_keyboard=False)
        stack = manager.current_stack()
        stack.last_message_id = None
        stack.last_reply_keyboard = False
        stack.last_media_id = None
        stack.last_media_unique_id = None
    except Exception:  # a broken stack is about to be wiped anyway
        log.debug("quick exit: no dialog stack to reset")
