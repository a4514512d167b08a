"""Talk to a person: a topic, her language, a woman if she wants, a first message; then the conversation.

"I am not safe right now" shows 112 and the hotline before anything else and sends an urgent request at once.
While a request is open, what she writes is relayed by bot.talk_handlers, before any screen sees it.
"""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row, SwitchTo
from aiogram_dialog.widgets.text import Multi

from bot.dialogs.states import Talk
from bot.dialogs.widgets import Raw, T, choices, her_id, screen
from bot.i18n import KNOWN_LANGUAGES, current_language, gettext
from bot.relay import RELAYED, Relay
from bot.talk import TOPICS, URGENT


def _relay(manager: DialogManager) -> Relay:
    return manager.middleware_data["relay"]


async def _on_start(data: Any, manager: DialogManager) -> None:
    # Coming back while a request is open: straight to the conversation.
    if await _relay(manager).store.active_request(her_id(manager)) is not None:
        await manager.switch_to(Talk.chat)
        return
    # Opened from a section ("practise with a person", a contract check): the topic is known already.
    topic = data.get("topic") if isinstance(data, dict) else None
    if topic in TOPICS and topic != URGENT:
        manager.dialog_data.update(topic=topic, language=current_language.get())
        await manager.switch_to(Talk.language)


async def _topics_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"topics": [(key, ("🆘 " if key == URGENT else "") + gettext(label)) for key, label in TOPICS.items()]}


async def _topic_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if key not in TOPICS:
        return
    manager.dialog_data["topic"] = key
    if key == URGENT:
        # Safety first: the numbers, and the request goes out now, in her language, to every mediator.
        manager.dialog_data["urgent"] = True
        await _submit(manager, None)
        await manager.switch_to(Talk.unsafe)
        return
    manager.dialog_data.setdefault("language", current_language.get())
    await manager.switch_to(Talk.language)


async def _safety_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"safety": _relay(dialog_manager).safety_lines(current_language.get())}


async def _languages_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    chosen = dialog_manager.dialog_data.get("language", current_language.get())
    ordered = sorted(KNOWN_LANGUAGES, key=lambda language: language.code != chosen)
    return {"languages": [(lang.code, ("✓ " if lang.code == chosen else "") + lang.native_name) for lang in ordered]}


async def _language_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, code: str) -> None:
    if code in {language.code for language in KNOWN_LANGUAGES}:
        manager.dialog_data["language"] = code
        await manager.switch_to(Talk.woman)


def _woman(wanted: bool):
    async def on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        manager.dialog_data["woman"] = wanted
        await manager.switch_to(Talk.first)

    return on_click


async def _submit(manager: DialogManager, first_message_id: int | None) -> None:
    relay = _relay(manager)
    user_id = her_id(manager)
    if await relay.store.active_request(user_id) is not None:
        return  # a second tap, or a request already open
    data = manager.dialog_data
    await relay.submit(
        user_id,
        topic=data.get("topic", "other"),
        language=data.get("language", current_language.get()),
        her_language=current_language.get(),
        woman_wanted=bool(data.get("woman")),
        urgent=bool(data.get("urgent")),
        first_message_id=first_message_id,
    )


async def _on_first_message(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND
    if message.content_type not in RELAYED:
        await message.answer(gettext("Please write, or send a photo, a document or a voice message."))
        return
    await _submit(manager, message.message_id)  # only its id: it is copied to the person who takes the request
    await manager.switch_to(Talk.chat)


async def _send_without_message(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await _submit(manager, None)
    await manager.switch_to(Talk.chat)


async def _chat_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    relay = _relay(dialog_manager)
    request = await relay.store.active_request(her_id(dialog_manager))
    if request is None:
        return {"next": "", "open": False, "gone": True}
    return {"next": relay.what_happens_next(request.code, current_language.get()), "open": True, "gone": False}


async def _close(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await _relay(manager).close_by_her(her_id(manager))
    await manager.switch_to(Talk.closed)


def _feedback(kind: str):
    async def on_click(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        await _relay(manager).count_feedback(kind)
        await callback.answer(gettext("Thank you."))
        await manager.done()

    return on_click


def talk_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                T("<b>Talk to a person</b>"),
                T("A person from the organisation answers you here, in the chat. What is it about?"),
                sep="\n\n",
            ),
            Column(choices("topic", "topics", _topic_chosen)),
            Cancel(T("⬅ Back")),
            getter=_topics_getter,
            state=Talk.topic,
        ),
        screen(
            Multi(
                Raw("safety"),
                T("I have also asked a person to answer you here now, before anyone else."),
                sep="\n\n",
            ),
            SwitchTo(T("💬 Go to the conversation"), id="chat", state=Talk.chat),
            getter=_safety_getter,
            state=Talk.unsafe,
        ),
        screen(
            T("In which language would you like to talk?"),
            Column(choices("language", "languages", _language_chosen)),
            Row(SwitchTo(T("⬅ Back"), id="back", state=Talk.topic), Cancel(T("🏠 Menu"))),
            getter=_languages_getter,
            state=Talk.language,
        ),
        screen(
            T("Would you like a woman to answer you? Nobody will ask why."),
            Row(
                Button(T("Yes, a woman"), id="woman", on_click=_woman(True)),
                Button(T("It does not matter"), id="anyone", on_click=_woman(False)),
            ),
            Row(SwitchTo(T("⬅ Back"), id="back", state=Talk.language), Cancel(T("🏠 Menu"))),
            state=Talk.woman,
        ),
        screen(
            Multi(
                T("You can write your first message now, or send the request without one."),
                T("What you write goes only to the person who answers, without your name or account."),
                sep="\n\n",
            ),
            Button(T("Send without a message ➡"), id="send", on_click=_send_without_message),
            Row(SwitchTo(T("⬅ Back"), id="back", state=Talk.woman), Cancel(T("🏠 Menu"))),
            MessageInput(_on_first_message),
            state=Talk.first,
            typed_input=True,
        ),
        screen(
            Multi(
                Raw("next"),
                T("This conversation is closed.", when="gone"),
                sep="\n\n",
            ),
            Button(T("✔ Close the conversation"), id="close", on_click=_close, when="open"),
            Cancel(T("🏠 Menu")),
            getter=_chat_getter,
            state=Talk.chat,
        ),
        screen(
            Multi(
                T("The conversation is closed. Nothing of it is kept, unless you chose “Keep my conversation”."),
                T("Was this helpful? One tap, only counted."),
                sep="\n\n",
            ),
            Row(
                Button(T("👍 Helpful"), id="good", on_click=_feedback("helpful")),
                Button(T("👎 Not helpful"), id="bad", on_click=_feedback("not_helpful")),
            ),
            Cancel(T("🏠 Menu")),
            state=Talk.closed,
        ),
        on_start=_on_start,
    )
