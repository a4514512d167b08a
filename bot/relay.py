"""The conversation between her and a mediator, through the bot: announce, take, relay, hand over, close.

Messages are copied, never forwarded, so neither side sees the other's account; the mediator
appears under an alias. Nothing of what they say is stored unless she switched on "keep my
conversation". Handlers call this; the rules (who is offered what, what is due) live in bot.talk.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable
from datetime import datetime
from weakref import WeakValueDictionary

from aiogram import Bot
from aiogram.enums import ContentType
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from babel.dates import format_datetime

from bot.directory import Directory
from bot.i18n import KNOWN_LANGUAGES, N_, RLM, Catalogues, babel_locale, first_strong_rtl
from bot.rate_limit import RateLimiter
from bot.storage.models import utcnow
from bot.storage.talk_store import Request, Staff, TalkStore
from bot.talk import (
    OPEN,
    PAUSED,
    REANNOUNCE,
    TELL_NOBODY_FREE,
    TOPICS,
    WAITING,
    Timing,
    due,
    next_opening,
    offered_to,
    office_open,
)

log = logging.getLogger(__name__)

MAX_TEXT = 4096
MAX_CAPTION = 1024
# Kinds Telegram lets us give a caption to; others get a short header message before the copy.
CAPTIONED = {ContentType.PHOTO, ContentType.VIDEO, ContentType.DOCUMENT, ContentType.AUDIO, ContentType.VOICE,
             ContentType.ANIMATION}  # fmt: skip
RELAYED = CAPTIONED | {ContentType.TEXT, ContentType.STICKER, ContentType.VIDEO_NOTE, ContentType.LOCATION,
                       ContentType.CONTACT}  # fmt: skip


class StaffAction(CallbackData, prefix="st"):
    action: str  # take, current, handover, to, close, menu
    request: int = 0
    to: int = 0


class Feedback(CallbackData, prefix="fb"):
    kind: str  # helpful, not_helpful


FEEDBACK_KINDS = ("helpful", "not_helpful")

# To her ----------------------------------------------------------------------------------------
SENT = N_("I passed on your request. Your code is {code}.")
ANSWER_SOON = N_("The office is open: someone usually answers within {minutes} minutes.")
ANSWER_OPEN = N_("The office is open: someone will answer as soon as they can.")
ANSWER_LATER = N_("The office is closed now. It opens {when}; someone will answer then.")
ANSWER_UNKNOWN = N_("Someone will answer as soon as they can.")
WRITE_HERE = N_("Write here: I pass on what you send, without your name or account.")
MEDIATOR_HERE = N_("{alias} is here and will answer you.")
MEDIATOR_CLOSED = N_("{alias} closed the conversation. You can ask for a person again at any time.")
MEDIATOR_GONE = N_("The person you were talking with had to stop. I am looking for someone else.")
HANDED_OVER = N_("{alias} will go on with you.")
NOBODY_FREE = N_(
    "Nobody is free right now, I am sorry. Your request stays open and someone will answer as soon as they can."
)
NOT_SAFE = N_("If you are in danger now, call 112. It is free and works in every EU country.")
HOTLINE = N_("{label}: {phone}")
CANNOT_PASS = N_("This kind of message cannot be passed on. Please send text, a photo, a document or a voice message.")
WAS_IT_HELPFUL = N_("Was this helpful? One tap, only counted.")
HELPFUL, NOT_HELPFUL = N_("👍 Helpful"), N_("👎 Not helpful")
# To the mediator -----------------------------------------------------------------------------------
NEW_REQUEST = N_("New request {code}")
TOPIC_LINE = N_("Topic: {topic}")
LANGUAGE_LINE = N_("Language: {language}")
WANTS_WOMAN = N_("She asks for a woman.")
URGENT_LINE = N_("🔴 URGENT: she says she is not safe right now.")
STILL_WAITING = N_("⏰ Still waiting for someone:")
TAKE = N_("✋ Take")
TAKEN_BY_OTHER = N_("Request {code}: someone else took it.")
YOU_TOOK = N_(
    "You took {code}. Write here to answer her: she sees your messages under the name “{alias}”. "
    "With several conversations, reply to one of her messages to answer in that one."
)
HAND_OVER, CLOSE = N_("↪ Hand over"), N_("✔ Close")
HANDED_TO_YOU = N_("{code} was handed over to you. Write here to answer her.")
YOU_HANDED = N_("You handed {code} over.")
SHE_PAUSED = N_("⏸ {code}: she left for now. Nothing is sent to her until she writes again.")
SHE_BACK = N_("▶ {code}: she is back.")
SHE_CLOSED = N_("{code}: she closed the conversation.")
YOU_CLOSED = N_("You closed {code}. Nothing of the conversation is kept.")
SHE_UNREACHABLE = N_("{code}: she can no longer receive messages. The request is closed.")
NOT_DELIVERED = N_("{code} is paused: your message was not sent.")
NO_CONVERSATION = N_("Which conversation is this for? Reply to one of her messages, or choose one with /start.")
CANNOT_PASS_STAFF = N_("This kind of message cannot be passed on.")
NOW_CURRENT = N_("Your messages now go to {code}.")


class Relay:
    def __init__(
        self,
        bot: Bot,
        store: TalkStore,
        cats: Catalogues,
        directory: Directory,
        timing: Timing | None = None,
        clock: Callable[[], datetime] = utcnow,
        limiter: RateLimiter | None = None,
    ) -> None:
        self._bot = bot
        self._store = store
        self._cats = cats
        self._directory = directory
        self._timing = timing or Timing()
        self._limiter = limiter  # announcements go to many at once: the shared rate limiter
        self._clock = clock
        self._locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()

    def _lock(self, request_id: int) -> asyncio.Lock:
        # One at a time per conversation, so messages arrive in the order they were sent.
        lock = self._locks.get(request_id)
        if lock is None:
            lock = self._locks[request_id] = asyncio.Lock()
        return lock

    def _t(self, message: str, language: str, /, **values) -> str:
        return self._cats.render_in(message, language, **values)

    def staff_language(self, staff: Staff) -> str:
        return self._cats.first_offered(staff.languages)

    # Her side ----------------------------------------------------------------------------------

    def safety_lines(self, language: str) -> str:
        """112 always; the organisation's hotline only when its directory is confirmed."""
        lines = [self._t(NOT_SAFE, language)]
        hotline = self._directory.confirmed_hotline()
        if hotline is not None:
            lines.append(self._t(HOTLINE, language, label=hotline.label, phone=hotline.phone))
        return "\n".join(lines)

    def what_happens_next(self, code: str, language: str) -> str:
        now = self._clock()
        if not self._directory.office_hours:
            timing = self._t(ANSWER_UNKNOWN, language)
        elif office_open(self._directory, now):
            minutes = self._directory.reply_within_minutes
            timing = self._t(ANSWER_SOON, language, minutes=minutes) if minutes else self._t(ANSWER_OPEN, language)
        else:
            opening = next_opening(self._directory, now)
            when = format_datetime(
                opening, "EEEE HH:mm", tzinfo=self._directory.timezone, locale=babel_locale(language)
            )
            timing = self._t(ANSWER_LATER, language, when=when)
        return "\n\n".join((self._t(SENT, language, code=code), timing, self._t(WRITE_HERE, language)))

    async def submit(
        self,
        her_id: int,
        *,
        topic: str,
        language: str,
        her_language: str,
        woman_wanted: bool,
        urgent: bool,
        first_message_id: int | None = None,
    ) -> Request:
        request = await self._store.open_request(
            her_id,
            topic=topic,
            language=language,
            her_language=her_language,
            woman_wanted=woman_wanted,
            urgent=urgent,
            now=self._clock(),
        )
        if first_message_id is not None:
            await self._store.link(request.id, first_message_id, None, None)
        await self.announce(request)
        return request

    async def from_her(self, message: Message, request: Request) -> None:
        async with self._lock(request.id):
            request = await self._store.request(request.id) or request
            if message.content_type not in RELAYED:
                await message.answer(self._t(CANNOT_PASS, request.her_language))
                return
            if request.state == PAUSED:
                await self._store.set_state(request.id, OPEN if request.mediator_id else WAITING)
                await self._tell_mediator(request, SHE_BACK, code=request.code)
            await self._keep(message.from_user.id, "her", message)
            if request.mediator_id is None:
                await self._store.link(request.id, message.message_id, None, None)  # copied once someone takes it
                return
            mediator = await self._store.staff_by_id(request.mediator_id)
            if mediator is None:
                await self._store.link(request.id, message.message_id, None, None)
                return
            await self._copy_to_mediator(request, mediator, message.chat.id, message.message_id, message)

    async def pause(self, her_id: int) -> None:
        """Quick exit: nothing reaches her phone until she writes again; her mediator is told."""
        request = await self._store.active_request(her_id)
        if request is None or request.state == PAUSED:
            return
        await self._store.set_state(request.id, PAUSED)
        await self._tell_mediator(request, SHE_PAUSED, code=request.code)

    async def close_by_her(self, her_id: int) -> bool:
        request = await self._store.active_request(her_id)
        if request is None:
            return False
        await self._store.close(request.id)
        await self._tell_mediator(request, SHE_CLOSED, code=request.code)
        await self._store.audit("her", "closed by her", request.code)
        return True

    async def count_feedback(self, kind: str) -> None:
        if kind in FEEDBACK_KINDS:
            await self._store.count_feedback(kind)

    def feedback_keyboard(self, language: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=self._t(HELPFUL, language), callback_data=Feedback(kind="helpful").pack()
                    ),
                    InlineKeyboardButton(
                        text=self._t(NOT_HELPFUL, language), callback_data=Feedback(kind="not_helpful").pack()
                    ),
                ]
            ]
        )

    async def _to_her(self, request: Request, text: str, **kwargs) -> Message | None:
        """Send to her; if she blocked the bot, the request closes and her mediator is told."""
        try:
            return await self._bot.send_message(request.her_chat_id, text, **kwargs)
        except TelegramForbiddenError:
            await self._she_is_gone(request)
            return None

    async def _she_is_gone(self, request: Request) -> None:
        await self._store.close(request.id)
        await self._tell_mediator(request, SHE_UNREACHABLE, code=request.code)
        await self._store.audit("bot", "closed: she blocked the bot", request.code)

    async def _keep(self, her_id: int, side: str, message: Message) -> None:
        """One line for her transcript, only if she chose to keep it (the store checks her consent)."""
        what = message.text or message.caption or f"[{message.content_type}]"
        await self._store.keep_line(her_id, {"from": side, "text": what, "at": self._clock().isoformat()})

    # Mediators -----------------------------------------------------------------------------------

    def _request_lines(self, request: Request, language: str) -> list[str]:
        lines = [
            self._t(TOPIC_LINE, language, topic=self._cats.gettext(TOPICS.get(request.topic, "other"), language)),
            self._t(LANGUAGE_LINE, language, language=language_name(request.language)),
        ]
        if request.woman_wanted:
            lines.append(self._t(WANTS_WOMAN, language))
        if request.urgent:
            lines.insert(0, self._t(URGENT_LINE, language))
        return lines

    async def announce(self, request: Request, everyone: bool = False) -> int:
        """Tell the mediators who should see this request, each with a Take button; returns how many were told."""
        mediators = {m.id: m for m in await self._store.mediators()}
        chosen = await self._store.mediator_choices()
        ids = (
            list(mediators) if everyone else offered_to(chosen, request.language, request.woman_wanted, request.urgent)
        )
        told = 0
        for staff_id in ids:
            staff = mediators[staff_id]
            language = self.staff_language(staff)
            head = self._t(STILL_WAITING, language) + "\n" if everyone else ""
            text = head + "\n".join([f"<b>{self._t(NEW_REQUEST, language, code=request.code)}</b>",
                                     *self._request_lines(request, language)])  # fmt: skip
            markup = InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        InlineKeyboardButton(
                            text=self._t(TAKE, language),
                            callback_data=StaffAction(action="take", request=request.id).pack(),
                        )
                    ]
                ]
            )
            if self._limiter is not None:
                await self._limiter.wait(staff.chat_id)
            try:
                sent = await self._bot.send_message(staff.chat_id, text, reply_markup=markup)
            except TelegramForbiddenError:
                log.info("a mediator could not be told of a request (blocked the bot)")
                continue
            await self._store.add_offer(request.id, staff.id, sent.message_id)
            told += 1
        return told

    async def take(self, staff: Staff, request_id: int) -> bool:
        request = await self._store.request(request_id)
        if request is None or not await self._store.take(request_id, staff.id, self._clock()):
            return False
        await self._store.audit(staff.label, "take", request.code)
        await self._store.set_current(staff.id, request_id)
        language = self.staff_language(staff)
        for other_id, message_id in await self._store.offers(request_id):
            other = await self._store.staff_by_id(other_id)
            if other is None:
                continue
            if other_id == staff.id:
                text = self._t(YOU_TOOK, language, code=request.code, alias=staff.alias)
                markup = self.conversation_keyboard(request_id, language)
            else:
                text, markup = self._t(TAKEN_BY_OTHER, self.staff_language(other), code=request.code), None
            try:
                await self._bot.edit_message_text(
                    text, chat_id=other.chat_id, message_id=message_id, reply_markup=markup
                )
            except (TelegramBadRequest, TelegramForbiddenError):
                pass
        if request.state != PAUSED:
            await self._to_her(request, self._t(MEDIATOR_HERE, request.her_language, alias=staff.alias))
        async with self._lock(request_id):
            for message_id in await self._store.take_pending(request_id):
                taken = await self._store.request(request_id)
                if taken is None:
                    break
                await self._copy_to_mediator(taken, staff, request.her_chat_id, message_id, None)
        return True

    def conversation_keyboard(self, request_id: int, language: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=self._t(HAND_OVER, language),
                        callback_data=StaffAction(action="handover", request=request_id).pack(),
                    ),
                    InlineKeyboardButton(
                        text=self._t(CLOSE, language),
                        callback_data=StaffAction(action="close", request=request_id).pack(),
                    ),
                ]
            ]
        )

    async def _copy_to_mediator(
        self, request: Request, mediator: Staff, her_chat: int, her_message_id: int, message: Message | None
    ) -> None:
        """Her message into the mediator's chat, marked with the request's code; each link routes a reply.
        `message` is None for a message she sent before anyone took the request: only its id was kept."""
        label = f"💬 <b>{request.code}</b>"
        sent: list[Message] = []
        try:
            if message is not None and message.content_type == ContentType.TEXT:
                text = html.escape(message.text, quote=False)
                room = MAX_TEXT - len(label) - 1
                for start in range(0, len(text), room):
                    sent.append(
                        await self._bot.send_message(mediator.chat_id, f"{label}\n{text[start : start + room]}")
                    )
            elif message is not None and message.content_type in CAPTIONED:
                caption = html.escape(message.caption or "", quote=False)
                caption = f"{label}\n{caption}".strip()[:MAX_CAPTION]
                sent.append(await self._bot.copy_message(mediator.chat_id, her_chat, her_message_id, caption=caption))
            else:
                sent.append(await self._bot.send_message(mediator.chat_id, label))
                sent.append(await self._bot.copy_message(mediator.chat_id, her_chat, her_message_id))
        except TelegramForbiddenError:
            await self._mediator_is_gone(request)
            return
        except TelegramBadRequest:
            await self._to_her(request, self._t(CANNOT_PASS, request.her_language))
            return
        finally:
            for copy in sent:
                await self._store.link(request.id, her_message_id, mediator.id, copy.message_id)

    async def from_mediator(self, message: Message, staff: Staff) -> None:
        request_id = None
        if message.reply_to_message is not None:
            request_id = await self._store.request_for_reply(staff.id, message.reply_to_message.message_id)
        request_id = request_id or staff.current_request_id
        request = await self._store.request(request_id) if request_id else None
        language = self.staff_language(staff)
        if request is None or request.mediator_id != staff.id:
            await message.answer(self._t(NO_CONVERSATION, language))
            return
        if message.content_type not in RELAYED:
            await message.answer(self._t(CANNOT_PASS_STAFF, language))
            return
        async with self._lock(request.id):
            request = await self._store.request(request.id)
            if request is None:
                await message.answer(self._t(NO_CONVERSATION, language))
                return
            if request.state == PAUSED:
                await message.answer(self._t(NOT_DELIVERED, language, code=request.code))
                return
            if staff.current_request_id != request.id:
                await self._store.set_current(staff.id, request.id)
            sent = await self._copy_to_her(request, staff, message)
            if sent is not None:
                await self._store.link(request.id, sent.message_id, staff.id, message.message_id)
                await self._keep(request.her_chat_id, "mediator", message)

    def _signed(self, request: Request, staff: Staff, typed: str) -> str:
        """The mediator's alias above what they typed. A Latin alias would lay an Arabic answer out left to right
        on her phone: the direction follows the typed text (or, without letters, her language)."""
        rtl = first_strong_rtl(typed)
        if rtl is None:
            rtl = self._cats.language_rtl(request.her_language)
        alias = f"<b>{html.escape(staff.alias, quote=False)}</b>"
        return f"{RLM if rtl else ''}{alias}\n{html.escape(typed, quote=False)}".strip()

    async def _copy_to_her(self, request: Request, staff: Staff, message: Message) -> Message | None:
        try:
            if message.content_type == ContentType.TEXT:
                return await self._bot.send_message(
                    request.her_chat_id, self._signed(request, staff, message.text)[:MAX_TEXT]
                )
            if message.content_type in CAPTIONED:
                return await self._bot.copy_message(
                    request.her_chat_id,
                    message.chat.id,
                    message.message_id,
                    caption=self._signed(request, staff, message.caption or "")[:MAX_CAPTION],
                )
            await self._bot.send_message(request.her_chat_id, self._signed(request, staff, ""))
            return await self._bot.copy_message(request.her_chat_id, message.chat.id, message.message_id)
        except TelegramForbiddenError:
            await self._she_is_gone(request)
        except TelegramBadRequest:
            await message.answer(self._t(CANNOT_PASS_STAFF, self.staff_language(staff)))
        return None

    async def _tell_mediator(self, request: Request, message: str, **values) -> None:
        if request.mediator_id is None:
            return
        mediator = await self._store.staff_by_id(request.mediator_id)
        if mediator is None:
            return
        try:
            await self._bot.send_message(mediator.chat_id, self._t(message, self.staff_language(mediator), **values))
        except TelegramForbiddenError:
            await self._mediator_is_gone(request)

    async def _mediator_is_gone(self, request: Request) -> None:
        """Her mediator blocked the bot or was removed: back to the queue, and she is told."""
        await self._store.requeue(request.id, self._clock())
        await self._store.audit("bot", "back to the queue: mediator unreachable", request.code)
        fresh = await self._store.request(request.id)
        if fresh is None:
            return
        if request.state != PAUSED:
            await self._to_her(fresh, self._t(MEDIATOR_GONE, fresh.her_language))
        await self.announce(fresh)

    async def make_current(self, staff: Staff, request_id: int) -> bool:
        request = await self._store.request(request_id)
        if request is None or request.mediator_id != staff.id:
            return False
        await self._store.set_current(staff.id, request_id)
        await self._bot.send_message(staff.chat_id, self._t(NOW_CURRENT, self.staff_language(staff), code=request.code))
        return True

    async def hand_over(self, staff: Staff, request_id: int, to_staff_id: int) -> bool:
        request = await self._store.request(request_id)
        other = await self._store.staff_by_id(to_staff_id)
        if request is None or other is None or other.id == staff.id or request.mediator_id != staff.id:
            return False
        if not await self._store.hand_over(request_id, staff.id, other.id):
            return False
        await self._store.audit(staff.label, f"hand over to #{other.id}", request.code)
        if staff.current_request_id == request_id:
            await self._store.set_current(staff.id, None)
        await self._store.set_current(other.id, request_id)
        language = self.staff_language(other)
        text = "\n".join([self._t(HANDED_TO_YOU, language, code=request.code), *self._request_lines(request, language)])
        await self._bot.send_message(other.chat_id, text, reply_markup=self.conversation_keyboard(request_id, language))
        await self._bot.send_message(staff.chat_id, self._t(YOU_HANDED, self.staff_language(staff), code=request.code))
        if request.state != PAUSED:
            await self._to_her(request, self._t(HANDED_OVER, request.her_language, alias=other.alias))
        return True

    async def close_by_mediator(self, staff: Staff, request_id: int) -> bool:
        request = await self._store.request(request_id)
        if request is None or request.mediator_id != staff.id:
            return False
        await self._store.close(request_id)
        await self._store.audit(staff.label, "close", request.code)
        await self._bot.send_message(staff.chat_id, self._t(YOU_CLOSED, self.staff_language(staff), code=request.code))
        if request.state != PAUSED:
            language = request.her_language
            closed = self._t(MEDIATOR_CLOSED, language, alias=staff.alias)
            await self._to_her(
                request,
                f"{closed}\n\n{self._t(WAS_IT_HELPFUL, language)}",
                reply_markup=self.feedback_keyboard(language),
            )
        return True

    # Timeliness --------------------------------------------------------------------------------

    async def check_waiting(self) -> None:
        """Run every few seconds: re-announce, tell her honestly nobody is free, re-queue orphaned requests."""
        now = self._clock()
        for request in await self._store.orphaned():
            await self._mediator_is_gone(request)
        for request in await self._store.waiting():
            for action in due(request.waiting_since, request.reannounced, request.told_nobody, now, self._timing):
                if action == REANNOUNCE and await self._store.claim(request.id, "reannounced_at"):
                    await self.announce(request, everyone=True)
                elif action == TELL_NOBODY_FREE and await self._store.claim(request.id, "told_nobody_at"):
                    language = request.her_language
                    await self._to_her(request, f"{self._t(NOBODY_FREE, language)}\n\n{self.safety_lines(language)}")

    # Helpers for the handlers ------------------------------------------------------------------------

    @property
    def store(self) -> TalkStore:
        return self._store


def language_name(code: str) -> str:
    """A language in its own script (mediators read it as she would write it), else its code."""
    return next((language.native_name for language in KNOWN_LANGUAGES if language.code == code), code)
