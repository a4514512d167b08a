"""`python -m bot sandbox`, used in a real browser (headless Chromium driven by Playwright).

Her side in Arabic, right to left, through consent to the menu; a request for a person taken and
answered from the mediator's account on the same page; quick exit empties her chat. Screenshots are
kept in test-artifacts/sandbox/ for people to look at.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.i18n import Catalogues

CATS = Catalogues.load()
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts")) / "sandbox"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium: install it (Debian: apt-get install chromium) to run the browser test; .ci/run does",
)
TIMEOUT_MS = 30_000


def ar(message: str) -> str:
    return CATS.gettext(message, "ar")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sandbox():
    """The sandbox as a person starts it; its URL; stopped with Ctrl-C (SIGINT) at the end."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "sandbox", "--port", str(port), "--language", "ar"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={key: value for key, value in os.environ.items() if not key.startswith(("BOT_", "TELEGRAM_"))},
    )
    output: list[str] = []
    deadline = time.monotonic() + 120
    url = None
    while url is None and time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            line = process.stdout.readline()
            output.append(line)
            if "open http://127.0.0.1:" in line:
                url = line.split("open ", 1)[1].split()[0]
    assert url, "the sandbox did not start:\n" + "".join(output)
    yield url
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == 0, rest
    assert "temporary data is deleted" in rest
    assert "Traceback" not in "".join(output) + rest


def test_her_side_in_arabic_and_the_mediator_answering_from_the_same_page(sandbox):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)
        try:
            page.goto(sandbox)
            expect(page.locator("body[data-ready]")).to_have_count(1)  # the page listens to her chat
            bot_says = page.locator(".message.bot .bubble")

            def button(label: str):
                return page.get_by_role("button", name=label, exact=True).last

            def type_and_send(text: str) -> None:
                page.get_by_test_id("input").fill(text)
                page.get_by_test_id("input").press("Enter")

            type_and_send("/start")
            button("✓ العربية").click()  # preselected from her Telegram app language
            welcome = bot_says.filter(has_text="112").last
            expect(welcome).to_be_visible()
            assert welcome.evaluate("node => getComputedStyle(node).direction") == "rtl"
            page.screenshot(path=ARTIFACTS / "1-welcome-arabic.png")

            button(ar("Continue ➡")).click()
            expect(bot_says.filter(has_text=ar("Remember me")).last).to_be_visible()
            button(ar("Continue ➡")).click()
            menu = bot_says.filter(has_text=ar("What would you like to do?")).last
            expect(menu).to_be_visible()
            assert menu.evaluate("node => getComputedStyle(node).direction") == "rtl"
            page.screenshot(path=ARTIFACTS / "2-menu-arabic.png")

            button(ar("🙋 Talk to a person")).click()
            button(ar("A contract")).click()
            button("✓ العربية").click()
            button(ar("It does not matter")).click()
            expect(button(ar("Send without a message ➡"))).to_be_visible()
            type_and_send("سؤال عن العقد")
            expect(
                bot_says.filter(has_text=ar("Write here: I pass on what you send, without your name or account.")).last
            ).to_be_visible()

            page.get_by_test_id("account").select_option("mediator")
            button("✋ Take").click()
            expect(bot_says.filter(has_text="سؤال عن العقد").last).to_be_visible()
            type_and_send("مرحبا، أنا هنا لمساعدتك")
            page.screenshot(path=ARTIFACTS / "3-mediator-answers.png")

            page.get_by_test_id("account").select_option("her")
            answer = bot_says.filter(has_text="مرحبا، أنا هنا لمساعدتك").last
            expect(answer).to_be_visible()
            assert answer.evaluate("node => getComputedStyle(node).direction") == "rtl"
            page.screenshot(path=ARTIFACTS / "4-her-answer.png")

            button(ar("✖ Exit")).click()
            expect(page.locator(".message")).to_have_count(1)
            expect(bot_says.first).to_contain_text(ar("Send /start to begin."))
            page.screenshot(path=ARTIFACTS / "5-after-quick-exit.png")
        finally:
            browser.close()
