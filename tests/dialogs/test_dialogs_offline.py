"""The screens, driven offline with aiogram-dialog's test tools (no network, no process)."""

import pytest
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator

from bot.app import build_dispatcher
from bot.config import Settings
from bot.consent import Purpose
from bot.counselling import Counselling
from bot.directory import load_directory
from bot.i18n import Catalogues
from bot.privacy import Privacy
from bot.rate_limit import RateLimiter
from bot.relay import Relay
from bot.storage.counselling_store import CounsellingStore
from bot.storage.session_store import DatabaseBackend, MemoryBackend, SessionStore
from bot.storage.talk_store import TalkStore
from bot.trail import Trail

CATS = Catalogues.load()


class RecordingQuickExit:
    def __init__(self):
        self.runs = []

    async def run(self, manager, user_id, **_):
        self.runs.append(user_id)
        await manager.reset_stack(remove_keyboard=False)


@pytest.fixture
def world(sessionmaker, vault, tmp_path):
    store = SessionStore(MemoryBackend(3600), DatabaseBackend(sessionmaker, vault))
    privacy = Privacy(sessionmaker, vault, store)
    quick_exit = RecordingQuickExit()
    manager = MockMessageManager()
    dispatcher = build_dispatcher(
        store=store,
        privacy=privacy,
        trail=Trail(store),
        quick_exit=quick_exit,
        settings=Settings(data_dir=tmp_path, _env_file=None),
        cats=CATS,
        directory=load_directory(),
        relay=Relay(None, TalkStore(sessionmaker, vault), CATS, load_directory()),
        counselling=Counselling(
            None,
            CounsellingStore(sessionmaker, vault),
            TalkStore(sessionmaker, vault),
            privacy,
            CATS,
            load_directory(),
            RateLimiter(),
        ),
        message_manager=manager,
    )
    client = BotClient(dispatcher, user_id=4711, chat_id=4711)
    return client, manager, privacy, quick_exit


def button(text):
    return InlineButtonTextLocator(text)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_consents_start_off_and_toggle_for_real(world):
    client, messages, privacy, _ = world
    await client.send("/start")
    assert messages.last_message().text == "Choose your language."
    await client.click(messages.last_message(), button("Français"))
    assert "112" in messages.last_message().text
    await client.click(messages.last_message(), button(CATS.gettext("Continue ➡", "fr")))
    labels = [b.text for row in messages.last_message().reply_markup.inline_keyboard for b in row]
    assert sum(label.startswith("⬜") for label in labels) == 4
    assert not any(label.startswith("✅") for label in labels)

    await client.click(messages.last_message(), button(f"⬜ {CATS.gettext('Save my CV', 'fr')}"))
    assert await privacy.granted(4711) == {Purpose.SAVE_CV}
    assert f"✅ {CATS.gettext('Save my CV', 'fr')}" in str(messages.last_message().reply_markup)
    await client.click(messages.last_message(), button(f"✅ {CATS.gettext('Save my CV', 'fr')}"))
    assert await privacy.granted(4711) == set()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_quick_exit_button_is_on_every_screen(world):
    client, messages, _, quick_exit = world
    await client.send("/start")
    seen = set()
    for press in ("English", "Continue ➡", "Continue ➡", "⚙ Settings", "🔒 What I may keep"):
        assert "✖ Exit" in str(messages.last_message().reply_markup), messages.last_message().text
        seen.add(messages.last_message().text)
        await client.click(messages.last_message(), button(press) if press != "English" else button("✓ English"))
    assert "✖ Exit" in str(messages.last_message().reply_markup)
    await client.click(messages.last_message(), button("✖ Exit"))
    assert quick_exit.runs == [4711]
    assert len(seen) == 5


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_her_cv_continues_at_the_part_she_reached(world):
    client, messages, _, _ = world
    await client.send("/start")
    for press in ("✓ English", "Continue ➡", "Continue ➡", "📄 My CV"):
        await client.click(messages.last_message(), button(press))
    assert "Continue where I stopped" not in str(messages.last_message().reply_markup)
    await client.click(messages.last_message(), button("▶ Start"))
    await client.click(messages.last_message(), button("Shops"))
    for typed in ("Shop assistant", "Amina"):
        await client.send(typed)
    for _ in range(3):  # phone, e-mail, city
        await client.click(messages.last_message(), button("Skip ➡"))
    assert "Experience." in messages.last_message().text
    await client.click(messages.last_message(), button("🏠 Menu"))
    await client.click(messages.last_message(), button("📄 My CV"))
    assert "▶ Start" not in str(messages.last_message().reply_markup)
    await client.click(messages.last_message(), button("▶ Continue where I stopped"))
    assert "Experience." in messages.last_message().text
