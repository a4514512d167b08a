"""Orientation: short paged lessons from the guide, and who can help locally."""

from __future__ import annotations

import html
from functools import cache
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row, SwitchTo
from aiogram_dialog.widgets.text import Multi
from babel.dates import format_date

from bot.consent import Purpose
from bot.content import Lesson, Lessons, load_lessons
from bot.dialogs.common import countries_getter, country_of, country_select
from bot.dialogs.states import Orientation
from bot.dialogs.widgets import Raw, T, choices, her_id, screen
from bot.directory import Directory
from bot.i18n import N_, babel_locale, gettext

FINISHED = "lessons_finished"  # kept only with "remember me"
CHOOSE_COUNTRY = N_("What comes next depends on your country. Choose yours. I keep it only if you chose “Remember me”.")


@cache
def lessons() -> Lessons:
    return load_lessons()


def local_services_text(directory: Directory) -> str:
    """The organisation's services, or an honest line when its directory is only an example."""
    if directory.example or not directory.services:
        return gettext("Ask the organisation that gave you this bot for its list of local services.")
    blocks = []
    for service in directory.services:
        lines = [f"<b>{html.escape(service.name)}</b>"]
        lines += [html.escape(value) for value in (service.address, service.hours, service.phone) if value]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def page_count(lesson: Lesson) -> int:
    """Its own pages, plus one about her country when the lesson has a country page."""
    return len(lesson.pages) + (1 if lesson.country_page else 0)


def _current(manager: DialogManager) -> tuple[Lesson, int]:
    lesson = lessons().by_id(manager.dialog_data.get("lesson", "")) or lessons().lessons[0]
    page = min(max(manager.dialog_data.get("page", 0), 0), page_count(lesson) - 1)
    return lesson, page


async def _finished(manager: DialogManager) -> set[str]:
    privacy = manager.middleware_data["privacy"]
    return set(await privacy.remembered(her_id(manager), FINISHED) or [])


async def _list_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    privacy = dialog_manager.middleware_data["privacy"]
    remembered = Purpose.REMEMBER_ME in await privacy.granted(her_id(dialog_manager))
    finished = await _finished(dialog_manager) if remembered else set()
    return {
        "remembered": remembered,
        "lessons": [
            (lesson.id, ("✓ " if lesson.id in finished else "") + gettext(lesson.title)) for lesson in lessons().lessons
        ],
    }


async def _page_getter(dialog_manager: DialogManager, **kwargs: Any) -> dict[str, Any]:
    lesson, page = _current(dialog_manager)
    last = page == page_count(lesson) - 1
    reviewed, choose_country = lesson.reviewed, False
    if page < len(lesson.pages):
        text = html.escape(gettext(lesson.pages[page]), quote=False)
    else:
        country = await country_of(dialog_manager)
        if country is None:
            choose_country = True
            text = html.escape(gettext(CHOOSE_COUNTRY), quote=False)
        else:
            reviewed = max(reviewed, country.reviewed)
            name = html.escape(gettext(country.name), quote=False)
            text = f"<b>{name}</b>\n\n" + html.escape(gettext(country.pages[lesson.country_page]), quote=False)
    if last and lesson.directory:
        text += "\n\n" + local_services_text(dialog_manager.middleware_data["directory"])
    return {
        **await countries_getter(dialog_manager, **kwargs),
        "choose_country": choose_country,
        "title": f"<b>{html.escape(gettext(lesson.title), quote=False)}</b>",
        "text": text,
        "number": page + 1,
        "total": page_count(lesson),
        "first": page == 0,
        "not_first": page > 0,
        "last": last and not choose_country,
        "not_last": not last,
        "date": format_date(reviewed, format="long", locale=babel_locale()),
    }


async def _open(_callback: CallbackQuery, _widget, manager: DialogManager, lesson_id: str) -> None:
    manager.dialog_data.update(lesson=lesson_id, page=0)
    await manager.switch_to(Orientation.page)


def _turn(step: int):
    async def _on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        _lesson, page = _current(manager)
        manager.dialog_data["page"] = page + step

    return _on_click


async def _done(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    lesson, _page = _current(manager)
    privacy = manager.middleware_data["privacy"]
    finished = await _finished(manager)
    await privacy.keep_if_remembered(callback.from_user.id, FINISHED, sorted(finished | {lesson.id}))
    await manager.switch_to(Orientation.lessons)


async def _on_start(start_data: Any, manager: DialogManager) -> None:
    """Another section may open one lesson directly (start data {"lesson": id})."""
    if isinstance(start_data, dict) and lessons().by_id(str(start_data.get("lesson"))):
        manager.dialog_data.update(lesson=start_data["lesson"], page=0)


def orientation_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                T("<b>Learn about work</b>"),
                T("Choose a topic. Each one takes a few minutes."),
                T("✓ marks the lessons you finished.", when="remembered"),
                sep="\n\n",
            ),
            Column(choices("lesson", "lessons", _open)),
            Cancel(T("⬅ Back")),
            getter=_list_getter,
            state=Orientation.lessons,
        ),
        screen(
            Multi(
                Raw("title"),
                Raw("text"),
                T("Page {number} of {total}"),
                T("Checked on {date}.", when="last"),
                sep="\n\n",
            ),
            country_select(when="choose_country"),
            Row(
                Button(T("⬅ Previous"), id="prev", on_click=_turn(-1), when="not_first"),
                Button(T("Next ➡"), id="next", on_click=_turn(1), when="not_last"),
            ),
            Button(T("✓ Done"), id="done", on_click=_done, when="last"),
            SwitchTo(T("📚 All lessons"), id="all", state=Orientation.lessons),
            Cancel(T("🏠 Menu")),
            getter=_page_getter,
            state=Orientation.page,
        ),
        on_start=_on_start,
    )
