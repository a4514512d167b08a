"""Handlers for the conversation with a person, registered before the dialogs. All thin: bot.relay does the work.

- staff: invite links, the staff menu on /start, the buttons on requests, and their messages to her;
- her: while a request is open, what she sends is relayed; her one tap of feedback is counted.
Every staff action checks the role here, on the server: a forged button from anyone else does nothing
and is recorded in the audit log.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import BaseFilter, Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, TelegramObject
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.counselling import PAIR_PREFIX, Counselling, ReminderAnswer
from bot.dialogs.states import Counsel, Pairing
from bot.i18n import N_, catalogues, current_language, gettext
from bot.relay import Feedback, Relay, StaffAction
from bot.storage.talk_store import Staff, TalkStore
from bot.talk import COUNSELLOR, MEDIATOR

log = logging.getLogger(__name__)

INVITE_PREFIX = "staff_"

WELCOME_STAFF = N_("Welcome. You are now staff of this bot ({roles}). Send /start for the staff menu.")
INVITE_INVALID = N_("This link is no longer valid. Ask for a new one.")
STAFF_MENU = N_("<b>Staff menu</b> · {alias}")
YOUR_CONVERSATIONS = N_("Your conversations:")
NONE_OPEN = N_("No open conversation.")
WAITING_REQUESTS = N_("Waiting for someone:")
NOT_A_MEDIATOR = N_("Conversations with women are for mediators. Send /start for your menu.")
MY_WOMEN = N_("👥 Pairings and reminders")
HAND_OVER_TO = N_("Hand {code} over to:")
NOBODY_TO_HAND_OVER = N_("There is no other mediator to hand over to.")
ALREADY_TAKEN = N_("Someone else took it already.")
DONE = N_("Done.")
THANK_YOU = N_("Thank you.")


class IsStaff(BaseFilter):
    """Passes staff (as `staff`), stops everyone else."""

    async def __call__(self, event: TelegramObject, talk_store: TalkStore) -> bool | dict:
        user = getattr(event, "from_user", None)
        staff = await talk_store.staff_for(user.id) if user else None
        return {"staff": staff} if staff else False


class HasOpenRequest(BaseFilter):
    """Passes a woman with an open request (as `request`)."""

    async def __call__(self, message: Message, talk_store: TalkStore) -> bool | dict:
        request = await talk_store.active_request(message.from_user.id)
        return {"request": request} if request else False


def _t(message: str, language: str, /, **values) -> str:
    return catalogues().render_in(message, language, **values)


async def staff_menu(staff: Staff, relay: Relay) -> tuple[str, InlineKeyboardMarkup]:
    language = relay.staff_language(staff)
    lines = [_t(STAFF_MENU, language, alias=staff.alias)]
    rows: list[list[InlineKeyboardButton]] = []
    if staff.has(COUNSELLOR):
        rows.append(
            [InlineKeyboardButton(text=_t(MY_WOMEN, language), callback_data=StaffAction(action="counsel").pack())]
        )
    if not staff.has(MEDIATOR):
        return "\n\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)
    mine = await relay.store.requests_of(staff.id)
    lines.append(_t(YOUR_CONVERSATIONS, language) if mine else _t(NONE_OPEN, language))
    for request in mine:
        marker = "▶ " if request.id == staff.current_request_id else ""
        rows.append(
            [
                InlineKeyboardButton(
                    text=f"{marker}💬 {request.code}",
                    callback_data=StaffAction(action="current", request=request.id).pack(),
                )
            ]
        )
    visible = [
        request for request in await relay.store.waiting() if staff.id in await relay.store.offered_to(request.id)
    ]
    if visible:
        lines.append(_t(WAITING_REQUESTS, language))
    for request in visible:
        rows.append(
            [
                InlineKeyboardButton(
                    text=f"✋ {request.code}{' 🔴' if request.urgent else ''}",
                    callback_data=StaffAction(action="take", request=request.id).pack(),
                )
            ]
        )
    return "\n\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


def staff_router() -> Router:
    router = Router(name="staff")

    @router.message(CommandStart(deep_link=True, magic=F.args.startswith(INVITE_PREFIX)))
    async def redeem(message: Message, command: CommandObject, talk_store: TalkStore, relay: Relay):
        staff = await talk_store.redeem_invite(command.args.removeprefix(INVITE_PREFIX), message.from_user.id)
        if staff is None:
            await talk_store.audit(talk_store.not_staff_label(message.from_user.id), "invite refused")
            await message.answer(gettext(INVITE_INVALID))
            return
        await talk_store.audit(staff.label, "joined by invite")
        await message.answer(_t(WELCOME_STAFF, relay.staff_language(staff), roles=", ".join(staff.roles)))

    @router.message(CommandStart(), IsStaff())
    @router.message(Command("menu"), IsStaff())
    async def menu(message: Message, staff: Staff, relay: Relay, dialog_manager: DialogManager):
        if dialog_manager.has_context():
            await dialog_manager.reset_stack(remove_keyboard=False)  # a counsellor's screen left half-way
        text, markup = await staff_menu(staff, relay)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(StaffAction.filter(F.action == "counsel"), IsStaff())
    async def counsel(callback: CallbackQuery, staff: Staff, relay: Relay, dialog_manager: DialogManager):
        await callback.answer()
        if not staff.has(COUNSELLOR):
            await relay.store.audit(staff.label, "refused: counsel (not a counsellor)")
            return
        await dialog_manager.start(Counsel.women, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)

    @router.callback_query(StaffAction.filter(), IsStaff())
    async def action(callback: CallbackQuery, callback_data: StaffAction, staff: Staff, relay: Relay):
        language = relay.staff_language(staff)
        if not staff.has(MEDIATOR):
            await relay.store.audit(staff.label, f"refused: {callback_data.action} (not a mediator)")
            await callback.answer()
            return
        request_id = callback_data.request
        if callback_data.action == "take":
            taken = await relay.take(staff, request_id)
            await callback.answer(None if taken else _t(ALREADY_TAKEN, language))
        elif callback_data.action == "current":
            await relay.make_current(staff, request_id)
            await callback.answer()
        elif callback_data.action == "handover":
            await callback.answer()
            await _offer_hand_over(callback, staff, relay, request_id)
        elif callback_data.action == "to":
            done = await relay.hand_over(staff, request_id, callback_data.to)
            await callback.answer(_t(DONE, language) if done else None)
        elif callback_data.action == "close":
            await relay.close_by_mediator(staff, request_id)
            await callback.answer()
        else:
            await callback.answer()

    @router.callback_query(StaffAction.filter())
    async def forged(callback: CallbackQuery, callback_data: StaffAction, talk_store: TalkStore):
        # Not staff: nothing happens, and the attempt is recorded (keyed hash, never the id).
        await talk_store.audit(talk_store.not_staff_label(callback.from_user.id), f"refused: {callback_data.action}")
        await callback.answer()

    @router.message(IsStaff(), ~F.text.startswith("/"))
    async def from_staff(message: Message, staff: Staff, relay: Relay, dialog_manager: DialogManager):
        if dialog_manager.has_context():
            raise SkipHandler  # a counsellor typing a time or a note: the open screen reads it
        if not staff.has(MEDIATOR):
            await message.answer(_t(NOT_A_MEDIATOR, relay.staff_language(staff)))
            return
        await relay.from_mediator(message, staff)

    return router


async def _offer_hand_over(callback: CallbackQuery, staff: Staff, relay: Relay, request_id: int) -> None:
    language = relay.staff_language(staff)
    request = await relay.store.request(request_id)
    if request is None or request.mediator_id != staff.id:
        return
    others = [mediator for mediator in await relay.store.mediators() if mediator.id != staff.id]
    if not others:
        await callback.message.answer(_t(NOBODY_TO_HAND_OVER, language))
        return
    rows = [
        [
            InlineKeyboardButton(
                text=f"{other.alias} ({', '.join(other.languages)})",
                callback_data=StaffAction(action="to", request=request_id, to=other.id).pack(),
            )
        ]
        for other in others
    ]
    await callback.message.answer(
        _t(HAND_OVER_TO, language, code=request.code), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


def her_relay_router() -> Router:
    router = Router(name="relay to a person")

    @router.message(HasOpenRequest(), ~F.text.startswith("/"))
    async def from_her(message: Message, request, relay: Relay):
        await relay.from_her(message, request)

    @router.callback_query(Feedback.filter())
    async def feedback(callback: CallbackQuery, callback_data: Feedback, relay: Relay):
        await relay.count_feedback(callback_data.kind)
        await callback.answer(gettext(THANK_YOU))
        if callback.message:
            try:
                await callback.message.edit_reply_markup(reply_markup=None)
            except Exception:  # noqa: BLE001 - an old message: the count is what matters
                pass

    return router


ANSWER_SENT = N_("Your answer was sent: {answer}")


def counselling_router() -> Router:
    """Her side of pairing: the invite link, and her answers to reminders."""
    router = Router(name="counselling")

    @router.message(CommandStart(deep_link=True, magic=F.args.startswith(PAIR_PREFIX)))
    async def pair_link(message: Message, command: CommandObject, dialog_manager: DialogManager):
        code = command.args.removeprefix(PAIR_PREFIX)
        await dialog_manager.start(Pairing.explain, data={"code": code}, mode=StartMode.RESET_STACK)

    @router.callback_query(ReminderAnswer.filter())
    async def answer(callback: CallbackQuery, callback_data: ReminderAnswer, counselling: Counselling):
        label = await counselling.record_answer(callback.from_user.id, callback_data.notice, callback_data.answer)
        await callback.answer()
        if label is None or callback.message is None:
            return
        text = (callback.message.html_text or "") + "\n\n" + _t(ANSWER_SENT, current_language.get(), answer=label)
        try:
            await callback.message.edit_text(text, reply_markup=None)
        except Exception:  # noqa: BLE001 - an old message: the answer is recorded anyway
            pass

    return router
