"""The contract check sorts her answers the way she needs: what is fine, what to ask, what is a warning."""

from pathlib import Path

import pytest

from bot.content import ContentError, check_all, load_contract_check
from bot.contract_check import Answer, summarise

CHECK = load_contract_check()


def test_the_guide_s_nine_items_and_the_ilo_signs_are_all_asked():
    ids = {q.id for q in CHECK.questions}
    assert {"parties", "place", "tasks", "dates", "leave", "notice", "pay", "hours", "agreement"} <= ids
    assert {"contract_type", "pay_as_promised"} <= ids
    assert {
        "documents",
        "debt",
        "not_free",
        "wages_withheld",
        "threats",
        "deception",
        "overtime",
        "isolation",
        "conditions",
    } == {q.id for q in CHECK.warnings}


def test_all_yes_on_items_and_no_on_warnings_is_all_in_order():
    answers = {q.id: Answer.YES for q in CHECK.items} | {q.id: Answer.NO for q in CHECK.warnings}
    summary = summarise(CHECK, answers)
    assert summary.in_order == CHECK.items
    assert not summary.to_ask and not summary.warnings and not summary.needs_a_person


def test_missing_items_come_with_what_to_ask():
    summary = summarise(CHECK, {"pay": Answer.NO, "hours": Answer.NOT_SURE})
    assert [q.id for q in summary.missing] == ["pay"]
    assert "hours" in [q.id for q in summary.unclear]
    assert all(q.ask for q in summary.to_ask)


def test_one_warning_sign_is_enough_to_offer_a_person():
    summary = summarise(CHECK, {"documents": Answer.YES})
    assert summary.needs_a_person
    assert [q.id for q in summary.warnings] == ["documents"]


def test_skipped_or_garbled_answers_are_never_counted_as_fine():
    summary = summarise(CHECK, {"parties": "garbage"})
    assert "parties" in [q.id for q in summary.unclear]
    assert not summary.in_order


def test_content_check_passes_on_the_shipped_files():
    contract, lessons, countries, glossary, interview, directory = check_all()
    assert "11 items, 9 warning signs" in contract
    assert lessons.startswith("lessons.yaml")
    assert "GR, IT, AT, RO, BG" in countries
    assert glossary.startswith("glossary.yaml")
    assert interview.startswith("interview.yaml") and "phrases" in interview
    assert "EXAMPLE" in directory


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("  - id: parties\n    kind: item\n    label: x\n    question: q\n    why: w\n", "id used twice"),
        ("  - id: new\n    kind: item\n    label: x\n    question: q\n    why: w\n", "needs 'ask'"),
        ("  - id: new\n    kind: other\n    label: x\n    question: q\n    why: w\n", "kind must be"),
        (
            "  - id: new\n    kind: warning\n    label: x\n    question: q\n    why: " + "w" * 700 + "\n",
            "longer than 600",
        ),
    ],
)
def test_content_check_names_the_file_and_entry_of_a_broken_file(tmp_path: Path, broken, message):
    source = (Path(load_contract_check.__defaults__[0])).read_text(encoding="utf-8")
    (tmp_path / "contract_check.yaml").write_text(source + broken, encoding="utf-8")
    with pytest.raises(ContentError, match=message) as error:
        check_all(tmp_path)
    assert str(error.value).startswith("contract_check.yaml")


def test_content_check_command():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "bot", "content", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok  contract_check.yaml")
