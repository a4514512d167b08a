"""The sandbox's web chat: a page that looks and behaves like a Telegram private chat, over the emulator.

Routes live on the emulator's own aiohttp application (one process, one port, 127.0.0.1 only):
the page and its static files, a server-sent event stream per chat that pushes the whole chat
after every change (edits and deletions included), and small JSON endpoints to type, press a
button, send a file, download what the bot sent, switch accounts and move the clock.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.i18n import catalogues
from bot.sandbox.bot_api import FakeBotAPI, FakeUser

STATIC_DIR = Path(__file__).with_name("static")
# Telegram's HTML: these tags are shown as formatting; anything else is shown as the text it is.
_ALLOWED = re.compile(
    r"</?(b|strong|i|em|u|ins|s|strike|del|code|pre|blockquote|tg-spoiler)>|<a href=\"(https?://|tg://)[^\"<>]*\">|</a>"
)
_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+|<")
_KINDS = {"photo", "voice", "document", "audio", "video"}
REGIONAL_CODES = ("fa-AF", "prs", "zh-CN", "zh-TW", "ti-ER", "pt-BR")
_LIVE_SECONDS = 25  # an idle stream sends a comment this often, so proxies keep it open


def safe_html(text: str) -> str:
    """Telegram's HTML subset kept as formatting; every other tag escaped (the page inserts it as HTML)."""
    return "".join(
        piece if _ALLOWED.fullmatch(piece) or not piece.startswith("<") else html.escape(piece)
        for piece in _TAG_OR_TEXT.findall(text)
    )


@dataclass
class Account:
    key: str
    user_id: int
    label: str
    first_name: str
    language: str
    role: str | None = None  # a staff role set up in the sandbox's database


class WebChat:
    """The accounts a person can act as, and the routes of the page."""

    def __init__(self, api: FakeBotAPI, accounts: list[Account], on_clock: Callable[[float], Any]) -> None:
        self.api = api
        self.accounts = {account.key: account for account in accounts}
        self._on_clock = on_clock

    def user(self, key: str) -> FakeUser:
        account = self.accounts.get(key)
        if account is None:
            raise web.HTTPNotFound(text="no such account")
        user = self.api.user(account.user_id, account.first_name, account.language)
        user.language_code = account.language
        return user

    def install(self, app: web.Application) -> None:
        app.router.add_get("/", self._page)
        app.router.add_static("/static/", STATIC_DIR)
        app.router.add_get("/api/accounts", self._accounts)
        app.router.add_get("/api/languages", self._languages)
        app.router.add_post("/api/accounts/{key}/language", self._set_language)
        app.router.add_post("/api/accounts/{key}/new", self._new_woman)
        app.router.add_get("/api/chats/{key}/events", self._events)
        app.router.add_post("/api/chats/{key}/send", self._send)
        app.router.add_post("/api/chats/{key}/press", self._press)
        app.router.add_post("/api/chats/{key}/upload", self._upload)
        app.router.add_get("/api/chats/{key}/files/{message_id}", self._file)
        app.router.add_get("/api/clock", self._clock)
        app.router.add_post("/api/clock", self._move_clock)

    # The chat as the page shows it ---------------------------------------------------------

    def snapshot(self, key: str) -> dict[str, Any]:
        user = self.user(key)
        chat = user.chat
        messages = []
        for message_id, entry in sorted(chat.messages.items()):
            message = entry["message"]
            if entry["from_bot"]:
                shown = safe_html(entry.get("html") or "")
            else:
                shown = html.escape(message.get("text") or message.get("caption") or "")
            file = entry.get("file")
            messages.append(
                {
                    "id": message_id,
                    "from_bot": entry["from_bot"],
                    "kind": entry["kind"] if entry["from_bot"] else _user_kind(message),
                    "html": shown,
                    "date": message.get("date", 0),
                    "edited": "edit_date" in message,
                    "buttons": [
                        [_button(button) for button in row]
                        for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
                    ],
                    "file": {"name": file[0], "size": len(file[1])} if file else None,
                }
            )
        return {
            "account": key,
            "messages": messages,
            "reply_keyboard": chat.reply_keyboard,
            "clock": self.api.offset_seconds,
        }

    # Handlers ------------------------------------------------------------------------------

    async def _page(self, _request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC_DIR / "index.html")

    async def _accounts(self, _request: web.Request) -> web.Response:
        return web.json_response(
            [{"key": a.key, "label": a.label, "language": a.language, "role": a.role} for a in self.accounts.values()]
        )

    async def _languages(self, _request: web.Request) -> web.Response:
        """Her app language: every language the bot offers, and regional codes to see the fallback work."""
        offered = [{"code": lang.code, "name": lang.native_name} for lang in catalogues().languages]
        regional = [{"code": code, "name": "regional"} for code in REGIONAL_CODES]
        return web.json_response(offered + regional)

    async def _set_language(self, request: web.Request) -> web.Response:
        account = self.accounts.get(request.match_info["key"])
        body = await _json(request)
        language = str(body.get("language", ""))[:12]
        if account is None or not re.fullmatch(r"[a-zA-Z-]{2,12}", language):
            raise web.HTTPBadRequest(text="a language code such as ar or fa-AF")
        account.language = language
        self.user(account.key)
        return web.json_response({"ok": True})

    async def _new_woman(self, request: web.Request) -> web.Response:
        """Start over as a woman who never used the bot (a new Telegram account), same app language."""
        account = self.accounts.get(request.match_info["key"])
        if account is None or account.role is not None:
            raise web.HTTPBadRequest(text="only the woman's account can start over")
        account.user_id += 1000
        self.user(account.key)
        await self.api.notify()
        return web.json_response({"ok": True})

    async def _events(self, request: web.Request) -> web.StreamResponse:
        key = request.match_info["key"]
        self.user(key)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await response.prepare(request)
        last = None
        version = -1
        while True:
            version = await self.api.changed_since(version, _LIVE_SECONDS)
            state = json.dumps(self.snapshot(key), ensure_ascii=False)
            try:
                if state != last:
                    await response.write(f"data: {state}\n\n".encode())
                    last = state
                else:
                    await response.write(b": still here\n\n")
            except (ConnectionResetError, RuntimeError):
                return response
            if self.api.stopping:
                return response

    async def _send(self, request: web.Request) -> web.Response:
        body = await _json(request)
        text = str(body.get("text", ""))
        if not text.strip():
            raise web.HTTPBadRequest(text="nothing to send")
        await self.user(request.match_info["key"]).send(text[:4096])
        return web.json_response({"ok": True})

    async def _press(self, request: web.Request) -> web.Response:
        body = await _json(request)
        user = self.user(request.match_info["key"])
        try:
            message_id = int(body["message_id"])
            data = str(body["data"])
        except (KeyError, TypeError, ValueError):
            raise web.HTTPBadRequest(text="message_id and data") from None
        await user.press_data(data, message_id)
        return web.json_response({"ok": True})

    async def _upload(self, request: web.Request) -> web.Response:
        user = self.user(request.match_info["key"])
        reader = await request.multipart()
        kind, caption, name, data = "document", "", "file", b""
        async for part in reader:
            if part.name == "kind":
                kind = (await part.text()).strip()
            elif part.name == "caption":
                caption = (await part.text())[:1024]
            elif part.name == "file":
                name, data = part.filename or "file", await part.read()
        if kind not in _KINDS or not data:
            raise web.HTTPBadRequest(text="a file, and a kind: photo, voice, document, audio or video")
        file_obj = self.api.add_file(name, data)
        if kind == "photo":
            content: dict[str, Any] = {"photo": [file_obj | {"width": 800, "height": 600}]}
        elif kind == "document":
            content = {"document": file_obj | {"file_name": name}}
        else:
            content = {kind: file_obj | {"duration": 1}}
        if caption:
            content["caption"] = caption
        message = await user.send_content(**content)
        user.chat.messages[message["message_id"]]["file"] = (name, data)
        return web.json_response({"ok": True})

    async def _file(self, request: web.Request) -> web.Response:
        user = self.user(request.match_info["key"])
        try:
            entry = user.chat.messages.get(int(request.match_info["message_id"]))
        except ValueError:
            entry = None
        if entry is None or not entry.get("file"):
            raise web.HTTPNotFound(text="no file in this message (it may have been deleted)")
        name, data = entry["file"]
        return web.Response(
            body=data,
            content_type="application/octet-stream",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(name)}"},
        )

    async def _clock(self, _request: web.Request) -> web.Response:
        return web.json_response({"ahead_seconds": self.api.offset_seconds})

    async def _move_clock(self, request: web.Request) -> web.Response:
        body = await _json(request)
        try:
            minutes = float(body.get("minutes", 0))
        except (TypeError, ValueError):
            raise web.HTTPBadRequest(text="minutes: a number") from None
        if not 0 < minutes <= 60 * 24 * 30:
            raise web.HTTPBadRequest(text="forward only, at most 30 days at a time")
        self.api.advance(minutes * 60)
        self._on_clock(self.api.offset_seconds)
        await self.api.notify()
        return web.json_response({"ahead_seconds": self.api.offset_seconds})


def _button(button: dict[str, Any]) -> dict[str, Any]:
    return {"text": button.get("text", ""), "data": button.get("callback_data"), "url": button.get("url")}


def _user_kind(message: dict[str, Any]) -> str:
    return next((kind for kind in (*_KINDS, "sticker", "location", "contact") if kind in message), "text")


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="a JSON body") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="a JSON object")
    return body
