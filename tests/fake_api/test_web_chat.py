"""The sandbox's web chat over the emulator: what the page receives and what its buttons do (no browser)."""

import asyncio
import json

import aiohttp
import pytest

from bot.sandbox.bot_api import FakeBotAPI
from bot.sandbox.web import Account, WebChat, safe_html

TOKEN = "100000:sandbox"


@pytest.fixture
async def sandbox():
    moves: list[float] = []
    api = FakeBotAPI(schema_path=None)
    people = [
        Account("her", 5001, "Woman", "Amina", "ar"),
        Account("mediator", 6001, "Mediator", "Sami", "en", "mediator"),
    ]
    chat = WebChat(api, people, on_clock=moves.append)
    await api.start(extend=chat.install)
    async with aiohttp.ClientSession(api.url) as http:
        yield api, http, moves
    await api.stop()


async def first_event(http, key: str) -> dict:
    async with http.get(f"/api/chats/{key}/events") as response:
        async for line in response.content:
            if line.startswith(b"data: "):
                return json.loads(line[6:])
    raise AssertionError("no event")


def test_only_telegrams_tags_stay_formatting():
    assert safe_html("<b>Hi</b> <i>there</i>") == "<b>Hi</b> <i>there</i>"
    assert safe_html("<script>alert(1)</script><img src=x onerror=alert(1)>") == (
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    )
    assert safe_html('<a href="https://example.org">x</a>') == '<a href="https://example.org">x</a>'
    assert safe_html('<a href="javascript:alert(1)">x</a>').startswith("&lt;a")


async def test_what_she_types_reaches_the_bot_as_her_update_with_her_app_language(sandbox):
    api, http, _ = sandbox
    async with http.post("/api/chats/her/send", json={"text": "/start"}) as response:
        assert response.status == 200
    update = api._updates[-1]["message"]
    assert update["text"] == "/start" and update["from"]["language_code"] == "ar"
    assert update["entities"][0]["type"] == "bot_command"
    async with http.post("/api/chats/her/send", json={"text": "   "}) as response:
        assert response.status == 400


async def test_a_bot_message_arrives_formatted_and_its_edit_arrives_live(sandbox):
    api, http, _ = sandbox
    async with http.post(f"/bot{TOKEN}/sendMessage", json={
        "chat_id": 5001, "text": "<b>مرحبا</b> & <i>hello</i>", "parse_mode": "HTML",
        "reply_markup": {"inline_keyboard": [[{"text": "✖ خروج", "callback_data": "qx"}]]},
    }) as response:  # fmt: skip
        sent = (await response.json())["result"]
    state = await first_event(http, "her")
    (message,) = state["messages"]
    assert message["html"] == "<b>مرحبا</b> & <i>hello</i>" and message["from_bot"]
    assert message["buttons"] == [[{"text": "✖ خروج", "data": "qx", "url": None}]]

    async with http.get("/api/chats/her/events") as stream:
        seen = []

        async def read():
            async for line in stream.content:
                if line.startswith(b"data: "):
                    seen.append(json.loads(line[6:]))
                    if len(seen) == 2:
                        return

        reader = asyncio.create_task(read())
        await asyncio.sleep(0.2)
        await http.post(f"/bot{TOKEN}/editMessageText", json={
            "chat_id": 5001, "message_id": sent["message_id"], "text": "<b>تم</b>", "parse_mode": "HTML",
        })  # fmt: skip
        await asyncio.wait_for(reader, 5)
    assert seen[1]["messages"][0]["html"] == "<b>تم</b>" and seen[1]["messages"][0]["edited"]


async def test_pressing_a_button_sends_its_callback_and_a_deleted_chat_is_empty(sandbox):
    api, http, _ = sandbox
    async with http.post(f"/bot{TOKEN}/sendMessage", json={
        "chat_id": 5001, "text": "menu", "reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]},
    }) as response:  # fmt: skip
        sent = (await response.json())["result"]
    await http.post("/api/chats/her/press", json={"message_id": sent["message_id"], "data": "go"})
    assert api._updates[-1]["callback_query"]["data"] == "go"
    await http.post(f"/bot{TOKEN}/deleteMessages", json={"chat_id": 5001, "message_ids": [sent["message_id"]]})
    assert (await first_event(http, "her"))["messages"] == []


async def test_her_photo_and_voice_reach_the_bot_and_the_bots_document_downloads(sandbox):
    api, http, _ = sandbox
    form = aiohttp.FormData()
    form.add_field("kind", "photo")
    form.add_field("file", b"\x89PNG fake", filename="contract.png")
    async with http.post("/api/chats/her/upload", data=form) as response:
        assert response.status == 200
    photo = api._updates[-1]["message"]["photo"][-1]
    async with http.post(f"/bot{TOKEN}/getFile", json={"file_id": photo["file_id"]}) as response:
        path = (await response.json())["result"]["file_path"]
    async with http.get(f"/file/bot{TOKEN}/{path}") as response:
        assert await response.read() == b"\x89PNG fake"

    form = aiohttp.FormData()
    form.add_field("kind", "voice")
    form.add_field("file", b"OggS voice", filename="voice.ogg")
    await http.post("/api/chats/her/upload", data=form)
    assert "voice" in api._updates[-1]["message"]

    form = aiohttp.FormData()
    form.add_field("chat_id", "5001")
    form.add_field("document", b"%PDF-1.7 cv", filename="CV_Amina.pdf")
    async with http.post(f"/bot{TOKEN}/sendDocument", data=form) as response:
        document = (await response.json())["result"]
    state = await first_event(http, "her")
    assert state["messages"][-1]["file"]["name"] == "CV_Amina.pdf"
    async with http.get(f"/api/chats/her/files/{document['message_id']}") as response:
        assert await response.read() == b"%PDF-1.7 cv"
        assert "CV_Amina.pdf" in response.headers["Content-Disposition"]


async def test_the_clock_moves_forward_only(sandbox):
    api, http, moves = sandbox
    before = api.now()
    async with http.post("/api/clock", json={"minutes": 60}) as response:
        assert (await response.json())["ahead_seconds"] == 3600
    assert moves == [3600] and api.now() - before >= 3600
    for bad in ({"minutes": -5}, {"minutes": "soon"}, {"minutes": 10**7}):
        async with http.post("/api/clock", json=bad) as response:
            assert response.status == 400
    assert moves == [3600]


async def test_switching_her_app_language_and_starting_over_as_a_new_woman(sandbox):
    api, http, _ = sandbox
    async with http.post("/api/accounts/her/language", json={"language": "fa-AF"}) as response:
        assert response.status == 200
    await http.post("/api/chats/her/send", json={"text": "/start"})
    first = api._updates[-1]["message"]["from"]
    assert first["language_code"] == "fa-AF"
    await http.post("/api/accounts/her/new", json={})
    await http.post("/api/chats/her/send", json={"text": "/start"})
    assert api._updates[-1]["message"]["from"]["id"] != first["id"]
    async with http.post("/api/accounts/her/language", json={"language": "<script>"}) as response:
        assert response.status == 400
    async with http.post("/api/accounts/mediator/new", json={}) as response:
        assert response.status == 400
