"""The organisation's directory: checked on load, and an example's numbers are never shown."""

from pathlib import Path

import pytest

from bot.content import ContentError, load_contract_check
from bot.contract_check import summarise
from bot.dialogs.contract import summary_text
from bot.directory import EXAMPLE_DIRECTORY, load_directory

CONFIRMED = EXAMPLE_DIRECTORY.read_text(encoding="utf-8").replace("example: true", "example: false")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "directory.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_directory_is_an_example_and_shows_no_number():
    directory = load_directory()
    assert directory.example
    assert directory.confirmed_hotline() is None
    check = load_contract_check()
    text = summary_text(check, summarise(check, {"documents": "y"}), directory)
    assert "112" in text
    assert directory.hotline.phone not in text


def test_a_confirmed_hotline_is_shown_with_112_at_a_warning_sign(tmp_path):
    directory = load_directory(write(tmp_path, CONFIRMED))
    check = load_contract_check()
    text = summary_text(check, summarise(check, {"threats": "y"}), directory)
    assert "112" in text and directory.hotline.phone in text
    calm = summary_text(check, summarise(check, {}), directory)
    assert directory.hotline.phone not in calm


def test_office_hours_are_read_in_the_directory_time_zone(tmp_path):
    directory = load_directory(write(tmp_path, CONFIRMED))
    assert str(directory.timezone) == "Europe/Athens"
    assert directory.office_hours[4][1].hour == 15  # Friday closes at 15:00
    assert 5 not in directory.office_hours  # Saturday closed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("example: false", "example: maybe"), "'example' must be true or false"),
        (("country: GR", "country: Greece"), "two-letter code"),
        (("timezone: Europe/Athens", "timezone: Mars/Base"), "timezone"),
        (('phone: "+30 000 000 0000"', 'phone: "call us"'), "hotline"),
        (('fri: "09:00-15:00"', 'fri: "15:00-09:00"'), "closes before it opens"),
        (('mon: "09:00-17:00"', 'mon: "25:00-26:00"'), "not a real time"),
    ],
)
def test_a_broken_directory_is_refused_with_its_file_name(tmp_path, change, message):
    old, new = change
    with pytest.raises(ContentError, match=message) as error:
        load_directory(write(tmp_path, CONFIRMED.replace(old, new)))
    assert str(error.value).startswith("directory.yaml")
