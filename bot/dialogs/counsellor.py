"""The counsellor's screens: invite a woman, the women who paired (by the alias each chose), their reminders
and answers, and a new reminder: day, time, a short neutral note, once or repeating. Staff only: every
screen checks the role again on the server."""

from __future__ import annotations

import html
import re
from datetime import date, time
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Calendar, Cancel, Column, Group, Row, SwitchTo
from aiogram_dialog.widgets.text import Multi

from bot import clock
from bot.counselling import PAIR_PREFIX, Counselling
from bot.dialogs.states import Counsel
from bot.dialogs.widgets import Raw, T, choices, her_id, screen
from bot.i18n import current_language, gettext
from bot.reminders import ANSWERS, REPEATS, Series, TimeProblem, is_ambiguous, to_utc
from bot.talk import COUNSELLOR

NOTE_LIMIT = 80
_TIME = re.compile(r"^\s*(\d{1,2})[:.h ]?(\d{2})\s*$")


def _counselling(manager: DialogManager) -> Counselling:
    return manager.middleware_data["counselling"]


async def _staff(manager: DialogManager):
    staff = await manager.middleware_data["talk_store"].staff_for(her_id(manager))
    return staff if staff is not None and staff.has(COUNSELLOR) else None


async def _women_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    staff = await _staff(dialog_manager)
    pairings = await _counselling(dialog_manager).store.pairings_of(staff.id) if staff else []
    return {
        "women": [(str(p.id), p.alias + ("" if p.active else " ⏸")) for p in pairings],
        "has_women": bool(pairings),
        "no_women": not pairings,
    }


async def _invite(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    staff = await _staff(manager)
    if staff is None:
        return
    manager.dialog_data["code"] = await _counselling(manager).invite(staff)
    await manager.switch_to(Counsel.invite)


async def _invite_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    code = dialog_manager.dialog_data.get("code", "")
    me = await dialog_manager.event.bot.me() if hasattr(dialog_manager.event, "bot") else None
    link = f"https://t.me/{me.username}?start={PAIR_PREFIX}{code}" if me and me.username else ""
    return {"code": code, "link": link, "has_link": bool(link)}


async def _woman_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if key.isdigit():
        manager.dialog_data["pairing"] = int(key)
        await manager.switch_to(Counsel.woman)


async def _woman_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    counselling = _counselling(dialog_manager)
    staff = await _staff(dialog_manager)
    pairing = await counselling.store.pairing(dialog_manager.dialog_data.get("pairing", 0))
    if staff is None or pairing is None or pairing.counsellor_id != staff.id:
        return {"title": "", "lines": gettext("This pairing has ended."), "reminders": [], "active": False}
    language = current_language.get()
    lines, buttons = [], []
    for reminder_id, appointment, repeat, answer in await counselling.upcoming(pairing.id):
        day, at = counselling.when(appointment, counselling.default_zone(), language)
        answer_text = gettext(ANSWERS[answer]) if answer else gettext("no answer yet")
        parts = (day, at, "·", gettext(REPEATS[repeat]), "·", answer_text)
        lines.append("• " + html.escape(" ".join(parts)))
        buttons.append((f"x{reminder_id}", f"🗑 {day} {at}"))
        buttons.append((f"e{reminder_id}", f"✏ {day} {at}"))
    return {
        "title": f"<b>{html.escape(pairing.alias)}</b>",
        "lines": "\n".join(lines) or html.escape(gettext("No reminder yet.")),
        "reminders": buttons,
        "active": pairing.active,
    }


async def _new_reminder(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop("replacing", None)
    await manager.switch_to(Counsel.day)


async def _reminder_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    """🗑 cancels a reminder; ✏ changes it: a new day, time, note and repeat replace it when confirmed."""
    staff = await _staff(manager)
    action, number = key[:1], key[1:]
    if staff is None or not number.isdigit():
        return
    if action == "x":
        await _counselling(manager).cancel_reminder(staff, int(number))
    elif action == "e":
        manager.dialog_data["replacing"] = int(number)
        await manager.switch_to(Counsel.day)


async def _day_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, day: date) -> None:
    office_zone = manager.middleware_data["directory"].timezone
    if day < clock.now(office_zone).date():
        manager.dialog_data["problem"] = gettext("That day is in the past. Choose another day.")
        return
    manager.dialog_data.pop("problem", None)
    manager.dialog_data["day"] = day.isoformat()
    await manager.switch_to(Counsel.time)


async def _problem_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    problem = dialog_manager.dialog_data.get("problem", "")
    return {"problem": problem, "has_problem": bool(problem)}


async def _on_time(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND
    match = _TIME.match(message.text or "")
    hours, minutes = (int(match.group(1)), int(match.group(2))) if match else (99, 99)
    if hours > 23 or minutes > 59:
        manager.dialog_data["problem"] = gettext("Type the time like 14:30.")
        return
    zone = _counselling(manager).default_zone()
    day, at = date.fromisoformat(manager.dialog_data["day"]), time(hours, minutes)
    try:
        to_utc(day, at, zone)
    except TimeProblem as problem:
        manager.dialog_data["problem"] = gettext(str(problem))
        return
    if is_ambiguous(day, at, zone):
        await message.answer(gettext("The clocks go back that night: I use the first time the clock shows it."))
    if to_utc(day, at, zone) <= clock.now(zone):
        manager.dialog_data["problem"] = gettext("That time has passed. Choose a later time.")
        return
    manager.dialog_data.pop("problem", None)
    manager.dialog_data["at"] = at.strftime("%H:%M")
    await manager.switch_to(Counsel.note)


async def _on_note(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND
    manager.dialog_data["note"] = " ".join((message.text or "").split())[:NOTE_LIMIT]
    await manager.switch_to(Counsel.repeat)


async def _no_note(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    manager.dialog_data["note"] = ""
    await manager.switch_to(Counsel.repeat)


async def _repeats_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"repeats": [(key, gettext(label)) for key, label in REPEATS.items()]}


async def _repeat_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if key not in REPEATS:
        return
    staff = await _staff(manager)
    data = manager.dialog_data
    hours, minutes = (int(part) for part in data["at"].split(":"))
    series = Series(date.fromisoformat(data["day"]), time(hours, minutes), _counselling(manager).default_zone(), key)
    if staff is not None:
        added = await _counselling(manager).add_reminder(staff, data.get("pairing", 0), series, data.get("note", ""))
        replacing = data.pop("replacing", None)
        if added is not None and replacing is not None:
            await _counselling(manager).cancel_reminder(staff, replacing)  # the changed one replaces the old
    await manager.switch_to(Counsel.woman)


def counsellor_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                T("<b>Your women</b> (by the name each chose)"),
                T("Nobody is paired with you yet. Invite a woman: give her the code in person.", when="no_women"),
                sep="\n\n",
            ),
            Column(choices("woman", "women", _woman_chosen)),
            Button(T("➕ Invite a woman"), id="invite", on_click=_invite),
            Cancel(T("⬅ Back")),
            getter=_women_getter,
            state=Counsel.women,
        ),
        screen(
            Multi(
                T("Give her this code in person: <b>{code}</b>. It works once, for 48 hours."),
                T("Or this link: {link}", when="has_link"),
                T("She opens the bot and chooses “I have a code” in ⚙ Settings, or opens the link."),
                sep="\n\n",
            ),
            SwitchTo(T("⬅ Back"), id="back", state=Counsel.women),
            getter=_invite_getter,
            state=Counsel.invite,
        ),
        screen(
            Multi(Raw("title"), Raw("lines"), sep="\n\n"),
            Button(T("➕ New reminder"), id="new", on_click=_new_reminder, when="active"),
            Group(choices("reminder", "reminders", _reminder_chosen), width=2),
            SwitchTo(T("⬅ Back"), id="back", state=Counsel.women),
            getter=_woman_getter,
            state=Counsel.woman,
        ),
        screen(
            Multi(T("Which day?"), T("⚠ {problem}", when="has_problem"), sep="\n\n"),
            Calendar(id="day", on_click=_day_chosen),
            SwitchTo(T("⬅ Back"), id="back", state=Counsel.woman),
            getter=_problem_getter,
            state=Counsel.day,
        ),
        screen(
            Multi(
                T("At what time? Type it like 14:30 (the office's time)."),
                T("⚠ {problem}", when="has_problem"),
                sep="\n\n",
            ),
            SwitchTo(T("⬅ Back"), id="back", state=Counsel.day),
            MessageInput(_on_time),
            getter=_problem_getter,
            state=Counsel.time,
            typed_input=True,
        ),
        screen(
            Multi(
                T("A short place or note, if you want (at most 80 characters)."),
                T(
                    "⚠ Others may see her phone. Use neutral words, like “Office, room 2”: never the name of the "
                    "organisation or why she comes."
                ),
                sep="\n\n",
            ),
            Row(
                Button(T("No note ➡"), id="none", on_click=_no_note),
                SwitchTo(T("⬅ Back"), id="back", state=Counsel.time),
            ),
            MessageInput(_on_note),
            state=Counsel.note,
            typed_input=True,
        ),
        screen(
            T("Once, or repeating?"),
            Column(choices("repeat", "repeats", _repeat_chosen)),
            SwitchTo(T("⬅ Back"), id="back", state=Counsel.note),
            getter=_repeats_getter,
            state=Counsel.repeat,
        ),
    )
