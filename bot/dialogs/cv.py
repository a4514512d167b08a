"""CV builder: one step per screen, a review from which any part can be changed, and the CV as PDF and Word.

The draft never sits in dialog data (which "remember me" keeps): it goes through
Privacy.keep_draft, so it is stored only with "save my CV". Steps that read typed
text are described once in STEPS; the windows and the one text handler use it.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Group, Row, SwitchTo
from aiogram_dialog.widgets.text import Multi
from babel import Locale
from babel.dates import format_date

from bot import clock
from bot.consent import Purpose
from bot.cv.dates import PRESENT, format_approximate_date, parse_approximate_date, parse_full_date, parse_period
from bot.cv.informal import OFFERS, informal_experience, role_of
from bot.cv.model import (
    CEFR_IN_PLAIN_WORDS,
    CEFR_LEVELS,
    CV,
    DIGITAL_SKILLS,
    LIMITS,
    SECTORS,
    SHIFTS,
    SOFT_SKILLS,
    Education,
    Experience,
    LanguageSkill,
    clean_email,
    clean_phone,
    clip,
)
from bot.cv.render import CV_LANGUAGES, cv_docx, cv_pdf, cv_text, file_name
from bot.cv.tailoring import language_code, tailor, tailor_to_sector
from bot.dialogs.states import Cv
from bot.dialogs.widgets import Raw, T, choices, her_id, screen
from bot.i18n import N_, babel_locale, catalogues, current_language, gettext

MAX_REVIEW_CHARS = 3500  # a Telegram message holds 4096; the files hold everything
CUT = N_("That was long, so I kept the beginning.")


# Her draft -------------------------------------------------------------------------------


async def load_cv(manager: DialogManager) -> CV:
    privacy = manager.middleware_data["privacy"]
    return CV.from_dict(await privacy.draft(her_id(manager), Purpose.SAVE_CV))


async def save_cv(manager: DialogManager, cv: CV) -> None:
    privacy = manager.middleware_data["privacy"]
    await privacy.keep_draft(her_id(manager), Purpose.SAVE_CV, cv.to_dict())


def _today(manager: DialogManager):
    return clock.now(manager.middleware_data["directory"].timezone).date()


def _entry(items: list, manager: DialogManager, factory: Callable[[], Any]):
    """The entry she is filling in (its index is kept in dialog data), created when missing."""
    index = manager.dialog_data.get("entry", len(items))
    if index >= len(items):
        items.append(factory())
        index = len(items) - 1
    manager.dialog_data["entry"] = index
    return items[index]


# Typed steps -----------------------------------------------------------------------------

Apply = Callable[[CV, DialogManager, str], "str | None"]  # returns an error (source string) or None


@dataclass(frozen=True)
class TextStep:
    explanation: str
    example: str
    apply: Apply
    next: State
    back: State
    repeat: bool = False  # a list (tasks, interests): each message adds one; "Done" moves on


def _set(path: Callable[[CV, DialogManager], Any], attribute: str, limit: int) -> Apply:
    def apply(cv: CV, manager: DialogManager, text: str) -> str | None:
        value, cut = clip(text, limit)
        setattr(path(cv, manager), attribute, value)
        return CUT if cut else None

    return apply


def _cv(cv: CV, _manager: DialogManager) -> CV:
    return cv


def _target(cv: CV, _manager: DialogManager):
    return cv.target


def _contact(cv: CV, _manager: DialogManager):
    return cv.contact


def _job(cv: CV, manager: DialogManager) -> Experience:
    return _entry(cv.experiences, manager, Experience)


def _school(cv: CV, manager: DialogManager) -> Education:
    return _entry(cv.education, manager, Education)


def _phone(cv: CV, _manager: DialogManager, text: str) -> str | None:
    number = clean_phone(text)
    if number is None:
        return N_("This does not look like a phone number. Type it with digits, for example +30 690 000 0000.")
    cv.contact.phone = number
    return None


def _email(cv: CV, _manager: DialogManager, text: str) -> str | None:
    address = clean_email(text)
    if address is None:
        return N_("This does not look like an e-mail address. It looks like name@example.com.")
    cv.contact.email = address
    return None


def _period(entry: Callable[[CV, DialogManager], Any]) -> Apply:
    def apply(cv: CV, manager: DialogManager, text: str) -> str | None:
        period = parse_period(text, _today(manager))
        if period is None:
            return N_("I could not read these dates. Try like this: 2019 - 2021, or 03/2020 - now, or since 2022.")
        target = entry(cv, manager)
        target.start, target.end = period
        return None

    return apply


def _add_task(cv: CV, manager: DialogManager, text: str) -> str | None:
    job = _job(cv, manager)
    if len(job.tasks) >= LIMITS.tasks:
        return N_("That is enough tasks for one job. Tap “Done”.")
    task, cut = clip(text, LIMITS.task)
    job.tasks.append(task)
    return CUT if cut else None


def _mother_tongue(cv: CV, _manager: DialogManager, text: str) -> str | None:
    name, cut = clip(text, LIMITS.language)
    if len(cv.mother_tongues) < LIMITS.mother_tongues and name:
        cv.mother_tongues.append(language_code(name))
    return CUT if cut else None


def _language(cv: CV, manager: DialogManager, text: str) -> str | None:
    name, cut = clip(text, LIMITS.language)
    if len(cv.languages) >= LIMITS.languages:
        return N_("That is enough languages for one CV.")
    cv.languages.append(LanguageSkill(language=language_code(name), level="A1"))
    manager.dialog_data["entry"] = len(cv.languages) - 1
    return CUT if cut else None


def _start(cv: CV, manager: DialogManager, text: str) -> str | None:
    start = parse_approximate_date(text, _today(manager))
    if start is None:
        return N_("I could not read this date. Try like this: now, or 09/2026, or September 2026.")
    cv.availability.start = start
    return None


def _birth(cv: CV, manager: DialogManager, text: str) -> str | None:
    born = parse_full_date(text, _today(manager))
    if born is None:
        return N_("I could not read this date. Try like this: 15/03/1990.")
    cv.date_of_birth = born
    return None


def _interest(cv: CV, _manager: DialogManager, text: str) -> str | None:
    if len(cv.interests) >= LIMITS.interests:
        return N_("That is enough interests. Tap “Done”.")
    interest, cut = clip(text, LIMITS.interest)
    cv.interests.append(interest)
    return CUT if cut else None


STEPS: dict[State, TextStep] = {
    Cv.title: TextStep(
        N_("What job are you looking for? Type its name."),
        N_("For example: cook, cleaner, shop assistant."),
        _set(_target, "title", LIMITS.title),
        Cv.name,
        Cv.sector,
    ),
    Cv.name: TextStep(
        N_("Your name, as you want it on the CV."),
        N_("For example: Amina Kone."),
        _set(_cv, "name", LIMITS.name),
        Cv.phone,
        Cv.title,
    ),
    Cv.phone: TextStep(
        N_("A phone number for employers, if you want to give one."),
        N_("For example: +30 690 000 0000."),
        _phone,
        Cv.email,
        Cv.name,
    ),
    Cv.email: TextStep(
        N_("An e-mail address for employers, if you have one."),
        N_("For example: amina.kone@example.com."),
        _email,
        Cv.city,
        Cv.phone,
    ),
    Cv.city: TextStep(
        N_("The town or city where you live. Not your street: the CV does not need it."),
        N_("For example: Athens."),
        _set(_contact, "city", LIMITS.city),
        Cv.experiences,
        Cv.email,
    ),
    Cv.job_role: TextStep(
        N_("What was your work? Type the job or what you did."),
        N_("For example: kitchen helper."),
        _set(_job, "role", LIMITS.role),
        Cv.job_place,
        Cv.experiences,
    ),
    Cv.job_place: TextStep(
        N_("Where was it? You can name the employer, or only the kind of place, or skip."),
        N_("For example: a hotel in Thessaloniki."),
        _set(_job, "employer", LIMITS.employer),
        Cv.job_dates,
        Cv.job_role,
    ),
    Cv.job_dates: TextStep(
        N_("When? Approximate dates are fine."),
        N_("For example: 2019 - 2021, or since 2022."),
        _period(_job),
        Cv.job_tasks,
        Cv.job_place,
    ),
    Cv.job_tasks: TextStep(
        N_("What were your tasks? Send one task per message. Tap “Done” when you have finished."),
        N_("For example: prepared vegetables for 200 meals a day."),
        _add_task,
        Cv.experiences,
        Cv.job_dates,
        repeat=True,
    ),
    Cv.school_what: TextStep(
        N_("What did you learn? A school, a course, a training. A certificate is not needed."),
        N_("For example: secondary school, or sewing course."),
        _set(_school, "what", LIMITS.education_what),
        Cv.school_where,
        Cv.education,
    ),
    Cv.school_where: TextStep(
        N_("Where? The school or the town and country."),
        N_("For example: Lagos, Nigeria."),
        _set(_school, "where", LIMITS.education_where),
        Cv.school_dates,
        Cv.school_what,
    ),
    Cv.school_dates: TextStep(
        N_("When? Approximate dates are fine."),
        N_("For example: 2010 - 2014."),
        _period(_school),
        Cv.school_certificate,
        Cv.school_where,
    ),
    Cv.mother_tongue: TextStep(
        N_("What is your mother tongue? Send one message per language."),
        N_("For example: Arabic."),
        _mother_tongue,
        Cv.languages,
        Cv.education,
        repeat=True,
    ),
    Cv.language_name: TextStep(
        N_("Which other language do you speak?"),
        N_("For example: English."),
        _language,
        Cv.language_level,
        Cv.languages,
    ),
    Cv.driving: TextStep(
        N_("Do you have a driving licence? Type its category, or skip."),
        N_("For example: B."),
        _set(_cv, "driving_licence", LIMITS.licence),
        Cv.availability,
        Cv.soft,
    ),
    Cv.availability: TextStep(
        N_("When can you work? Tap the days and times. You can also type when you can start."),
        N_("For example: now, or 09/2026."),
        _start,
        Cv.interests,
        Cv.driving,
        repeat=True,
    ),
    Cv.interests: TextStep(
        N_("Interests, if you like: one per message. Tap “Done” when you have finished."),
        N_("For example: cooking, football, reading."),
        _interest,
        Cv.review,
        Cv.availability,
        repeat=True,
    ),
    Cv.birth: TextStep(
        N_("Your date of birth."),
        N_("For example: 15/03/1990."),
        _birth,
        Cv.personal,
        Cv.personal,
    ),
    Cv.nationality: TextStep(
        N_("Your nationality."),
        N_("For example: Nigerian."),
        _set(_cv, "nationality", LIMITS.nationality),
        Cv.personal,
        Cv.personal,
    ),
}

# Sections she can change from the review screen: where each begins.
SECTIONS: tuple[tuple[str, str, State], ...] = (
    ("job", N_("🎯 Job wanted"), Cv.sector),
    ("contact", N_("👤 Name and contact"), Cv.name),
    ("work", N_("💼 Experience"), Cv.experiences),
    ("school", N_("🎓 Education"), Cv.education),
    ("langs", N_("🗣 Languages"), Cv.mother_tongue),
    ("skills", N_("💡 Skills"), Cv.digital),
    ("other", N_("🚗 Licence, availability, interests"), Cv.driving),
)
_FIRST_STATES = {state for _key, _label, state in SECTIONS} | {Cv.review}


async def _go(manager: DialogManager, state: State) -> None:
    """Next step; while she is changing one part from the review, finishing that part returns to the review.
    Reaching a new part is remembered with the draft, so "Continue" brings her back there next time."""
    if manager.dialog_data.get("editing") and state in _FIRST_STATES:
        manager.dialog_data.pop("editing", None)
        state = Cv.review
    elif state in _FIRST_STATES:
        cv = await load_cv(manager)
        if cv.resume_at != state.state:
            cv.resume_at = state.state
            await save_cv(manager, cv)
    await manager.switch_to(state)


def _resume_state(cv: CV) -> State:
    """The part she reached last time (never a step inside a list entry, which may be half-written)."""
    return next((state for state in _FIRST_STATES if state.state == cv.resume_at), Cv.sector)


async def _on_text(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND  # the answer comes below her message
    step = STEPS.get(manager.current_context().state)
    if step is None:
        await message.answer(gettext("Please use the buttons below."))
        return
    if not message.text:
        await message.answer(gettext("Please type your answer, or use the buttons below."))
        return
    cv = await load_cv(manager)
    problem = step.apply(cv, manager, message.text)
    if problem is not None and problem != CUT:
        manager.dialog_data["problem"] = problem
        return
    manager.dialog_data.pop("problem", None)
    await save_cv(manager, cv)
    if problem == CUT:
        await message.answer(gettext(CUT))
    if not step.repeat:
        await _go(manager, step.next)


def _skip(step: TextStep):
    async def on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        manager.dialog_data.pop("problem", None)
        await _go(manager, step.next)

    return on_click


def _next_to(state: State):
    async def on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        await _go(manager, state)

    return on_click


def _back(state: State):
    async def on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        manager.dialog_data.pop("problem", None)
        await manager.switch_to(state)

    return on_click


async def _step_getter(dialog_manager: DialogManager, cv: CV | None = None, **_: Any) -> dict[str, Any]:
    step = STEPS[dialog_manager.current_context().state]
    problem = dialog_manager.dialog_data.get("problem")
    return {
        "explanation": html.escape(gettext(step.explanation), quote=False),
        "example": gettext(step.example),  # T() escapes the values it fills in
        "problem": gettext(problem) if problem else "",
        "has_problem": bool(problem),
        **_added(dialog_manager, cv or await load_cv(dialog_manager)),
    }


def _text_window(state: State, *extra, getter=None) -> Any:
    step = STEPS[state]
    return screen(
        Multi(
            Raw("explanation"),
            Multi(T("<i>{example}</i>"), sep=""),
            Raw("added"),
            Multi(T("⚠ {problem}", when="has_problem"), sep=""),
            sep="\n\n",
        ),
        *extra,
        Row(
            Button(T("✓ Done") if step.repeat else T("Skip ➡"), id="skip", on_click=_skip(step)),
            Button(T("⬅ Back"), id="back", on_click=_back(step.back)),
        ),
        Cancel(T("🏠 Menu")),
        MessageInput(_on_text),
        getter=getter or _step_getter,
        state=state,
        typed_input=True,
    )


# Lists shown inside steps ------------------------------------------------------------------


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"• {html.escape(line, quote=False)}" for line in lines if line)


def _added(manager: DialogManager, cv: CV) -> dict[str, Any]:
    """What she already added at this step (tasks, interests, mother tongues), so she sees it counted."""
    state = manager.current_context().state
    added: list[str] = []
    if state == Cv.job_tasks and cv.experiences:
        index = min(manager.dialog_data.get("entry", 0), len(cv.experiences) - 1)
        added = cv.experiences[index].tasks
    elif state == Cv.interests:
        added = cv.interests
    elif state == Cv.mother_tongue:
        added = [_language_label(code) for code in cv.mother_tongues]
    elif state == Cv.availability and cv.availability.start is not None:
        start = cv.availability.start
        when = gettext("I can start now") if start.present else format_approximate_date(start, current_language.get())
        return {"added": "✓ " + html.escape(when, quote=False)}
    return {"added": _bullets(added)}


def _language_label(code: str) -> str:
    names = babel_locale().languages
    return names.get(code, code) if isinstance(code, str) else ""


def _experience_label(experience: Experience) -> str:
    return role_of(experience, gettext) or gettext("(no title yet)")


# Button steps ----------------------------------------------------------------------------


async def _intro_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    privacy = dialog_manager.middleware_data["privacy"]
    saved = Purpose.SAVE_CV in await privacy.granted(her_id(dialog_manager))
    cv = await load_cv(dialog_manager)
    return {"saved": saved, "not_saved": not saved, "has_draft": not cv.is_empty(), "no_draft": cv.is_empty()}


async def _begin(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await manager.switch_to(_resume_state(await load_cv(manager)))


async def _sector_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    cv = await load_cv(dialog_manager)
    return {
        "sectors": [(key, ("✓ " if cv.target.sector == key else "") + gettext(label)) for key, label in SECTORS.items()]
    }


async def _sector_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if key not in SECTORS:
        return
    cv = await load_cv(manager)
    cv.target.sector = key
    await save_cv(manager, cv)
    await manager.switch_to(Cv.title)


async def _experiences_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    cv = await load_cv(dialog_manager)
    return {
        "entries": _bullets([_experience_label(e) for e in cv.experiences]),
        "removable": _removable([_experience_label(e) for e in cv.experiences]),
        "has_entries": bool(cv.experiences),
        "room": len(cv.experiences) < LIMITS.experiences,
    }


def _add_entry(state: State):
    async def on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        manager.dialog_data["entry"] = 10_000  # past the end: the step creates a new entry
        manager.dialog_data["offer"] = 0
        await manager.switch_to(state)

    return on_click


async def _informal_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    index = min(dialog_manager.dialog_data.get("offer", 0), len(OFFERS) - 1)
    return {
        "question": html.escape(gettext(OFFERS[index].question), quote=False),
        "number": index + 1,
        "total": len(OFFERS),
    }


def _informal_answer(yes: bool):
    async def on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        index = manager.dialog_data.get("offer", 0)
        if index >= len(OFFERS):
            await manager.switch_to(Cv.experiences)
            return
        if yes:
            cv = await load_cv(manager)
            if len(cv.experiences) < LIMITS.experiences:
                cv.experiences.append(informal_experience(OFFERS[index].id))
                await save_cv(manager, cv)
        manager.dialog_data["offer"] = index + 1
        if index + 1 >= len(OFFERS):
            await manager.switch_to(Cv.experiences)

    return on_click


async def _education_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    cv = await load_cv(dialog_manager)
    return {
        "entries": _bullets([e.what for e in cv.education]),
        "removable": _removable([e.what or "…" for e in cv.education]),
        "has_entries": bool(cv.education),
        "room": len(cv.education) < LIMITS.education,
    }


def _certificate(value: bool | None):
    async def on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        cv = await load_cv(manager)
        if cv.education:
            index = min(manager.dialog_data.get("entry", 0), len(cv.education) - 1)
            cv.education[index].certificate = value
            await save_cv(manager, cv)
        await manager.switch_to(Cv.education)

    return on_click


async def _languages_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    cv = await load_cv(dialog_manager)
    lines = [f"{_language_label(skill.language)}: {skill.level}" for skill in cv.languages]
    return {
        "entries": _bullets(lines),
        "removable": _removable(lines),
        "has_entries": bool(lines),
        "room": len(cv.languages) < LIMITS.languages,
    }


async def _level_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    levels = "\n".join(f"<b>{level}</b>: {html.escape(gettext(CEFR_IN_PLAIN_WORDS[level]))}" for level in CEFR_LEVELS)
    return {"levels": levels, "codes": [(level, level) for level in CEFR_LEVELS]}


async def _level_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, level: str) -> None:
    cv = await load_cv(manager)
    if level in CEFR_LEVELS and cv.languages:
        index = min(manager.dialog_data.get("entry", 0), len(cv.languages) - 1)
        cv.languages[index].level = level
        await save_cv(manager, cv)
    await manager.switch_to(Cv.languages)


def _toggles_getter(field_name: str, choices: dict[str, str]):
    async def getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
        chosen = set(getattr(await load_cv(dialog_manager), field_name))
        return {
            "choices": [(key, ("✅ " if key in chosen else "⬜ ") + gettext(label)) for key, label in choices.items()]
        }

    return getter


def _toggle(field_name: str, choices: dict[str, str]):
    async def on_click(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
        if key not in choices:
            return
        cv = await load_cv(manager)
        values: list[str] = getattr(cv, field_name)
        if key in values:
            values.remove(key)
        else:
            values.append(key)
        await save_cv(manager, cv)

    return on_click


async def _availability_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    cv = await load_cv(dialog_manager)
    names = babel_locale().days["format"]["abbreviated"]
    days = [(str(day), ("✅ " if day in cv.availability.days else "") + names[day]) for day in range(7)]
    shifts = [
        (key, ("✅ " if key in cv.availability.shifts else "⬜ ") + gettext(label)) for key, label in SHIFTS.items()
    ]
    data = await _step_getter(dialog_manager, cv=cv)
    return {**data, "days": days, "shifts": shifts}


async def _day_toggled(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if not key.isdigit() or int(key) > 6:
        return
    cv = await load_cv(manager)
    day = int(key)
    days = cv.availability.days
    if day in days:
        days.remove(day)
    else:
        days.append(day)
    days.sort()
    await save_cv(manager, cv)


async def _shift_toggled(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if key not in SHIFTS:
        return
    cv = await load_cv(manager)
    shifts = cv.availability.shifts
    if key in shifts:
        shifts.remove(key)
    else:
        shifts.append(key)
    await save_cv(manager, cv)


async def _start_now(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    cv = await load_cv(manager)
    cv.availability.start = PRESENT
    await save_cv(manager, cv)


# Review and files ------------------------------------------------------------------------


def _cv_language(manager: DialogManager) -> str:
    chosen = manager.dialog_data.get("cv_language")
    if chosen in CV_LANGUAGES:
        return chosen
    country = manager.middleware_data["directory"].country
    # The language of the job: her country's, else her own when a CV can be written in it, else English.
    from bot.country import countries

    place = countries().get(country)
    if place and place.language in CV_LANGUAGES and not manager.middleware_data["directory"].example:
        return place.language
    return current_language.get() if current_language.get() in CV_LANGUAGES else "en"


def _native(code: str) -> str:
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:]


async def _review_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    cv = await load_cv(dialog_manager)
    language = _cv_language(dialog_manager)
    text = cv_text(cv, language, catalogues())
    if len(text) > MAX_REVIEW_CHARS:
        text = text[:MAX_REVIEW_CHARS].rsplit("\n", 1)[0] + "\n…"
    privacy = dialog_manager.middleware_data["privacy"]
    saved = Purpose.SAVE_CV in await privacy.granted(her_id(dialog_manager))
    return {
        "cv": html.escape(text, quote=False),
        "cv_language": _native(language),
        "not_saved": not saved,
        "sections": [(key, gettext(label)) for key, label, _state in SECTIONS],
    }


async def _personal_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    cv = await load_cv(dialog_manager)
    lines = []
    if cv.date_of_birth:
        lines.append(format_date(cv.date_of_birth, "long", locale=babel_locale()))
    if cv.nationality:
        lines.append(cv.nationality)
    return {"personal": _bullets(lines), "has_personal": bool(lines)}


async def _remove_personal(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    cv = await load_cv(manager)
    cv.date_of_birth, cv.nationality = None, ""
    await save_cv(manager, cv)


async def _edit_section(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    state = next((state for section, _label, state in SECTIONS if section == key), None)
    if state is None:
        return
    manager.dialog_data["editing"] = True
    await manager.switch_to(state)


async def _languages_list_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    chosen = _cv_language(dialog_manager)
    return {"cv_languages": [(code, ("✓ " if code == chosen else "") + _native(code)) for code in CV_LANGUAGES]}


async def _cv_language_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, code: str) -> None:
    if code in CV_LANGUAGES:
        manager.dialog_data["cv_language"] = code
    await manager.switch_to(Cv.review)


async def send_files(callback: CallbackQuery, manager: DialogManager, cv: CV) -> None:
    """The CV as PDF and Word, made in memory in a worker thread (rendering takes a few hundred ms)."""
    language = _cv_language(manager)
    cats = catalogues()
    pdf, docx = await asyncio.gather(
        asyncio.to_thread(cv_pdf, cv, language, cats), asyncio.to_thread(cv_docx, cv, language, cats)
    )
    chat = callback.from_user.id
    await callback.bot.send_document(chat, BufferedInputFile(pdf, filename=file_name(cv, "pdf")))
    await callback.bot.send_document(
        chat,
        BufferedInputFile(docx, filename=file_name(cv, "docx")),
        caption=gettext("Your CV as PDF, and as a Word file you can change."),
    )


async def _get_files(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await send_files(callback, manager, await load_cv(manager))


async def _on_advert(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND
    if not message.text:
        await message.answer(gettext("Please paste the text of the job advertisement."))
        return
    result = tailor(await load_cv(manager), message.text[:4000], _cv_language(manager), catalogues())
    await _show_tailoring(manager, result)


async def _sector_for_tailoring(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if key not in SECTORS:
        return
    result = tailor_to_sector(await load_cv(manager), key, _cv_language(manager), catalogues())
    await _show_tailoring(manager, result)


async def _show_tailoring(manager: DialogManager, result) -> None:
    """What matches, what the advertisement asks for that her CV does not show, and the reordered CV to send."""
    cats = catalogues()
    her_language = current_language.get()
    manager.dialog_data["tailored"] = result.cv.to_dict()
    lines = []
    if result.matching_words:
        lines.append(
            gettext("Your CV and the advertisement share these words:")
            + "\n"
            + html.escape(", ".join(result.matching_words[:15]), quote=False)
        )
    if result.met:
        met = [hit.describe(her_language, cats) for hit in result.met]
        lines.append(gettext("You show what it asks for:") + "\n" + _bullets(met))
    if result.missing:
        lines.append(
            gettext("It asks for things your CV does not show yet. Add them if you have them:")
            + "\n"
            + _bullets([hit.describe(her_language, cats) for hit in result.missing])
        )
    if not result.matched_anything:
        lines.append(gettext("I found no words in common. Your CV stays as it is."))
    manager.dialog_data["tailoring"] = "\n\n".join(lines)
    await manager.switch_to(Cv.tailored)


async def _tailored_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"tailoring": dialog_manager.dialog_data.get("tailoring", "")}


async def _get_tailored(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await send_files(callback, manager, CV.from_dict(manager.dialog_data.get("tailored", {})))


# The dialog ------------------------------------------------------------------------------


def _removable(labels: list[str]) -> list[tuple[str, str]]:
    return [(str(index), f"🗑 {label[:40]}") for index, label in enumerate(labels)]


def _remove(field_name: str):
    """Take out an entry she added by mistake (a stale button with an index past the end does nothing)."""

    async def on_click(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
        cv = await load_cv(manager)
        entries: list = getattr(cv, field_name)
        if key.isdigit() and int(key) < len(entries):
            del entries[int(key)]
            await save_cv(manager, cv)

    return on_click


def _list_window(
    state: State, title: str, add: tuple[str, State], getter, next_state: State, back: State, field_name: str, *extra
):
    return screen(
        Multi(T(title), Raw("entries", when="has_entries"), sep="\n\n"),
        Button(T(add[0]), id="add", on_click=_add_entry(add[1]), when="room"),
        *extra,
        Group(
            choices(
                "remove",
                "removable",
                _remove(field_name),
            ),
            width=2,
            when="has_entries",
        ),
        Row(
            Button(T("Next ➡"), id="next", on_click=_next_to(next_state)),
            Button(T("⬅ Back"), id="back", on_click=_back(back)),
        ),
        Cancel(T("🏠 Menu")),
        getter=getter,
        state=state,
    )


def cv_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                T("<b>My CV</b>"),
                T("Step by step, we write a CV you can hand in. Each step has an example. You can skip any step."),
                T(
                    "Your answers are not saved: download your CV before you leave. To keep the draft, "
                    "switch on “Save my CV” in ⚙ Settings.",
                    when="not_saved",
                ),
                T("“Save my CV” is on: I keep your draft, locked, until you delete it.", when="saved"),
                sep="\n\n",
            ),
            Button(T("▶ Start"), id="begin", on_click=_begin, when="no_draft"),
            Button(T("▶ Continue where I stopped"), id="resume", on_click=_begin, when="has_draft"),
            SwitchTo(T("📋 See my CV"), id="review", state=Cv.review, when="has_draft"),
            Cancel(T("⬅ Back")),
            getter=_intro_getter,
            state=Cv.intro,
        ),
        screen(
            T("What kind of work are you looking for?"),
            # One per row: "Care of children or elderly people" is cut on a phone when two share a row.
            Column(choices("sector", "sectors", _sector_chosen)),
            Row(SwitchTo(T("Skip ➡"), id="skip", state=Cv.title), SwitchTo(T("⬅ Back"), id="back", state=Cv.intro)),
            Cancel(T("🏠 Menu")),
            getter=_sector_getter,
            state=Cv.sector,
        ),
        *(_text_window(state) for state in (Cv.title, Cv.name, Cv.phone, Cv.email, Cv.city)),
        _list_window(
            Cv.experiences,
            N_("<b>Experience.</b> Paid work, and also unpaid, family and care work: it all counts."),
            (N_("➕ Add a job"), Cv.job_role),
            _experiences_getter,
            Cv.education,
            Cv.city,
            "experiences",
            Button(T("➕ Unpaid or family work"), id="informal", on_click=_add_entry(Cv.informal)),
        ),
        *(_text_window(state) for state in (Cv.job_role, Cv.job_place, Cv.job_dates, Cv.job_tasks)),
        screen(
            Multi(T("Question {number} of {total}"), Raw("question"), sep="\n\n"),
            Row(
                Button(T("Yes"), id="yes", on_click=_informal_answer(True)),
                Button(T("No"), id="no", on_click=_informal_answer(False)),
            ),
            SwitchTo(T("✓ Done"), id="done", state=Cv.experiences),
            getter=_informal_getter,
            state=Cv.informal,
        ),
        _list_window(
            Cv.education,
            N_("<b>Education and training.</b> Schools, courses, trainings, with or without a certificate."),
            (N_("➕ Add school or training"), Cv.school_what),
            _education_getter,
            Cv.mother_tongue,
            Cv.experiences,
            "education",
        ),
        *(_text_window(state) for state in (Cv.school_what, Cv.school_where, Cv.school_dates)),
        screen(
            Multi(
                T("Did you get a certificate or diploma?"),
                T(
                    "If it is from another country, it can often be recognised here. Ask your counsellor: "
                    "the lesson “Your diplomas and skills” tells how."
                ),
                sep="\n\n",
            ),
            Row(
                Button(T("Yes"), id="yes", on_click=_certificate(True)),
                Button(T("No"), id="no", on_click=_certificate(False)),
                Button(T("Skip ➡"), id="skip", on_click=_certificate(None)),
            ),
            state=Cv.school_certificate,
        ),
        _text_window(Cv.mother_tongue),
        _list_window(
            Cv.languages,
            N_("<b>Other languages.</b> Every language you speak helps."),
            (N_("➕ Add a language"), Cv.language_name),
            _languages_getter,
            Cv.digital,
            Cv.mother_tongue,
            "languages",
        ),
        _text_window(Cv.language_name),
        screen(
            Multi(T("How well do you speak it? Choose what fits best."), Raw("levels"), sep="\n\n"),
            Group(
                choices("level", "codes", _level_chosen),
                width=3,
            ),
            getter=_level_getter,
            state=Cv.language_level,
        ),
        screen(
            T("<b>Digital skills.</b> Tap what you can do."),
            Column(
                choices(
                    "digital",
                    "choices",
                    _toggle("digital_skills", DIGITAL_SKILLS),
                )
            ),
            Row(SwitchTo(T("Next ➡"), id="next", state=Cv.soft), SwitchTo(T("⬅ Back"), id="back", state=Cv.languages)),
            getter=_toggles_getter("digital_skills", DIGITAL_SKILLS),
            state=Cv.digital,
        ),
        screen(
            T(
                "<b>Soft skills.</b> Tap the ones that describe you. "
                "The lesson “Skills employers look for” has small exercises."
            ),
            Column(
                choices(
                    "soft",
                    "choices",
                    _toggle("soft_skills", SOFT_SKILLS),
                )
            ),
            Row(
                Button(T("Next ➡"), id="next", on_click=_next_to(Cv.driving)),
                SwitchTo(T("⬅ Back"), id="back", state=Cv.digital),
            ),
            getter=_toggles_getter("soft_skills", SOFT_SKILLS),
            state=Cv.soft,
        ),
        _text_window(Cv.driving),
        _text_window(
            Cv.availability,
            Group(
                choices("day", "days", _day_toggled),
                width=4,
            ),
            Group(
                choices("shift", "shifts", _shift_toggled),
                width=2,
            ),
            Button(T("I can start now"), id="now", on_click=_start_now),
            getter=_availability_getter,
        ),
        _text_window(Cv.interests),
        screen(
            Multi(
                Raw("cv"),
                T("CV language: {cv_language}"),
                T("Not saved: download your CV before you leave.", when="not_saved"),
                sep="\n\n",
            ),
            Group(
                choices("edit", "sections", _edit_section, label="✏ {item[1]}"),
                width=2,
            ),
            SwitchTo(T("🌐 CV language"), id="lang", state=Cv.cv_language),
            SwitchTo(T("➕ Date of birth or nationality"), id="personal", state=Cv.personal),
            Button(T("📄 Get my CV"), id="files", on_click=_get_files),
            SwitchTo(T("🎯 Fit it to a job advertisement"), id="tailor", state=Cv.tailor),
            Cancel(T("🏠 Menu")),
            getter=_review_getter,
            state=Cv.review,
        ),
        screen(
            Multi(
                T(
                    "A CV does not need your date of birth or your nationality, and they can lead to unfair "
                    "treatment. Add them only if you want to, or if the employer asks."
                ),
                Raw("personal"),
                sep="\n\n",
            ),
            SwitchTo(T("Add date of birth"), id="birth", state=Cv.birth),
            SwitchTo(T("Add nationality"), id="nationality", state=Cv.nationality),
            Button(T("🗑 Remove them"), id="remove", on_click=_remove_personal, when="has_personal"),
            SwitchTo(T("⬅ Back"), id="back", state=Cv.review),
            getter=_personal_getter,
            state=Cv.personal,
        ),
        *(_text_window(state) for state in (Cv.birth, Cv.nationality)),
        screen(
            T("In which language should the CV be? Choose the language of the job."),
            Group(
                choices("cvlang", "cv_languages", _cv_language_chosen),
                width=3,
            ),
            SwitchTo(T("⬅ Back"), id="back", state=Cv.review),
            getter=_languages_list_getter,
            state=Cv.cv_language,
        ),
        screen(
            T(
                "Paste the text of a job advertisement here, or choose a kind of work. I show what matches "
                "your CV and make a version that puts what matches first."
            ),
            Group(
                choices("fit_sector", "sectors", _sector_for_tailoring),
                width=2,
            ),
            SwitchTo(T("⬅ Back"), id="back", state=Cv.review),
            MessageInput(_on_advert),
            getter=_sector_getter,
            state=Cv.tailor,
            typed_input=True,
        ),
        screen(
            Raw("tailoring"),
            Button(T("📄 Get this version"), id="files", on_click=_get_tailored),
            SwitchTo(T("⬅ Back"), id="back", state=Cv.review),
            getter=_tailored_getter,
            state=Cv.tailored,
        ),
    )
