"""Contract check: one question per screen, then a summary of what is fine, what to ask, what to watch."""

from __future__ import annotations

import html
from functools import cache
from typing import Any

from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, Start, SwitchTo
from aiogram_dialog.widgets.text import Multi
from babel.dates import format_date

from bot import clock
from bot.consent import Purpose
from bot.content import ContractCheck, load_contract_check
from bot.contract_check import Answer, Summary, summarise
from bot.dialogs.common import countries_getter, country_of, country_select
from bot.dialogs.states import Contract, Talk
from bot.dialogs.widgets import Raw, T, her_id, screen
from bot.directory import Directory
from bot.documents.contract import FILE_NAME, contract_checklist_pdf, document_languages
from bot.i18n import babel_locale, catalogues, current_language, gettext, render


@cache
def contract_check() -> ContractCheck:
    return load_contract_check()


def _esc(message: str) -> str:
    return html.escape(gettext(message), quote=False)


def summary_text(check: ContractCheck, summary: Summary, directory: Directory) -> str:
    """The summary in her language, as Telegram HTML."""
    parts: list[str] = []
    if summary.warnings:
        parts.append(
            "⚠ "
            + gettext(
                "<b>Some answers are warning signs.</b> This can happen to anyone. You do not have "
                "to deal with it alone: a person can help you, in confidence."
            )
        )
        parts.append("\n".join(f"• {_esc(q.label)}" for q in summary.warnings))
        parts.append(gettext("If you are in danger now, call 112."))
        hotline = directory.confirmed_hotline()
        if hotline:
            parts.append(render("{label}: {phone}", {"label": hotline.label, "phone": hotline.phone}))
    if summary.in_order:
        parts.append(gettext("✅ <b>In order:</b>") + "\n" + "\n".join(f"• {_esc(q.label)}" for q in summary.in_order))
    if summary.to_ask:
        lines = [gettext("❓ <b>Missing or not clear. You can ask the employer:</b>")]
        lines += [f"• <b>{_esc(q.label)}</b>: “{_esc(q.ask)}”" for q in summary.to_ask]
        parts.append("\n".join(lines))
    if summary.unsure_warnings:
        parts.append(
            gettext(
                "You were not sure about some questions on your safety. It can help to talk them through with a person."
            )
        )
    parts.append(
        render(
            "Checked on {date}. This is general information, not legal advice.",
            {"date": format_date(check.reviewed, format="long", locale=babel_locale())},
        )
    )
    return "\n\n".join(parts)


# Getters -----------------------------------------------------------------------------------


async def _intro_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    privacy = dialog_manager.middleware_data["privacy"]
    remembered = Purpose.REMEMBER_ME in await privacy.granted(her_id(dialog_manager))
    return {"count": len(contract_check().questions), "remembered": remembered, "forgotten": not remembered}


async def _question_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    questions = contract_check().questions
    index = min(dialog_manager.dialog_data.get("i", 0), len(questions) - 1)
    question = questions[index]
    return {
        "number": index + 1,
        "total": len(questions),
        "question": f"<b>{_esc(question.question)}</b>",
        "why": gettext(question.why),
        "has_previous": index > 0,
    }


async def _summary_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    check = contract_check()
    summary = summarise(check, dialog_manager.dialog_data.get("answers", {}))
    return {
        "summary": summary_text(check, summary, dialog_manager.middleware_data["directory"]),
        "needs_a_person": summary.needs_a_person or bool(summary.unsure_warnings),
    }


# Handlers ----------------------------------------------------------------------------------


async def _begin(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    manager.dialog_data.update(i=0, answers={})
    await manager.switch_to(Contract.question)


def _answer(value: Answer):
    async def _on_click(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
        questions = contract_check().questions
        index = min(manager.dialog_data.get("i", 0), len(questions) - 1)
        answers = manager.dialog_data.setdefault("answers", {})
        answers[questions[index].id] = value.value
        if index + 1 < len(questions):
            manager.dialog_data["i"] = index + 1
            return
        privacy = manager.middleware_data["privacy"]
        await privacy.keep_if_remembered(
            callback.from_user.id,
            "contract_check",
            {"version": contract_check().version, "answers": answers},
        )
        await manager.switch_to(Contract.summary)

    return _on_click


async def _previous(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    manager.dialog_data["i"] = max(0, manager.dialog_data.get("i", 0) - 1)


async def _send_summary(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    check = contract_check()
    summary = summarise(check, manager.dialog_data.get("answers", {}))
    # A copy to keep in the chat, protected from forwarding; quick exit still erases it.
    await callback.bot.send_message(
        callback.from_user.id,
        gettext("<b>Your contract check</b>")
        + "\n\n"
        + summary_text(check, summary, manager.middleware_data["directory"]),
        protect_content=True,
    )


async def _send_file(callback: CallbackQuery, manager: DialogManager) -> None:
    country = await country_of(manager)
    cats = catalogues()
    languages = document_languages(current_language.get(), country.language if country else None, cats)
    summary = summarise(contract_check(), manager.dialog_data.get("answers", {}))
    today = clock.now(manager.middleware_data["directory"].timezone).date()
    pdf = contract_checklist_pdf(summary, languages, cats, today)
    caption = (
        gettext("Your checklist, in your language and in the language of the country, side by side. You can show it.")
        if len(languages) > 1
        else gettext("Your checklist as a file. You can show it.")
    )
    # Not protected: she may want to print it. It holds no warning signs, and quick exit erases it from the chat.
    await callback.bot.send_document(callback.from_user.id, BufferedInputFile(pdf, filename=FILE_NAME), caption=caption)


async def _file_button(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    if await country_of(manager) is None:
        await manager.switch_to(Contract.country)
        return
    await _send_file(callback, manager)


async def _country_chosen(callback: CallbackQuery, manager: DialogManager) -> None:
    await manager.switch_to(Contract.summary)
    await _send_file(callback, manager)


async def _again(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    manager.dialog_data.update(i=0, answers={})
    await manager.switch_to(Contract.intro)


def contract_dialog() -> Dialog:
    return Dialog(
        screen(
            Multi(
                T("<b>Check a contract</b>"),
                T(
                    "Have the job offer or the contract with you. I ask {count} short questions, one "
                    "at a time. Answer Yes, No or Not sure."
                ),
                T("Your answers are not saved: they are gone when you leave.", when="forgotten"),
                T("“Remember me” is on: I keep your answers until you delete them.", when="remembered"),
                sep="\n\n",
            ),
            Button(T("▶ Start"), id="begin", on_click=_begin),
            Cancel(T("⬅ Back")),
            getter=_intro_getter,
            state=Contract.intro,
        ),
        screen(
            Multi(
                T("Question {number} of {total}"),
                Raw("question"),
                T("<i>Why this matters:</i> {why}"),
                sep="\n\n",
            ),
            Row(
                Button(T("Yes"), id="y", on_click=_answer(Answer.YES)),
                Button(T("No"), id="n", on_click=_answer(Answer.NO)),
                Button(T("Not sure"), id="u", on_click=_answer(Answer.NOT_SURE)),
            ),
            Row(
                Button(T("⬅ Previous"), id="prev", on_click=_previous, when="has_previous"),
                Cancel(T("🏠 Menu")),
            ),
            getter=_question_getter,
            state=Contract.question,
        ),
        screen(
            Raw("summary"),
            Start(
                T("🙋 Talk to a person"),
                id="person",
                state=Talk.topic,
                data={"topic": "contract"},
                when="needs_a_person",
            ),
            Button(T("📩 Send me this summary"), id="send", on_click=_send_summary),
            Button(T("📄 A file to show"), id="file", on_click=_file_button),
            Button(T("🔁 Check again"), id="again", on_click=_again),
            Cancel(T("🏠 Menu")),
            getter=_summary_getter,
            state=Contract.summary,
        ),
        screen(
            Multi(
                T("In which country is the job? The file shows your checklist in your language and in the country's."),
                T("I keep your country only if you chose “Remember me”."),
                sep="\n\n",
            ),
            country_select(_country_chosen),
            SwitchTo(T("⬅ Back"), id="back", state=Contract.summary),
            getter=countries_getter,
            state=Contract.country,
        ),
    )
