"""She asks for a person and talks with a mediator through the real bot; several simulated accounts.

Neither side learns the other's account: messages are copied, never forwarded, and the mediator appears
under an alias. After closing, nothing of the conversation remains in the database.
"""

import asyncio
import re
import sqlite3

from bot.i18n import RLM, first_strong_rtl
from bot.relay import HANDED_TO_YOU, NOBODY_FREE, TAKEN_BY_OTHER, URGENT_LINE, YOU_TOOK
from tests.e2e.steps import onboard, tr
from tests.e2e.test_bad_input import ODD_MESSAGES

HER = 9191001
MARIAM, JEAN, NADIA = 9292001, 9292002, 9292003  # mediators
STRANGER = 9393001
PHOTO = {"photo": [{"file_id": "PHOTO1", "file_unique_id": "p1", "width": 800, "height": 600}]}
VOICE = {"voice": {"file_id": "VOICE1", "file_unique_id": "v1", "duration": 7}}
SECRET = "Contract-question-4471"  # her words: never in the database


def plain(text: str) -> str:
    """Without the invisible direction marks around names and codes in right-to-left text."""
    return text.translate(str.maketrans("", "", "\u2068\u2069\u200f"))


def part(message: str, language: str) -> str:
    """The longest fixed piece of a translated message with placeholders, to find it on a screen."""
    return max(re.split(r"\{\w+\}", tr(message, language)), key=len).strip()


def rows(sqlite_url: str, table: str) -> int:
    with sqlite3.connect(sqlite_url.split("///")[1]) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names


def database_bytes(sqlite_url: str) -> bytes:
    path = sqlite_url.split("///")[1]
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "rb") as handle:
        return handle.read()


async def add_mediator(bot_process, user_id: int, alias: str, languages: str, woman: bool = False) -> None:
    args = ["staff", "add", str(user_id), "--role", "mediator", "--languages", languages, "--alias", alias]
    await bot_process.cli(*args, *(["--woman"] if woman else []))


async def ask_for_a_person(her, language: str, topic: str, woman: bool, first: str | None):
    await her.press_when(tr("🙋 Talk to a person", language))
    await her.press_when(tr(topic, language))
    await her.press_when(f"✓ {'العربية' if language == 'ar' else 'Français' if language == 'fr' else 'English'}")
    await her.press_when(tr("Yes, a woman" if woman else "It does not matter", language))
    if first is None:
        await her.press_when(tr("Send without a message ➡", language))
    else:
        await her.wait_for(lambda m: True, with_button=tr("Send without a message ➡", language))
        await her.send(first)
    return await her.wait_for(tr("Write here: I pass on what you send, without your name or account.", language))


def anonymous(fake_api, *people) -> None:
    """No forwarding at all, and no text on either side names the other's account."""
    assert fake_api.calls_for("forwardMessage") == []
    for person in people:
        for other in people:
            if other is person:
                continue
            for text in person.bot_texts():
                assert str(other.id) not in text and other.first_name not in text, text


async def test_arabic_woman_mediator_contract_with_photo_and_voice_leaves_nothing(fake_api, bot_process, sqlite_url):
    her = fake_api.user(HER, first_name="Amal", language_code="ar")
    mariam = fake_api.user(MARIAM, first_name="MariamPrivate", language_code="ar")
    jean = fake_api.user(JEAN, first_name="JeanPrivate", language_code="fr")
    await add_mediator(bot_process, MARIAM, "Mariam", "ar,fr", woman=True)
    await add_mediator(bot_process, JEAN, "Jean", "fr")

    await onboard(her, "ar", "العربية")
    chat = await ask_for_a_person(her, "ar", "A contract", woman=True, first=SECRET)
    code = next(word for word in plain(chat["text"]).replace(".", " ").split() if word.isupper() and len(word) == 5)

    # Routing by language and her wish for a woman: Mariam is told, Jean is not.
    offer = await mariam.wait_for(code, with_button=tr("✋ Take", "ar"))  # in a language she speaks
    assert tr("Topic: {topic}", "ar").format(topic=tr("A contract", "ar")) in plain(offer["text"])
    assert tr("She asks for a woman.", "ar") in offer["text"]
    await asyncio.sleep(0.3)
    assert not any(code in text for text in jean.bot_texts())

    await mariam.press(tr("✋ Take", "ar"), message=offer)
    await mariam.wait_for(part(YOU_TOOK, "ar"))
    await her.wait_for(tr("{alias} is here and will answer you.", "ar").replace("{alias}", "Mariam"))
    first = await mariam.wait_for(SECRET)  # her first message, copied once someone took the request
    assert code in mariam.bot_texts()[-2] or code in first["text"]

    # A photo of the contract from her, a reply and a voice note from Mariam, a voice note from her.
    await her.send_content(**PHOTO)
    photo = await mariam.wait_for(lambda m: m["kind"] == "photo")
    assert code in photo["text"]  # the caption names the request, not her
    await mariam.send_content(text="شكرا، سأقرأ العقد الآن", reply_to_message=photo["message"])
    answer = await her.wait_for("سأقرأ العقد")
    # Signed with her alias, and laid out right to left although the alias is Latin (RLM first).
    assert answer["text"].startswith(RLM + "Mariam") and first_strong_rtl(answer["text"])
    await mariam.send_content(**VOICE)
    voice = await her.wait_for(lambda m: m["kind"] == "voice")
    assert voice["text"].startswith(RLM + "Mariam")  # no words: her language decides the direction
    await her.send_content(**VOICE)
    await mariam.wait_for(lambda m: m["kind"] == "voice" and code in m["text"])
    anonymous(fake_api, her, mariam)

    # She closes; Mariam is told; nothing of the conversation remains.
    await her.press_when(tr("✔ Close the conversation", "ar"))
    await her.wait_for(tr("Was this helpful? One tap, only counted.", "ar"))
    await mariam.wait_for(tr("{code}: she closed the conversation.", "ar").format(code=code))
    for table in ("help_request", "relay_link", "request_offer", "transcript_line", "person"):
        assert rows(sqlite_url, table) == 0, table
    data = database_bytes(sqlite_url)
    for secret in (SECRET.encode(), "سأقرأ".encode(), b"PHOTO1", str(HER).encode()):
        assert secret not in data
    audit = await bot_process.cli("audit")
    assert f"take  {code}" in audit and "closed by her" in audit


async def test_two_take_at_once_one_wins_then_hand_over_and_close_with_feedback(fake_api, bot_process, sqlite_url):
    her = fake_api.user(HER + 1, first_name="Rose", language_code="fr")
    jean = fake_api.user(JEAN, first_name="JeanPrivate", language_code="fr")
    nadia = fake_api.user(NADIA, first_name="NadiaPrivate", language_code="fr")
    await add_mediator(bot_process, JEAN, "Jean", "fr")
    await add_mediator(bot_process, NADIA, "Nadia", "fr", woman=True)
    await onboard(her, "fr", "Français")
    await ask_for_a_person(her, "fr", "My CV", woman=False, first=None)
    take = tr("✋ Take", "fr")
    offers = [await person.wait_for(part("New request {code}", "fr"), with_button=take) for person in (jean, nadia)]

    # Both press at the same moment: exactly one gets it.
    await asyncio.gather(jean.press(take, message=offers[0]), nadia.press(take, message=offers[1]))
    await her.wait_for(lambda m: "Jean" in m["text"] or "Nadia" in m["text"])
    await asyncio.sleep(0.5)
    you_took = part(YOU_TOOK, "fr")
    taken = part(TAKEN_BY_OTHER, "fr")
    took = [person for person in (jean, nadia) if any(you_took in text for text in person.bot_texts())]
    lost = [person for person in (jean, nadia) if any(taken in text for text in person.bot_texts())]
    assert len(took) == 1 and len(lost) == 1
    winner, other = took[0], lost[0]
    other_alias = "Nadia" if other is nadia else "Jean"

    sent = await her.send("Bonjour, pouvez-vous relire mon CV ?")
    await winner.wait_for("relire mon CV", after=None)
    # Hand over to the other mediator; she is told who goes on with her.
    await winner.press_when(tr("↪ Hand over", "fr"))
    await winner.press_when(f"{other_alias} (fr)")
    await other.wait_for(part(HANDED_TO_YOU, "fr"), with_button=tr("✔ Close", "fr"))
    await her.wait_for(tr("{alias} will go on with you.", "fr").replace("{alias}", other_alias), after=sent)
    # The new mediator answers without replying to anything: the current conversation is this one.
    await other.send("Oui, envoyez-le moi.")
    await her.wait_for("envoyez-le moi")

    await other.press_when(tr("✔ Close", "fr"))
    closed = await her.wait_for(
        tr("Was this helpful? One tap, only counted.", "fr"), with_button=tr("👍 Helpful", "fr")
    )
    await her.press(tr("👍 Helpful", "fr"), message=closed)
    await asyncio.sleep(0.5)
    assert "feedback: helpful 1, not helpful 0" in await bot_process.cli("audit")
    assert rows(sqlite_url, "help_request") == 0
    anonymous(fake_api, her, jean, nadia)


async def test_urgent_request_reannounced_then_nobody_free_forged_take_and_a_restart(fake_api, make_bot, sqlite_url):
    bot = await make_bot(
        sqlite_url, TALK_REANNOUNCE_MINUTES="0.03", TALK_NOBODY_FREE_MINUTES="0.1", TALK_CHECK_SECONDS="0.5"
    )
    her = fake_api.user(HER + 2, first_name="Lina", language_code="ar")
    jean = fake_api.user(JEAN, first_name="JeanPrivate", language_code="fr")
    stranger = fake_api.user(STRANGER, first_name="Stranger", language_code="en")
    await add_mediator(bot, JEAN, "Jean", "fr")
    await onboard(her, "ar", "العربية")
    await her.press_when(tr("🙋 Talk to a person", "ar"))
    await her.press_when("🆘 " + tr("I am not safe right now", "ar"))
    safety = await her.wait_for("112")  # at once, before anything else
    assert tr("I have also asked a person to answer you here now, before anyone else.", "ar") in safety["text"]

    # Nobody speaks Arabic: an urgent request goes to every mediator, marked.
    offer = await jean.wait_for(part(URGENT_LINE, "fr"), with_button=tr("✋ Take", "fr"))
    # Not taken: announced again to everyone, then she is told honestly, with the numbers again.
    await jean.wait_for(part("⏰ Still waiting for someone:", "fr"), timeout=15)
    nobody = await her.wait_for(tr(NOBODY_FREE, "ar")[:20], timeout=15)
    assert "112" in nobody["text"]

    # Someone who is not staff sends the Take button's data: nothing happens, and it is recorded.
    take_data = next(b["callback_data"] for row in offer["reply_markup"] for b in row)
    await stranger.send("/start")
    await stranger.wait_for("Choose your language.")
    await stranger.press_data(take_data, offer["message_id"])
    await asyncio.sleep(0.5)
    assert rows(sqlite_url, "help_request") == 1
    assert not any("is here" in text for text in her.bot_texts())
    assert "not staff" in await bot.cli("audit")

    # A restart keeps the open request and its routing: the old Take button still works.
    await bot.restart(fake_api)
    await jean.press(tr("✋ Take", "fr"), message=offer)
    await jean.wait_for(part(YOU_TOOK, "fr"))
    await her.wait_for(tr("{alias} is here and will answer you.", "ar").replace("{alias}", "Jean"))


async def test_quick_exit_pauses_the_conversation_until_she_writes_again(fake_api, bot_process, sqlite_url):
    her = fake_api.user(HER + 3, first_name="Sara", language_code="en")
    mariam = fake_api.user(MARIAM, first_name="MariamPrivate", language_code="en")
    await add_mediator(bot_process, MARIAM, "Mariam", "en", woman=True)
    await onboard(her)
    await ask_for_a_person(her, "en", "Looking for work", woman=False, first="Hello")
    await mariam.press_when("✋ Take")
    await her.wait_for("Mariam is here and will answer you.")
    await mariam.wait_for("Hello")

    await her.press_when("✖ Exit")
    await her.wait_for("Send /start to begin.")
    await mariam.wait_for("she left for now")
    assert not any("Mariam" in text for text in her.bot_texts())  # her side is wiped
    sent = await mariam.send("Are you there?")
    await mariam.wait_for("is paused: your message was not sent.", after=sent)
    await asyncio.sleep(0.3)
    assert not any("Are you there?" in text for text in her.bot_texts())

    await her.send("I am back, sorry")
    await mariam.wait_for("she is back.")
    await mariam.wait_for("I am back, sorry")
    await mariam.send("No problem.")
    await her.wait_for("No problem.")


async def test_long_messages_429_a_removed_mediator_and_a_blocked_bot(fake_api, make_bot, sqlite_url):
    bot = await make_bot(sqlite_url, TALK_CHECK_SECONDS="0.5")
    her = fake_api.user(HER + 4, first_name="Joy", language_code="en")
    jean = fake_api.user(JEAN, first_name="JeanPrivate", language_code="en")
    nadia = fake_api.user(NADIA, first_name="NadiaPrivate", language_code="en")
    await add_mediator(bot, JEAN, "Jean", "en")
    await onboard(her)
    await ask_for_a_person(her, "en", "Documents and permits", woman=False, first=None)
    await jean.press_when("✋ Take")
    await her.wait_for("Jean is here and will answer you.")

    # A very long message arrives whole, in two parts; a 429 on the way is waited out, and order is kept.
    fake_api.fail_next("sendMessage", 429, retry_after=1, chat_id=JEAN)
    await her.send("A" * 4000 + " END-OF-LONG")
    await her.send("second message")
    await jean.wait_for("second message", timeout=15)
    texts = [text for text in jean.bot_texts() if "AAAA" in text or "END-OF-LONG" in text or "second" in text]
    assert "END-OF-LONG" in "".join(texts[:-1]) and texts[-1].endswith("second message")
    # Something Telegram cannot pass on gets a short explanation.
    poll = next(content for content in ODD_MESSAGES if "poll" in content)
    sent = await her.send_content(**poll)
    await her.wait_for("This kind of message cannot be passed on.", after=sent)

    # Nadia joins through a one-time invite link; a second use of it is refused.
    invite = await bot.cli("staff", "invite", "--role", "mediator", "--languages", "en", "--alias", "Nadia")
    code = re.search(r"staff_[\w-]+", invite).group(0)
    await nadia.send(f"/start {code}")
    await nadia.wait_for("You are now staff of this bot (mediator).")
    stranger = fake_api.user(STRANGER, first_name="Stranger", language_code="en")
    sent = await stranger.send(f"/start {code}")
    await stranger.wait_for("This link is no longer valid.", after=sent)
    assert "staff" not in " ".join(stranger.bot_texts()).lower()

    # Jean is removed from staff mid-conversation: back to the queue, she is told, Nadia can take it.
    staff = await bot.cli("staff", "list")
    jean_number = next(line.split()[0].lstrip("#") for line in staff.splitlines() if "Jean" in line)
    await bot.cli("staff", "remove", jean_number)
    await her.wait_for("The person you were talking with had to stop.", timeout=15)
    await nadia.press_when("✋ Take", timeout=15)
    await her.wait_for("Nadia is here and will answer you.")

    # She blocks the bot: the request closes and Nadia is told.
    fake_api.fail_next("sendMessage", 403, chat_id=HER + 4, times=5)
    await nadia.send("Are you still there?")
    await nadia.wait_for("she can no longer receive messages. The request is closed.")
    assert rows(sqlite_url, "help_request") == 0
