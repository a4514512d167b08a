"""A local Bot API emulator: the end-to-end tests and `python -m bot sandbox` both run it.

Serves `/bot{token}/{method}` on 127.0.0.1 like the real server, checks every call
against the official schema (`../shared/telegram-bot-api/api.json`, when present),
keeps what each chat shows (edits and deletions applied), and lets tests act as
a person would: send text, press a button by its label, read the screen.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "shared" / "telegram-bot-api" / "api.json"
BOT_USER = {"id": 100000, "is_bot": True, "first_name": "Jobsteps", "username": "jobsteps_test_bot"}
DELETABLE_SECONDS = 48 * 3600
_TAG = re.compile(r"<[^>]+>")


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


_BIDI_MARKS = str.maketrans("", "", "\u2068\u2069\u200f")


def _unmarked(text: str) -> str:
    """Text as a person reads it: without the invisible direction marks around names and numbers."""
    return text.translate(_BIDI_MARKS)


def _label(button: Any) -> str:
    return button if isinstance(button, str) else str(button.get("text", ""))


def _visible_length(text: str, parse_mode: str | None) -> int:
    if parse_mode == "HTML":
        text = html.unescape(_TAG.sub("", text))
    return len(text.strip())


@dataclass
class Injected:
    method: str
    code: int
    description: str
    retry_after: int | None
    times: int
    chat_id: int | None


@dataclass
class Chat:
    id: int
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 1
    reply_keyboard: list[list[str]] | None = None  # the keyboard under the input field, if the bot set one


class FakeBotAPI:
    def __init__(self, schema_path: Path | None = SCHEMA_PATH) -> None:
        self.schema = self._load_schema(schema_path)
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.schema_violations: list[str] = []
        self.chats: dict[int, Chat] = {}
        self.answered_callbacks: list[dict[str, Any]] = []
        self.tokens: set[str] = set()
        self.offset_seconds = 0.0
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._injected: list[Injected] = []
        self._delays: dict[str, float] = {}
        self._users: dict[int, FakeUser] = {}
        self._stopping = False
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.version = 0  # grows with every change, so a viewer knows when to look again
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (name, bytes), for getFile and downloads

    # Lifecycle -------------------------------------------------------------------------

    @staticmethod
    def _load_schema(path: Path | None) -> dict[str, dict[str, dict]] | None:
        if path is None or not path.exists():
            return None
        methods = json.loads(path.read_text())["methods"]
        return {name: {f["name"]: f for f in m.get("fields", [])} for name, m in methods.items()}

    async def start(
        self, host: str = "127.0.0.1", port: int = 0, extend: Callable[[web.Application], None] | None = None
    ) -> FakeBotAPI:
        """Serve on `host:port` (0: any free port); `extend` may add routes, e.g. the sandbox's web chat."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path}", self._download)
        if extend is not None:
            extend(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        self._stopping = True
        await self._notify()
        await self._stop_webhook_delivery()
        if self._runner:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeBotAPI:
        return await self.start()

    async def __aexit__(self, *_exc) -> None:
        await self.stop()

    # Test controls ---------------------------------------------------------------------

    def now(self) -> int:
        return int(time.time() + self.offset_seconds)

    def advance(self, seconds: float) -> None:
        self.offset_seconds += seconds

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str = "",
        *,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        default = {
            403: "Forbidden: bot was blocked by the user",
            429: "Too Many Requests: retry later",
            500: "Internal Server Error",
            502: "Bad Gateway",
        }.get(error_code, "Bad Request")
        self._injected.append(Injected(method, error_code, description or default, retry_after, times, chat_id))

    def rate_limit(self, per_second: float = 30.0, per_chat_seconds: float = 1.0) -> None:
        """Answer 429 as Telegram does when messages come faster than it allows (overall and per chat)."""
        self._limits = (per_second, per_chat_seconds)
        self._sent_at: list[float] = []
        self._chat_sent_at: dict[str, float] = {}
        self.rate_limited = 0

    _SENDING = ("sendMessage", "copyMessage", "sendDocument", "sendPhoto", "sendVoice", "sendVideo", "sendAudio")

    def _enforce_rate_limit(self, method: str, params: dict[str, Any]) -> None:
        limits = getattr(self, "_limits", None)
        if limits is None or method not in self._SENDING:
            return
        per_second, per_chat = limits
        now = time.monotonic()
        self._sent_at = [moment for moment in self._sent_at if now - moment < 1.0]
        chat = str(params.get("chat_id"))
        # A little slack, as Telegram allows short bursts.
        if len(self._sent_at) >= per_second * 1.1 or now - self._chat_sent_at.get(chat, -1e9) < per_chat * 0.9:
            self.rate_limited += 1
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        self._sent_at.append(now)
        self._chat_sent_at[chat] = now

    def delay_next(self, method: str, seconds: float) -> None:
        self._delays[method] = seconds

    def calls_for(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    def user(self, user_id: int, first_name: str = "Test", language_code: str | None = "en") -> FakeUser:
        if user_id not in self._users:
            self._users[user_id] = FakeUser(self, user_id, first_name, language_code)
        return self._users[user_id]

    def chat(self, chat_id: int) -> Chat:
        return self.chats.setdefault(chat_id, Chat(chat_id))

    async def queue_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **payload}
        if self.webhook:
            self._deliver(update)
        else:
            self._updates.append(update)
        await self._notify()
        return update

    async def _notify(self) -> None:
        self.version += 1
        async with self._changed:
            self._changed.notify_all()

    async def notify(self) -> None:
        """Tell whoever waits (tests, the sandbox's web chat) that something changed."""
        await self._notify()

    @property
    def stopping(self) -> bool:
        return self._stopping

    async def changed_since(self, version: int, timeout: float) -> int:
        """Wait until something changes after `version` (or `timeout` passes); the current version."""
        try:
            await asyncio.wait_for(self._wait_for(lambda: self.version != version or self._stopping), timeout)
        except TimeoutError:
            pass
        return self.version

    def add_file(self, name: str, data: bytes) -> dict[str, Any]:
        """Keep a file a person sends; the File object Telegram would give for it."""
        file_id = f"F{len(self.files) + 1}u"
        self.files[file_id] = (name, data)
        return {"file_id": file_id, "file_unique_id": f"U{file_id}", "file_size": len(data)}

    async def wait_until(self, predicate: Callable[[], Any], timeout: float, describe: Callable[[], str]):
        async def _wait():
            async with self._changed:
                while True:
                    result = predicate()
                    if result:
                        return result
                    await self._changed.wait()

        try:
            return await asyncio.wait_for(_wait(), timeout)
        except TimeoutError:
            raise AssertionError(describe()) from None

    # HTTP ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.tokens.add(request.match_info["token"])
        params, files = await self._read_params(request)
        if files and not any(str(v).startswith("attach://") for v in params.values()):
            # A file sent directly under its parameter's name.
            params.update({name: f"attach://{name}" for name in files})
        try:
            if self.schema is not None and method not in self.schema:
                return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
            self.calls.append((method, params))
            self._validate(method, params)
            await self._held(request, method, params)
            delay = self._delays.pop(method, 0)
            if delay:
                await asyncio.sleep(delay)
            self._maybe_fail(method, params)
            self._enforce_rate_limit(method, params)
            handler = getattr(self, f"_m_{method}", None)
            result = await handler(params, files) if handler else True
            return web.json_response({"ok": True, "result": result})
        except ApiError as error:
            body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            return web.json_response(body, status=error.code)
        finally:
            await self._notify()

    async def _read_params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
        params: dict[str, Any] = {}
        files: dict[str, tuple[str, bytes]] = {}
        if request.content_type == "multipart/form-data":
            reader = await request.multipart()
            async for part in reader:
                if part.filename:
                    files[part.name] = (part.filename, await part.read())
                else:
                    params[part.name] = await part.text()
        elif request.content_type == "application/json":
            params = await request.json()
        else:
            params = dict(await request.post()) if request.can_read_body else dict(request.query)
        for key, value in list(params.items()):
            if isinstance(value, str) and value[:1] in "[{":
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    pass
        return params, files

    def _validate(self, method: str, params: dict[str, Any]) -> None:
        if self.schema is not None:
            fields = self.schema[method]
            problems = [f"unknown parameter {p}" for p in params if p not in fields]
            problems += [f"missing {name}" for name, f in fields.items() if f.get("required") and name not in params]
            if problems:
                message = f"{method}: {', '.join(problems)}"
                self.schema_violations.append(message)
                raise ApiError(400, f"Bad Request: {message}")
        # Telegram's own limits hold with or without the schema file next to the checkout.
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    def _maybe_fail(self, method: str, params: dict[str, Any]) -> None:
        for injected in self._injected:
            if injected.method != method or injected.times <= 0:
                continue
            if injected.chat_id is not None and str(params.get("chat_id")) != str(injected.chat_id):
                continue
            injected.times -= 1
            raise ApiError(injected.code, injected.description, injected.retry_after)

    # Methods ---------------------------------------------------------------------------

    async def _m_getMe(self, _p, _f):
        return BOT_USER | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, params, _f):
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

        def ready():
            return self._stopping or [u for u in self._updates if u["update_id"] >= offset]

        try:
            await asyncio.wait_for(self._wait_for(ready), timeout)
        except TimeoutError:
            pass
        return [u for u in self._updates if u["update_id"] >= offset][:limit]

    async def _wait_for(self, predicate):
        async with self._changed:
            while not predicate():
                await self._changed.wait()

    def _chat_obj(self, chat_id: int) -> dict[str, Any]:
        user = self._users.get(chat_id)
        if user is not None:
            return {"id": chat_id, "type": "private", "first_name": user.first_name}
        return {"id": chat_id, "type": "private", "first_name": "Someone"}

    def _store_bot_message(self, params: dict[str, Any], kind: str, html_text: str = "", **content) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        chat = self.chat(chat_id)
        message = {
            "message_id": chat.next_id,
            "date": self.now(),
            "chat": self._chat_obj(chat_id),
            "from": BOT_USER,
            **content,
        }
        chat.next_id += 1
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        elif isinstance(markup, dict) and "keyboard" in markup:
            chat.reply_keyboard = [[_label(button) for button in row] for row in markup["keyboard"]]
        elif isinstance(markup, dict) and markup.get("remove_keyboard"):
            chat.reply_keyboard = None
        chat.messages[message["message_id"]] = {
            "message": message,
            "from_bot": True,
            "kind": kind,
            "protect_content": bool(params.get("protect_content")),
            "parse_mode": params.get("parse_mode"),
            "html": html_text,
        }
        return message

    async def _m_sendMessage(self, params, _f):
        text = str(params.get("text", ""))
        length = _visible_length(text, params.get("parse_mode"))
        if length == 0:
            raise ApiError(400, "Bad Request: message text is empty")
        if length > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        html_mode = params.get("parse_mode") == "HTML"
        return self._store_bot_message(
            params,
            "text",
            html_text=text if html_mode else html.escape(text),
            text=html.unescape(_TAG.sub("", text)) if html_mode else text,
        )

    async def _send_file(self, params, files, kind: str):
        reference = str(params.get(kind, ""))
        attached = reference.removeprefix("attach://")
        filename, data = files.get(attached) or files.get(kind) or (reference, b"")
        content: dict[str, Any] = {}
        caption_html = ""
        if params.get("caption"):
            caption = str(params["caption"])
            html_mode = params.get("parse_mode") == "HTML"
            content["caption"] = html.unescape(_TAG.sub("", caption)) if html_mode else caption
            caption_html = caption if html_mode else html.escape(caption)
        file_obj = {"file_id": f"F{len(self.calls)}", "file_unique_id": f"U{len(self.calls)}"}
        if kind == "photo":
            content["photo"] = [file_obj | {"width": 1, "height": 1}]
        elif kind == "document":
            content["document"] = file_obj | {"file_name": filename, "file_size": len(data)}
        else:
            content[kind] = file_obj | {"duration": 1} if kind in ("voice", "video", "audio") else file_obj
        message = self._store_bot_message(params, kind, html_text=caption_html, **content)
        self.chat(int(params["chat_id"])).messages[message["message_id"]]["file"] = (filename, data)
        return message

    async def _m_sendDocument(self, p, f):
        return await self._send_file(p, f, "document")

    async def _m_sendPhoto(self, p, f):
        return await self._send_file(p, f, "photo")

    async def _m_sendVoice(self, p, f):
        return await self._send_file(p, f, "voice")

    async def _m_sendVideo(self, p, f):
        return await self._send_file(p, f, "video")

    async def _m_sendAudio(self, p, f):
        return await self._send_file(p, f, "audio")

    _COPIED_FIELDS = ("text", "entities", "photo", "voice", "video", "video_note", "audio", "document", "sticker",
                      "animation", "location", "contact", "caption")  # fmt: skip
    _CAPTIONED = ("photo", "voice", "video", "audio", "document", "animation")

    async def _m_copyMessage(self, params, _f):
        """A copy, as Telegram makes it: the content without its origin; the caption may be replaced."""
        source_chat = self.chats.get(int(params["from_chat_id"]))
        entry = source_chat.messages.get(int(params["message_id"])) if source_chat else None
        if entry is None:
            raise ApiError(400, "Bad Request: message to copy not found")
        source = entry["message"]
        content = {key: source[key] for key in self._COPIED_FIELDS if key in source}
        kind = next(
            (key for key in (*self._CAPTIONED, "sticker", "video_note", "location", "contact") if key in content),
            "text",
        )
        if "caption" in params:
            if kind not in self._CAPTIONED:
                raise ApiError(400, "Bad Request: message can't have a caption")
            caption = str(params["caption"])
            content["caption"] = _TAG.sub("", caption) if params.get("parse_mode") == "HTML" else caption
        if not content:
            raise ApiError(400, "Bad Request: message can't be copied")
        shown = content.get("text") or content.get("caption") or ""
        message = self._store_bot_message(params, kind, html_text=html.escape(shown), **content)
        if "file" in entry:
            self.chat(int(params["chat_id"])).messages[message["message_id"]]["file"] = entry["file"]
        return {"message_id": message["message_id"]}

    def _find(self, params, missing: str) -> dict[str, Any]:
        chat = self.chats.get(int(params["chat_id"]))
        entry = chat.messages.get(int(params["message_id"])) if chat else None
        if entry is None:
            raise ApiError(400, f"Bad Request: {missing}")
        return entry

    async def _m_editMessageText(self, params, _f):
        entry = self._find(params, "message to edit not found")
        message = entry["message"]
        text = str(params.get("text", ""))
        if _visible_length(text, params.get("parse_mode")) == 0:
            raise ApiError(400, "Bad Request: message text is empty")
        shown = _TAG.sub("", text) if params.get("parse_mode") == "HTML" else text
        markup = params.get("reply_markup")
        if shown == message.get("text") and markup == message.get("reply_markup"):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content "
                "and reply markup are exactly the same",
            )
        message["text"] = html.unescape(shown) if params.get("parse_mode") == "HTML" else shown
        entry["html"] = text if params.get("parse_mode") == "HTML" else html.escape(text)
        message["edit_date"] = self.now()
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message

    async def _m_editMessageReplyMarkup(self, params, _f):
        entry = self._find(params, "message to edit not found")
        markup = params.get("reply_markup")
        if markup == entry["message"].get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        if markup:
            entry["message"]["reply_markup"] = markup
        else:
            entry["message"].pop("reply_markup", None)
        return entry["message"]

    async def _m_editMessageCaption(self, params, _f):
        entry = self._find(params, "message to edit not found")
        entry["message"]["caption"] = params.get("caption", "")
        return entry["message"]

    def _delete_one(self, chat_id: int, message_id: int) -> bool:
        chat = self.chats.get(chat_id)
        entry = chat.messages.get(message_id) if chat else None
        if entry is None or self.now() - entry["message"]["date"] >= DELETABLE_SECONDS:
            return False
        del chat.messages[message_id]
        return True

    async def _m_deleteMessage(self, params, _f):
        if not self._delete_one(int(params["chat_id"]), int(params["message_id"])):
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    async def _m_deleteMessages(self, params, _f):
        ids = params.get("message_ids") or []
        if not 1 <= len(ids) <= 100:
            raise ApiError(400, "Bad Request: too many message identifiers specified")
        for message_id in ids:
            self._delete_one(int(params["chat_id"]), int(message_id))
        return True

    async def _m_answerCallbackQuery(self, params, _f):
        self.answered_callbacks.append(params)
        return True

    async def _m_getFile(self, params, _f):
        file_id = str(params.get("file_id", ""))
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"U{file_id}", "file_path": file_id}

    async def _download(self, request: web.Request) -> web.Response:
        name, data = self.files.get(request.match_info["path"], ("", b""))
        if not name:
            raise web.HTTPNotFound()
        return web.Response(body=data)

    async def _m_getChat(self, params, _f):
        return self._chat_obj(int(params["chat_id"])) | {"accent_color_id": 0, "max_reaction_count": 0}

    async def _m_getMyCommands(self, _p, _f):
        return []

    # Webhooks: setWebhook makes the fake POST each update to the webhook (with the secret header) instead of
    # serving getUpdates; `deliver_alternately` puts a load balancer in front of several replicas. ------------

    webhook: dict[str, Any] | None = None
    webhook_deliveries: list[tuple[str, int]]  # (url, update_id) answered 2xx
    webhook_failures = 0  # refused or unreachable attempts (each retried at the next target)

    def deliver_alternately(self, *urls: str) -> None:
        """Deliver to these URLs in turn (whatever URL the bot registered), skipping one that fails."""
        self._targets = list(urls)

    async def _m_setWebhook(self, params, _f):
        self.webhook = {
            "url": params["url"],
            "secret_token": params.get("secret_token"),
            "allowed_updates": params.get("allowed_updates"),
        }
        pending, self._updates = self._updates, []
        for update in pending:
            self._deliver(update)
        return True

    async def _m_deleteWebhook(self, params, _f):
        self.webhook = None
        return True

    async def _m_getWebhookInfo(self, _p, _f):
        return {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(getattr(self, "_chains", {})),
        }

    def _deliver(self, update: dict[str, Any]) -> None:
        if not hasattr(self, "_chains"):
            self._chains: dict[Any, asyncio.Task] = {}
            self._turn = itertools.count()
            self.webhook_deliveries = []
        body = next((v for k, v in update.items() if k != "update_id" and isinstance(v, dict)), {})
        chat = (body.get("from") or {}).get("id", update["update_id"])
        # One chat's updates arrive in order (each waits for the one before); chats are delivered in parallel.
        task = asyncio.create_task(self._post(update, self._chains.get(chat)))
        self._chains[chat] = task
        task.add_done_callback(lambda done, chat=chat: self._chains.get(chat) is done and self._chains.pop(chat))

    async def _post(self, update: dict[str, Any], before: asyncio.Task | None) -> None:
        import aiohttp

        if before is not None:
            await asyncio.wait([before])
        if getattr(self, "_client", None) is None:
            self._client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
        headers = {}
        if self.webhook and self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        while not self._stopping and self.webhook:
            targets = getattr(self, "_targets", None) or [self.webhook["url"]]
            url = targets[next(self._turn) % len(targets)]
            try:
                async with self._client.post(url, json=update, headers=headers) as response:
                    if 200 <= response.status < 300:
                        self.webhook_deliveries.append((url, update["update_id"]))
                        return
            except (aiohttp.ClientError, OSError):
                pass
            self.webhook_failures += 1
            await asyncio.sleep(0.05)

    def hold(self, predicate: Callable[[str, dict[str, Any]], bool]) -> None:
        """Hold the calls `predicate` picks until `release()`; a call whose client went away meanwhile (its
        process was killed) never reaches the chat, as a request that never got to Telegram."""
        self._hold, self._released, self.held = predicate, asyncio.Event(), 0

    def release(self) -> None:
        self._hold = None
        self._released.set()

    async def _held(self, request: web.Request, method: str, params: dict[str, Any]) -> None:
        predicate = getattr(self, "_hold", None)
        if predicate is None or not predicate(method, params):
            return
        self.held += 1
        await self._notify()
        await self._released.wait()
        if request.transport is None or request.transport.is_closing():
            raise ApiError(499, "the client went away before Telegram had the request")

    async def _stop_webhook_delivery(self) -> None:
        if getattr(self, "_released", None) is not None:
            self._released.set()
        for task in list(getattr(self, "_chains", {}).values()):
            task.cancel()
        if getattr(self, "_client", None) is not None:
            await self._client.close()


class FakeUser:
    """One person in a private chat with the bot."""

    def __init__(self, api: FakeBotAPI, user_id: int, first_name: str, language_code: str | None) -> None:
        self.api = api
        self.id = user_id
        self.first_name = first_name
        self.language_code = language_code

    @property
    def chat(self) -> Chat:
        return self.api.chat(self.id)

    def as_user(self) -> dict[str, Any]:
        user = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def _new_message(self, **content) -> dict[str, Any]:
        chat = self.chat
        message = {
            "message_id": chat.next_id,
            "date": self.api.now(),
            "chat": {"id": self.id, "type": "private", "first_name": self.first_name},
            "from": self.as_user(),
            **content,
        }
        chat.next_id += 1
        chat.messages[message["message_id"]] = {"message": message, "from_bot": False, "kind": "user"}
        return message

    async def send(self, text: str) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        message = self._new_message(**content)
        await self.api.queue_update({"message": message})
        return message

    async def send_content(self, **content) -> dict[str, Any]:
        """Any other kind of message: sticker, photo, voice, location, contact, document, poll..."""
        message = self._new_message(**content)
        await self.api.queue_update({"message": message})
        return message

    async def send_raw(self, update: dict[str, Any]) -> dict[str, Any]:
        return await self.api.queue_update(update)

    async def edit(self, message: dict[str, Any], new_text: str) -> None:
        edited = dict(message, text=new_text, edit_date=self.api.now())
        await self.api.queue_update({"edited_message": edited})

    def screen(self) -> list[dict[str, Any]]:
        """What her chat shows now, oldest first, each with `from_bot`, `text` and `reply_markup`."""
        shown = []
        for entry in self.chat.messages.values():
            message = entry["message"]
            shown.append(
                {
                    "message_id": message["message_id"],
                    "from_bot": entry["from_bot"],
                    "kind": entry["kind"],
                    "text": message.get("text") or message.get("caption") or "",
                    "reply_markup": (message.get("reply_markup") or {}).get("inline_keyboard", []),
                    "protect_content": entry.get("protect_content", False),
                    "file": entry.get("file"),
                    "message": message,
                }
            )
        return shown

    def bot_texts(self) -> list[str]:
        return [m["text"] for m in self.screen() if m["from_bot"]]

    def last_bot_message(self) -> dict[str, Any] | None:
        bot_messages = [m for m in self.screen() if m["from_bot"]]
        return bot_messages[-1] if bot_messages else None

    def last_keyboard_message(self) -> dict[str, Any] | None:
        with_keyboard = [m for m in self.screen() if m["from_bot"] and m["reply_markup"]]
        return with_keyboard[-1] if with_keyboard else None

    def buttons(self) -> list[str]:
        message = self.last_keyboard_message()
        return [b["text"] for row in message["reply_markup"] for b in row] if message else []

    def describe(self) -> str:
        lines = [f"chat {self.id} shows:"]
        for m in self.screen():
            who = "bot" if m["from_bot"] else "her"
            buttons = [b["text"] for row in m["reply_markup"] for b in row]
            lines.append(f"  [{who} #{m['message_id']}] {m['text'][:300]!r} {buttons if buttons else ''}")
        return "\n".join(lines)

    async def wait_for(
        self,
        expected: str | Callable[[dict[str, Any]], bool],
        timeout: float = 10,
        with_button: str | None = None,
        after: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Wait until a bot message shows `expected` (text or predicate); return that message."""

        def match():
            for message in reversed(self.screen()):
                if not message["from_bot"] or (after and message["message_id"] <= after["message_id"]):
                    continue
                ok = expected(message) if callable(expected) else _unmarked(expected) in _unmarked(message["text"])
                labels = [b["text"] for row in message["reply_markup"] for b in row]
                if ok and (with_button is None or with_button in labels):
                    return message
            return None

        return await self.api.wait_until(
            match, timeout, lambda: f"timed out waiting for {expected!r}\n{self.describe()}"
        )

    async def press(self, label: str, *, message: dict[str, Any] | None = None) -> dict[str, Any]:
        """Tap an inline button by its label on the newest keyboard (or on `message`)."""
        message = message or self.last_keyboard_message()
        if message is None:
            raise AssertionError(f"no keyboard to press {label!r} on\n{self.describe()}")
        buttons = [b for row in message["reply_markup"] for b in row]
        chosen = next((b for b in buttons if b["text"] == label), None)
        if chosen is None:
            raise AssertionError(f"no button {label!r}; visible: {[b['text'] for b in buttons]}")
        return await self.press_data(chosen["callback_data"], message["message_id"])

    async def press_when(self, label: str, *, containing: str | None = None, timeout: float = 10):
        """Wait for a screen with the button `label` (and text `containing`), then tap it."""
        message = await self.wait_for(containing or (lambda m: True), timeout, with_button=label)
        return await self.press(label, message=message)

    async def press_data(self, callback_data: str, message_id: int) -> dict[str, Any]:
        entry = self.chat.messages.get(message_id)
        message = (
            entry["message"]
            if entry
            else {
                "message_id": message_id,
                "date": 0,
                "chat": {"id": self.id, "type": "private"},
            }
        )
        callback = {
            "id": str(next(self.api._callback_ids)),
            "from": self.as_user(),
            "chat_instance": f"ci{self.id}",
            "data": callback_data,
            "message": message,
        }
        await self.api.queue_update({"callback_query": callback})
        return callback

    async def wait_idle(self, quiet: float = 0.4, timeout: float = 10) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        seen = len(self.api.calls)
        while asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(quiet)
            if len(self.api.calls) == seen:
                return
            seen = len(self.api.calls)
        raise AssertionError("the bot never went quiet")
