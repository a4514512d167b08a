"""Glossary: words from job ads, contracts and pay slips, explained, with the word used in her country."""

from __future__ import annotations

import html
from functools import cache
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Cancel, Column, ScrollingGroup, SwitchTo
from aiogram_dialog.widgets.text import Multi

from bot.content import Glossary as GlossaryContent
from bot.content import Term, load_glossary
from bot.country import countries
from bot.dialogs.common import country_of
from bot.dialogs.states import Glossary
from bot.dialogs.widgets import Raw, T, choices, screen
from bot.glossary import clean_query, search
from bot.i18n import gettext

PAGE_SIZE = 8


@cache
def glossary() -> GlossaryContent:
    return load_glossary()


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _sorted_terms() -> list[tuple[str, str]]:
    """Every term in her language, in her alphabet's order."""
    return sorted(((term.id, gettext(term.term)) for term in glossary().terms), key=lambda item: item[1].casefold())


async def term_text(term: Term, manager: DialogManager) -> str:
    """The term in her language, what it means, and the word she will see in her country (or in each)."""
    lines = [f"<b>{_esc(gettext(term.term))}</b>", "", _esc(gettext(term.meaning)), ""]
    country = await country_of(manager)
    shown = [country] if country else list(countries().countries)
    for place in shown:
        word = term.local.get(place.code)
        if word:
            # The country's word stays in its own script and direction inside her text.
            lines.append(f"{_esc(gettext(place.name))}: <b>\u2068{_esc(word)}\u2069</b>")
    return "\n".join(lines).rstrip()


# Getters ---------------------------------------------------------------------------------


async def _search_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    missed = data.get("not_found", "")
    return {"count": len(glossary().terms), "not_found": missed, "missed": bool(missed)}


async def _results_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    ids = dialog_manager.dialog_data.get("results", [])
    found = [term for term in (glossary().by_id(term_id) for term_id in ids) if term]
    return {
        "results": [(term.id, gettext(term.term)) for term in found],
        "query": dialog_manager.dialog_data.get("query", ""),
    }


async def _term_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    term = glossary().by_id(dialog_manager.dialog_data.get("term", "")) or glossary().terms[0]
    related = [other for other in (glossary().by_id(term_id) for term_id in term.see) if other]
    return {
        "term_text": await term_text(term, dialog_manager),
        "related": [(other.id, gettext(other.term)) for other in related],
        "has_results": len(dialog_manager.dialog_data.get("results", [])) > 1,
    }


async def _all_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"terms": _sorted_terms()}


# Handlers --------------------------------------------------------------------------------


async def _on_text(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    # Her search word replaces the screen below it, so the answer is at hand.
    manager.show_mode = ShowMode.DELETE_AND_SEND
    if message.text is None:  # a sticker, a photo, a voice message
        await message.answer(gettext("Please type a word."))
        return
    query = clean_query(message.text)
    if query is None:
        manager.dialog_data["not_found"] = (message.text or "")[:30]
        await manager.switch_to(Glossary.search)
        return
    found = search(glossary().terms, query, gettext)
    manager.dialog_data.update(query=(message.text or "")[:30], results=[term.id for term in found], not_found="")
    if not found:
        manager.dialog_data["not_found"] = (message.text or "")[:30]
        await manager.switch_to(Glossary.search)
    elif len(found) == 1:
        manager.dialog_data["term"] = found[0].id
        await manager.switch_to(Glossary.term)
    else:
        await manager.switch_to(Glossary.results)


async def _open_term(_callback: CallbackQuery, _widget, manager: DialogManager, term_id: str) -> None:
    if glossary().by_id(term_id) is None:
        return  # a stale button from an older glossary
    manager.dialog_data["term"] = term_id
    await manager.switch_to(Glossary.term)


def glossary_dialog() -> Dialog:
    typed = MessageInput(_on_text)
    return Dialog(
        screen(
            Multi(
                T("<b>Words at work</b>"),
                T(
                    "Type a word you saw in a job ad, a contract or a pay slip. You can type it in your "
                    "language or as it was written. I explain it in plain words."
                ),
                T("I do not know “{not_found}”. Try another word, or look at the list.", when="missed"),
                sep="\n\n",
            ),
            SwitchTo(T("🔤 All words ({count})"), id="all", state=Glossary.all_terms),
            Cancel(T("🏠 Menu")),
            typed,
            getter=_search_getter,
            state=Glossary.search,
            typed_input=True,
        ),
        screen(
            T("Words that match “{query}”:"),
            Column(choices("found", "results", _open_term)),
            SwitchTo(T("🔎 Another word"), id="again", state=Glossary.search),
            Cancel(T("🏠 Menu")),
            typed,
            getter=_results_getter,
            state=Glossary.results,
            typed_input=True,
        ),
        screen(
            Multi(Raw("term_text"), T("Type another word to look it up."), sep="\n\n"),
            Column(choices("see", "related", _open_term)),
            SwitchTo(T("⬅ Back"), id="back", state=Glossary.results, when="has_results"),
            SwitchTo(T("🔎 Another word"), id="again", state=Glossary.search),
            Cancel(T("🏠 Menu")),
            typed,
            getter=_term_getter,
            state=Glossary.term,
            typed_input=True,
        ),
        screen(
            T("All words. Tap one to read what it means."),
            # One word per row: terms like "Job centre (public employment service)" are cut when two share a row.
            ScrollingGroup(choices("every", "terms", _open_term), id="pages", width=1, height=PAGE_SIZE),
            SwitchTo(T("🔎 Search"), id="again", state=Glossary.search),
            Cancel(T("🏠 Menu")),
            typed,
            getter=_all_getter,
            state=Glossary.all_terms,
            typed_input=True,
        ),
    )
