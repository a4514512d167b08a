"""Interview practice: questions for her kind of work, answered by text or voice, then tips and her own review.

Her answers are never kept, not even in the session: the handler only moves on.
With "remember me" her progress (which questions, her ticks) is kept; the details
she types for a real interview live in the volatile session only.
"""

from __future__ import annotations

import asyncio
import html
from typing import Any

from aiogram.enums import ContentType
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row, Start, SwitchTo
from aiogram_dialog.widgets.text import Multi

from bot import clock
from bot.consent import Purpose
from bot.cv.model import CV
from bot.dialogs.common import countries_getter, country_of, country_select
from bot.dialogs.orientation import lessons
from bot.dialogs.states import Interview, Orientation, Talk
from bot.dialogs.widgets import Raw, T, choices, her_id, screen
from bot.documents.interview_prep import (
    DETAIL_LIMIT,
    FILE_NAME,
    TITLE_TEXT,
    PrepDetails,
    prep_sections,
    prep_sheet_pdf,
    prep_sheet_text,
)
from bot.i18n import N_, catalogues, current_language, gettext, ngettext
from bot.interview import (
    CHECKS,
    GENERAL,
    LENGTHS,
    PRACTICE_SECTORS,
    PROGRESS,
    Progress,
    Review,
    bank,
    hardest,
    pick_questions,
    practice_sector,
    question_of_the_day,
    split_easy_hard,
    suggested_lessons,
)
from bot.storage.session_store import INTERVIEW_PREP, Record

KIND_LABELS = {
    "about": N_("About you"),
    "motivation": N_("Why this job"),
    "experience": N_("Your experience"),
    "situation": N_("A situation at work"),
    "practical": N_("Practical questions"),
    "ask_employer": N_("A question you can ask the employer"),
}
ANSWER_KINDS = (ContentType.TEXT, ContentType.VOICE, ContentType.AUDIO, ContentType.VIDEO_NOTE, ContentType.VIDEO)
TO_ASK_COUNT = 3


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"• {_esc(line)}" for line in lines)


# Her progress ------------------------------------------------------------------------------


async def _stored_progress(manager: DialogManager) -> Progress:
    privacy = manager.middleware_data["privacy"]
    stored = await privacy.remembered(her_id(manager), PROGRESS)
    return Progress.from_dict(stored, (question.id for question in bank().questions))


async def _remembered(manager: DialogManager) -> bool:
    privacy = manager.middleware_data["privacy"]
    return Purpose.REMEMBER_ME in await privacy.granted(her_id(manager))


def _reviews(manager: DialogManager) -> dict[str, Review]:
    return {key: Review.from_dict(value) for key, value in manager.dialog_data.get("reviews", {}).items()}


def _current(manager: DialogManager):
    ids = manager.dialog_data.get("ids") or []
    index = manager.dialog_data.get("i", 0)
    if not ids or index >= len(ids):
        return None
    return bank().by_id(ids[index])


async def _start_practice(manager: DialogManager, ids: list[str], day: bool = False) -> None:
    manager.dialog_data.update(ids=ids, i=0, reviews={}, day=day)
    manager.dialog_data.pop("voice", None)
    await manager.switch_to(Interview.question)


# Intro, sector and length -----------------------------------------------------------------


async def _intro_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    remembered = await _remembered(dialog_manager)
    return {"remembered": remembered, "forgotten": not remembered}


async def _her_cv_sector(manager: DialogManager) -> str:
    privacy = manager.middleware_data["privacy"]
    draft = CV.from_dict(await privacy.draft(her_id(manager), Purpose.SAVE_CV))
    return practice_sector(draft.target.sector)


async def _sector_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    hers = dialog_manager.dialog_data.get("sector") or await _her_cv_sector(dialog_manager)
    return {
        "sectors": [
            (key, ("✓ " if key == hers and key != GENERAL else "") + gettext(label))
            for key, label in PRACTICE_SECTORS.items()
        ]
    }


async def _sector_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if key not in PRACTICE_SECTORS:
        return  # a stale button
    manager.dialog_data["sector"] = key
    await manager.switch_to(Interview.length)


async def _length_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"lengths": [(str(count), str(count)) for count in LENGTHS]}


async def _length_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if not key.isdigit() or int(key) not in LENGTHS:
        return
    practised = (await _stored_progress(manager)).reviews
    sector = manager.dialog_data.get("sector", GENERAL)
    questions = pick_questions(bank().questions, sector, int(key), practised)
    await _start_practice(manager, [question.id for question in questions])


async def _question_of_the_day(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    sector = manager.dialog_data.get("sector") or await _her_cv_sector(manager)
    manager.dialog_data["sector"] = sector
    today = clock.now(manager.middleware_data["directory"].timezone).date()
    practised = (await _stored_progress(manager)).reviews
    # Practised today already? Then today's question stays the same: ask it again rather than a new one.
    await _start_practice(manager, [question_of_the_day(bank().questions, sector, today, practised)], day=True)


# One question: ask, tips, example, her review -------------------------------------------------


async def _question_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    question = _current(dialog_manager)
    if question is None:
        return {"question": "", "kind": "", "number": 0, "total": 0, "several": False, "asking": False}
    ids = dialog_manager.dialog_data["ids"]
    asking = question.kind == "ask_employer"
    return {
        "kind": gettext(KIND_LABELS[question.kind]),
        "question": _esc(gettext(question.question)),
        "number": dialog_manager.dialog_data.get("i", 0) + 1,
        "total": len(ids),
        "several": len(ids) > 1,
        "asking": asking,
        "answering": not asking,
    }


async def _on_answer(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    # Whatever she said is hers: it is not read, kept or logged. Only the kind of answer is noted.
    manager.show_mode = ShowMode.DELETE_AND_SEND
    if _current(manager) is None:
        await manager.switch_to(Interview.intro)
        return
    manager.dialog_data["voice"] = message.content_type != ContentType.TEXT
    await manager.switch_to(Interview.tips)


async def _on_other_input(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND
    await message.answer(gettext("Answer by writing, or with a voice message."))


async def _tips_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    question = _current(dialog_manager)
    if question is None:
        return {"question": "", "why": "", "contains": "", "example": "", "tip": "", "asking": False}
    asking = question.kind == "ask_employer"
    return {
        "question": _esc(gettext(question.question)),
        "why": _esc(gettext(question.why)),
        "contains": _esc(gettext(question.contains)),
        "example": _esc(gettext(question.example)),
        "tip": _esc(gettext(question.tip)),
        "asking": asking,
        "answering": not asking,
        "voice": bool(dialog_manager.dialog_data.get("voice")),
    }


async def _review_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    question = _current(dialog_manager)
    review = _reviews(dialog_manager).get(question.id, Review()) if question else Review()
    ids = dialog_manager.dialog_data.get("ids") or []
    last = dialog_manager.dialog_data.get("i", 0) >= len(ids) - 1
    return {
        "checks": [(key, ("✅ " if key in review.ticks else "⬜ ") + gettext(label)) for key, label in CHECKS.items()],
        "hard_mark": "✅" if review.hard else "⬜",
        "last": last,
        "not_last": not last,
    }


def _update_review(manager: DialogManager, change) -> None:
    question = _current(manager)
    if question is None:
        return
    reviews = manager.dialog_data.setdefault("reviews", {})
    review = Review.from_dict(reviews.get(question.id))
    change(review)
    reviews[question.id] = review.as_dict()


async def _check_toggled(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if key in CHECKS:
        _update_review(manager, lambda review: review.ticks.symmetric_difference_update({key}))


async def _hard_toggled(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    def flip(review: Review) -> None:
        review.hard = not review.hard

    _update_review(manager, flip)


async def _keep_progress(manager: DialogManager) -> None:
    """With "remember me", add this practice's reviews to her progress; without it, nothing is written."""
    if not await _remembered(manager):
        return
    progress = await _stored_progress(manager)
    for question_id, review in _reviews(manager).items():
        progress.record(question_id, review)
    await manager.middleware_data["privacy"].keep_if_remembered(her_id(manager), PROGRESS, progress.as_dict())


async def _next_question(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    if _current(manager) is not None:
        _update_review(manager, lambda review: None)  # no tick is a review too: the question was practised
    await _advance(manager)


async def _skip_question(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await _advance(manager)


async def _advance(manager: DialogManager) -> None:
    """The next question, or the end of the practice after the last one."""
    manager.dialog_data["i"] = manager.dialog_data.get("i", 0) + 1
    manager.dialog_data.pop("voice", None)
    if _current(manager) is None:
        await _finish(manager)
    else:
        await manager.switch_to(Interview.question)


async def _stop(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await _finish(manager)


async def _finish(manager: DialogManager) -> None:
    await _keep_progress(manager)
    await manager.switch_to(Interview.summary)


# The end of a practice ---------------------------------------------------------------------


async def _summary_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    reviews = _reviews(dialog_manager)
    easy, hard = split_easy_hard(reviews)

    def titles(ids: list[str]) -> list[str]:
        return [gettext(bank().by_id(question_id).question) for question_id in ids]

    count = len(reviews)
    practised_line = ngettext("You practised {count} question.", "You practised {count} questions.", count)
    parts = [practised_line.format(count=count) if reviews else ""]
    if easy:
        parts.append(f"<b>{_esc(gettext('Went well'))}</b>\n{_bullets(titles(easy))}")
    if hard:
        parts.append(f"<b>{_esc(gettext('To practise again'))}</b>\n{_bullets(titles(hard))}")
    practised = [bank().by_id(question_id) for question_id in hard or easy]
    suggested = suggested_lessons(practised)
    return {
        "summary": "\n\n".join(part for part in parts if part),
        "nothing": not reviews,
        "lessons": [
            (lesson_id, "📘 " + gettext(lessons().by_id(lesson_id).title))
            for lesson_id in suggested
            if lessons().by_id(lesson_id)
        ],
        "day": bool(dialog_manager.dialog_data.get("day")),
        "remembered": await _remembered(dialog_manager),
        "forgotten": not await _remembered(dialog_manager),
    }


async def _open_lesson(_callback: CallbackQuery, _widget, manager: DialogManager, lesson_id: str) -> None:
    if lessons().by_id(lesson_id) is not None:
        await manager.start(Orientation.page, data={"lesson": lesson_id})


async def _again(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    manager.dialog_data.update(ids=[], i=0, reviews={})
    await manager.switch_to(Interview.sector)


# Questions she does not have to answer ---------------------------------------------------------


async def _declines_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"topics": [(topic.id, gettext(topic.topic)) for topic in bank().may_decline]}


async def _decline_chosen(_callback: CallbackQuery, _widget, manager: DialogManager, key: str) -> None:
    if bank().decline(key) is not None:
        manager.dialog_data["topic"] = key
        await manager.switch_to(Interview.decline)


async def _decline_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    topic = bank().decline(dialog_manager.dialog_data.get("topic", "")) or bank().may_decline[0]
    return {
        "topic": _esc(gettext(topic.topic)),
        "asked": _esc(gettext(topic.question)),
        "why": _esc(gettext(topic.why)),
        "decline": _esc(gettext(topic.decline)),
    }


# Preparing a real interview ----------------------------------------------------------------------

PREP_STEPS: dict[State, tuple[str, str, str, State]] = {
    # state: (field, what to type, example, next state)
    Interview.prep_employer: (
        "employer",
        N_("Which employer is it?"),
        N_("For example: Hotel Olympia."),
        Interview.prep_job,
    ),
    Interview.prep_job: ("job", N_("Which job?"), N_("For example: room attendant."), Interview.prep_when),
    Interview.prep_when: (
        "when",
        N_("When is the interview?"),
        N_("For example: Monday 3 March, 10:00."),
        Interview.prep_where,
    ),
    Interview.prep_where: (
        "where",
        N_("Where is it? The address or the place."),
        N_("For example: Main Street 12, Athens."),
        Interview.prep_sheet,
    ),
}
PREP_ORDER = list(PREP_STEPS)


async def _prep_details(manager: DialogManager) -> PrepDetails:
    record = await manager.middleware_data["session_store"].volatile.get(her_id(manager), INTERVIEW_PREP)
    return PrepDetails.from_dict(record.data if record else {})


async def _keep_prep_detail(manager: DialogManager, name: str, value: str) -> None:
    # Volatile session only, whatever her consents: the issue allows nothing but progress to be stored.
    store = manager.middleware_data["session_store"]
    details = (await _prep_details(manager)).__dict__ | {name: value}
    await store.volatile.put(her_id(manager), INTERVIEW_PREP, Record(None, details))


async def _prep_step_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    state = dialog_manager.current_context().state
    name, ask, example, _next = PREP_STEPS[state]
    typed = getattr(await _prep_details(dialog_manager), name)
    return {
        "ask": _esc(gettext(ask)),
        "example": gettext(example),
        "typed": typed,
        "has_typed": bool(typed),
        "step": PREP_ORDER.index(state) + 1,
    }


async def _on_prep_text(message: Message, _widget: MessageInput, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.DELETE_AND_SEND
    step = PREP_STEPS.get(manager.current_context().state)
    if step is None:
        return
    if not message.text or not message.text.strip():
        await message.answer(gettext("Please type it, or press Skip."))
        return
    name, _ask, _example, next_state = step
    text = " ".join(message.text.split())
    if len(text) > DETAIL_LIMIT:
        text = text[:DETAIL_LIMIT].rstrip()
        await message.answer(gettext("That was long, so I kept the beginning."))
    await _keep_prep_detail(manager, name, text)
    await manager.switch_to(next_state)


def _prep_skip(next_state: State):
    async def on_click(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        await manager.switch_to(next_state)

    return on_click


async def _sheet_sections(manager: DialogManager, language: str):
    seen = _reviews(manager)
    for question_id, review in (await _stored_progress(manager)).reviews.items():
        seen.setdefault(question_id, review)
    hard = [bank().by_id(question_id) for question_id in hardest(seen)]
    to_ask = [question for question in bank().questions if question.kind == "ask_employer"][:TO_ASK_COUNT]
    return prep_sections(await _prep_details(manager), to_ask, hard, language, catalogues())


async def _sheet_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    sections = await _sheet_sections(dialog_manager, current_language.get())
    pairing = await dialog_manager.middleware_data["counselling"].store.pairing_of(her_id(dialog_manager))
    return {
        "sheet": prep_sheet_text(sections, gettext(TITLE_TEXT)),
        "paired": pairing is not None and pairing.active,  # "my counsellor" is on: she may choose to share it
    }


async def _share_sheet(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    sections = await _sheet_sections(manager, current_language.get())
    text = prep_sheet_text(sections, gettext(TITLE_TEXT))
    shared = await manager.middleware_data["counselling"].share_with_counsellor(her_id(manager), text)
    await callback.answer(gettext("Sent to your counsellor.") if shared else None)


async def _send_sheet(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    language = current_language.get()
    sections = await _sheet_sections(manager, language)
    rtl = catalogues().language_rtl(language)
    pdf = await asyncio.to_thread(prep_sheet_pdf, sections, gettext(TITLE_TEXT), rtl)
    await callback.bot.send_document(
        callback.from_user.id,
        BufferedInputFile(pdf, filename=FILE_NAME),
        caption=gettext("Your interview notes as a file."),
    )


# Useful phrases ------------------------------------------------------------------------------


async def _phrases_getter(dialog_manager: DialogManager, **kwargs: Any) -> dict[str, Any]:
    country = await country_of(dialog_manager)
    hers = current_language.get()
    cats = catalogues()
    lines = []
    if country is not None:
        theirs = country.language if cats.has_catalogue(country.language) else None
        for _id, text in bank().phrases:
            line = f"🗣 <b>{_esc(cats.gettext(text, theirs))}</b>" if theirs and theirs != hers else ""
            lines.append("\n".join(part for part in (line, _esc(cats.gettext(text, hers))) if part))
    return {
        **await countries_getter(dialog_manager, **kwargs),
        "phrases": "\n\n".join(lines),
        "choose_country": country is None,
    }


# The dialog ---------------------------------------------------------------------------------------


def _menu_row(*buttons) -> Row:
    return Row(*buttons, Cancel(T("🏠 Menu")))


def interview_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                T("<b>Practise an interview</b>"),
                T(
                    "I ask questions employers often ask. You answer as you would in the interview, "
                    "by writing or with a voice message. Then you see what employers listen for."
                ),
                T("Your answers are never kept. Nothing of this practice is saved.", when="forgotten"),
                T(
                    "Your answers are never kept. “Remember me” is on: I keep which questions you "
                    "practised and your own ticks.",
                    when="remembered",
                ),
                sep="\n\n",
            ),
            Column(
                SwitchTo(T("▶ Practise"), id="practise", state=Interview.sector),
                Button(T("📅 Question of the day"), id="day", on_click=_question_of_the_day),
                SwitchTo(T("🤚 Questions you do not have to answer"), id="declines", state=Interview.declines),
                SwitchTo(T("📝 Prepare for a real interview"), id="prep", state=Interview.prep_employer),
                SwitchTo(T("🗣 Useful phrases"), id="phrases", state=Interview.phrases),
                Cancel(T("⬅ Back")),
            ),
            getter=_intro_getter,
            state=Interview.intro,
        ),
        screen(
            T("For which kind of work?"),
            Column(choices("sector", "sectors", _sector_chosen)),
            _menu_row(SwitchTo(T("⬅ Back"), id="back", state=Interview.intro)),
            getter=_sector_getter,
            state=Interview.sector,
        ),
        screen(
            T("How many questions?"),
            Row(choices("length", "lengths", _length_chosen)),
            _menu_row(SwitchTo(T("⬅ Back"), id="back", state=Interview.sector)),
            getter=_length_getter,
            state=Interview.length,
        ),
        screen(
            Multi(
                T("Question {number} of {total}", when="several"),
                T("<i>{kind}</i>"),
                Raw("question"),
                T("Answer by writing, or send a voice message to practise speaking.", when="answering"),
                T("Say it in your own words: write it, or send a voice message.", when="asking"),
                sep="\n\n",
            ),
            Button(T("Skip this question ➡"), id="skip", on_click=_skip_question),
            _menu_row(Button(T("⏹ Stop here"), id="stop", on_click=_stop)),
            MessageInput(_on_answer, content_types=ANSWER_KINDS),
            MessageInput(_on_other_input),
            getter=_question_getter,
            state=Interview.question,
            typed_input=True,
        ),
        screen(
            Multi(
                Raw("question"),
                T("The bot does not listen to voice messages or keep them: they are for you.", when="voice"),
                T("<b>Why employers ask this</b>", when="answering"),
                T("<b>Why it helps to ask</b>", when="asking"),
                Raw("why"),
                T("<b>A good answer</b>", when="answering"),
                T("<b>A clear answer tells you</b>", when="asking"),
                Raw("contains"),
                sep="\n\n",
            ),
            SwitchTo(T("💡 See an example"), id="example", state=Interview.example),
            SwitchTo(T("✓ Look back at my answer"), id="review", state=Interview.review),
            Cancel(T("🏠 Menu")),
            getter=_tips_getter,
            state=Interview.tips,
        ),
        screen(
            Multi(
                T("<b>An example</b>"),
                Multi(Raw("example"), sep=""),
                T("<b>With little experience, or a gap in your CV</b>"),
                Raw("tip"),
                sep="\n\n",
            ),
            SwitchTo(T("✓ Look back at my answer"), id="review", state=Interview.review),
            _menu_row(SwitchTo(T("⬅ Back"), id="back", state=Interview.tips)),
            getter=_tips_getter,
            state=Interview.example,
        ),
        screen(
            T("Look back at your answer. Tick what is true. Only you see this, and there is no score."),
            Column(choices("check", "checks", _check_toggled)),
            Button(Multi(Raw("hard_mark"), T("This one felt hard"), sep=" "), id="hard", on_click=_hard_toggled),
            Button(T("Next question ➡"), id="next", on_click=_next_question, when="not_last"),
            Button(T("See how it went ➡"), id="end", on_click=_next_question, when="last"),
            _menu_row(Button(T("⏹ Stop here"), id="stop", on_click=_stop, when="not_last")),
            getter=_review_getter,
            state=Interview.review,
        ),
        screen(
            Multi(
                T("<b>Well done.</b>"),
                Raw("summary"),
                T("Come back tomorrow for a new question of the day.", when="day"),
                T("These lessons can help:"),
                sep="\n\n",
            ),
            Column(choices("lesson", "lessons", _open_lesson)),
            Start(
                T("🙋 Practise with a person"),
                id="person",
                state=Talk.topic,
                data={"topic": "interview"},
            ),
            SwitchTo(T("📝 Prepare for a real interview"), id="prep", state=Interview.prep_employer),
            Button(T("🔁 Practise again"), id="again", on_click=_again),
            Cancel(T("🏠 Menu")),
            getter=_summary_getter,
            state=Interview.summary,
        ),
        screen(
            Multi(
                T("<b>Questions you do not have to answer</b>"),
                T(
                    "Some questions are not about the job. You may decline them politely, and it is "
                    "fine to do so. Choose one to see why, and what you can say."
                ),
                sep="\n\n",
            ),
            Column(choices("topic", "topics", _decline_chosen)),
            _menu_row(SwitchTo(T("⬅ Back"), id="back", state=Interview.intro)),
            getter=_declines_getter,
            state=Interview.declines,
        ),
        screen(
            Multi(
                T("<b>{topic}</b>"),
                T("<i>They may ask:</i> {asked}"),
                Raw("why"),
                T("<i>What you can say:</i> {decline}"),
                sep="\n\n",
            ),
            _menu_row(SwitchTo(T("⬅ Back"), id="back", state=Interview.declines)),
            getter=_decline_getter,
            state=Interview.decline,
        ),
        *(_prep_window(state) for state in PREP_ORDER),
        screen(
            Raw("sheet"),
            Button(T("📄 Get it as a file"), id="file", on_click=_send_sheet),
            Button(T("📤 Send to my counsellor"), id="share", on_click=_share_sheet, when="paired"),
            _menu_row(SwitchTo(T("⬅ Back"), id="back", state=Interview.prep_where)),
            getter=_sheet_getter,
            state=Interview.prep_sheet,
        ),
        screen(
            Multi(
                T("<b>Useful phrases</b>"),
                T("In which country is the job? I show each phrase in its language.", when="choose_country"),
                Raw("phrases"),
                sep="\n\n",
            ),
            country_select(when="choose_country"),
            _menu_row(SwitchTo(T("⬅ Back"), id="back", state=Interview.intro)),
            getter=_phrases_getter,
            state=Interview.phrases,
        ),
    )


def _prep_window(state: State):
    index = PREP_ORDER.index(state)
    back = PREP_ORDER[index - 1] if index else Interview.intro
    _name, _ask, _example, next_state = PREP_STEPS[state]
    return screen(
        Multi(
            T("<b>Prepare for a real interview</b> ({step}/4)"),
            Raw("ask"),
            T("<i>{example}</i>"),
            T("Now: {typed}", when="has_typed"),
            T("I keep this only until you leave."),
            sep="\n\n",
        ),
        Row(
            Button(T("Skip ➡"), id="skip", on_click=_prep_skip(next_state)),
            SwitchTo(T("⬅ Back"), id="back", state=back),
        ),
        Cancel(T("🏠 Menu")),
        MessageInput(_on_prep_text),
        getter=_prep_step_getter,
        state=state,
        typed_input=True,
    )
