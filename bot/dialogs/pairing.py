"""Pairing with a counsellor, from her side: what it means in three lines, yes or no, the name the counsellor
sees; later, in Settings, her time zone and ending the pairing."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row, Start, SwitchTo
from aiogram_dialog.widgets.text import Multi

from bot.counselling import Counselling
from bot.dialogs.states import Menu, Pairing
from bot.dialogs.widgets import T, choices, her_id, screen
from bot.i18n import current_language, gettext

ALIAS_LIMIT = 32
# Time zones she can choose: those of the countries the content covers, and a few of the women's own.
ZONES = (
    "Europe/Athens",
    "Europe/Rome",
    "Europe/Vienna",
    "Europe/Bucharest",
    "Europe/Sofia",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Kyiv",
)


def _counselling(manager: DialogManager) -> Counselling:
    return manager.middleware_data["counselling"]


async def _on_start(data: Any, manager: DialogManager) -> None:
    code = data.get("code") if isinstance(data, dict) else None
    if code:
        manager.dialog_data["code"] = code
        if await _counselling(manager).store.invite_counsellor(code) is None:
            manager.dialog_data["invalid"] = True


async def _explain_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    invalid = bool(dialog_manager.dialog_data.get("invalid"))
    return {"invalid": invalid, "valid": not invalid}


async def _decline(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await _counselling(manager).decline(manager.dialog_data.get("code", ""))
    await manager.switch_to(Pairing.declined)


async def _on_alias(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND
    alias = " ".join((message.text or "").split())[:ALIAS_LIMIT]
    if not alias:
        await message.answer(gettext("Please type a name: any name you like."))
        return
    pairing = await _counselling(manager).accept(
        message.from_user.id, manager.dialog_data.get("code", ""), alias, current_language.get()
    )
    if pairing is None:
        manager.dialog_data["invalid"] = True
        await manager.switch_to(Pairing.explain)
        return
    await manager.switch_to(Pairing.done)


async def _on_code(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND
    code = "".join((message.text or "").split()).upper()[:12]
    manager.dialog_data["code"] = code
    manager.dialog_data["invalid"] = await _counselling(manager).store.invite_counsellor(code) is None
    await manager.switch_to(Pairing.explain)


async def _mine_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    pairing = await _counselling(dialog_manager).store.pairing_of(her_id(dialog_manager))
    counsellor = None
    if pairing is not None and pairing.counsellor_id is not None:
        counsellor = await dialog_manager.middleware_data["talk_store"].staff_by_id(pairing.counsellor_id)
    return {
        "paired": pairing is not None,
        "not_paired": pairing is None,
        "alias": counsellor.alias if counsellor else "",
        "zone": pairing.timezone.key.split("/")[-1].replace("_", " ") if pairing else "",
    }


async def _end(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await _counselling(manager).unpair(her_id(manager))
    await manager.switch_to(Pairing.mine)


async def _zones_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    pairing = await _counselling(dialog_manager).store.pairing_of(her_id(dialog_manager))
    current = pairing.timezone.key if pairing else ""
    return {"zones": [(zone, ("✓ " if zone == current else "") + zone.split("/")[-1]) for zone in ZONES]}


async def _zone_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, zone: str) -> None:
    if zone in ZONES:
        await _counselling(manager).store.set_timezone(her_id(manager), ZoneInfo(zone))
    await manager.switch_to(Pairing.mine)


def _home() -> Start:
    # Opened from an invite link or from Settings: either way "Menu" means the main menu.
    return Start(T("🏠 Menu"), id="home", state=Menu.main, mode=StartMode.RESET_STACK)


def pairing_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                T("<b>Pair with your counsellor</b>", when="valid"),
                T(
                    "• Your counsellor can send you reminders of your appointments.\n"
                    "• They see only the name you choose now and your answers to reminders.\n"
                    "• Nothing else you do here. You can end it at any time in ⚙ Settings.",
                    when="valid",
                ),
                T("This code is not valid any more. Ask your counsellor for a new one.", when="invalid"),
                sep="\n\n",
            ),
            Row(
                SwitchTo(T("✅ Yes, pair"), id="yes", state=Pairing.alias, when="valid"),
                Button(T("No, thank you"), id="no", on_click=_decline, when="valid"),
            ),
            _home(),
            getter=_explain_getter,
            state=Pairing.explain,
        ),
        screen(
            Multi(
                T("Which name should your counsellor see? Any name you like: it does not need to be your real name."),
                T("<i>For example: Rose.</i>"),
                sep="\n\n",
            ),
            SwitchTo(T("⬅ Back"), id="back", state=Pairing.explain),
            MessageInput(_on_alias),
            state=Pairing.alias,
            typed_input=True,
        ),
        screen(
            T("Done. Your counsellor can now send you reminders. Reminders use plain words, like any appointment."),
            _home(),
            state=Pairing.done,
        ),
        screen(
            T("Fine: you are not paired. Your counsellor is told only that the invitation was declined."),
            _home(),
            state=Pairing.declined,
        ),
        screen(
            T("Type the code your counsellor gave you."),
            Cancel(T("⬅ Back")),
            MessageInput(_on_code),
            state=Pairing.enter_code,
            typed_input=True,
        ),
        screen(
            Multi(
                T("You are paired with your counsellor ({alias}). Time zone for reminders: {zone}.", when="paired"),
                T("You are not paired with a counsellor.", when="not_paired"),
                sep="\n\n",
            ),
            Column(
                SwitchTo(T("🕒 Time zone"), id="zone", state=Pairing.zone, when="paired"),
                Button(T("✖ End the pairing"), id="end", on_click=_end, when="paired"),
                SwitchTo(T("🔑 I have a code"), id="code", state=Pairing.enter_code, when="not_paired"),
            ),
            Cancel(T("⬅ Back")),
            getter=_mine_getter,
            state=Pairing.mine,
        ),
        screen(
            T("In which time zone do you live? Reminders show the time there."),
            Column(choices("zone", "zones", _zone_chosen)),
            SwitchTo(T("⬅ Back"), id="back", state=Pairing.mine),
            getter=_zones_getter,
            state=Pairing.zone,
        ),
        on_start=_on_start,
    )
