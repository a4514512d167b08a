"""The bot's HTTP side (aiohttp): Telegram's webhook, `GET /healthz` and `GET /metrics`; and running the bot in
either mode until SIGTERM, then stopping gracefully.

Polling (the default) serves /healthz and /metrics on METRICS_PORT when it is set. Webhook mode (WEBHOOK_URL)
serves all three on WEBHOOK_LISTEN:WEBHOOK_PORT; the webhook route is WEBHOOK_URL's path and refuses any request
without Telegram's X-Telegram-Bot-Api-Secret-Token header equal to WEBHOOK_SECRET.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot import metrics
from bot.app import App
from bot.storage.db import check_connection

log = logging.getLogger(__name__)

CHECK_SECONDS = 3
SHUTDOWN_SECONDS = 30  # an update in flight when SIGTERM arrives gets this long to finish


def health_routes(web_app: web.Application, app: App) -> None:
    async def healthz(_request: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(check_connection(app.engine), CHECK_SECONDS)
        except Exception:  # noqa: BLE001 - any failure means: not healthy
            return web.Response(status=503, text="database")
        if app.redis is not None:
            try:
                await asyncio.wait_for(app.redis.ping(), CHECK_SECONDS)
            except Exception:  # noqa: BLE001
                return web.Response(status=503, text="redis")
        return web.Response(text="ok")

    async def metrics_page(_request: web.Request) -> web.Response:
        try:
            counts = await asyncio.wait_for(app.relay.store.count_by_state(), CHECK_SECONDS)
        except Exception:  # noqa: BLE001 - the counters are still worth serving
            counts = {}
        for state, count in counts.items():
            metrics.OPEN_REQUESTS.labels(state=state).set(count)
        response = web.Response(body=metrics.render())
        response.content_type = metrics.CONTENT_TYPE
        return response

    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", metrics_page)


def build_web_app(app: App, *, webhook: bool) -> web.Application:
    web_app = web.Application()
    health_routes(web_app, app)
    if webhook:
        # The answer is sent once the update is handled, so a graceful stop waits for updates in flight.
        SimpleRequestHandler(
            app.dispatcher, app.bot, handle_in_background=False, secret_token=app.settings.webhook_secret
        ).register(web_app, path=app.settings.webhook_path)
        setup_application(web_app, app.dispatcher, bot=app.bot)
    return web_app


async def _start_site(web_app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(web_app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop


async def run_webhook(app: App) -> None:
    settings = app.settings
    stop = _stop_event()
    runner = await _start_site(build_web_app(app, webhook=True), settings.webhook_listen, settings.webhook_port)
    try:
        await app.leadership.start()
        # Every replica registers the same public URL: harmless, and whichever starts first makes it work.
        await app.bot.set_webhook(
            settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
        log.info("webhook mode: listening on port %d", settings.webhook_port)
        await stop.wait()
        log.info("stopping: no new updates; finishing those in flight")
    finally:
        # Stops listening, waits for requests in flight, then the dispatcher's shutdown. The webhook stays
        # registered: other replicas behind the same URL still serve it (`python -m bot webhook delete`).
        await runner.cleanup()
        await app.leadership.stop()


async def run_polling(app: App) -> None:
    settings = app.settings
    runner = None
    if settings.metrics_port:
        runner = await _start_site(build_web_app(app, webhook=False), settings.webhook_listen, settings.metrics_port)
    try:
        await app.leadership.start()
        await app.dispatcher.start_polling(
            app.bot,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
            handle_signals=True,  # SIGTERM stops taking updates
            close_bot_session=False,
        )
        # Updates already taken are handled to the end.
        in_flight = list(getattr(app.dispatcher, "_handle_update_tasks", ()))
        if in_flight:
            log.info("stopping: finishing %d updates in flight", len(in_flight))
            await asyncio.wait(in_flight, timeout=SHUTDOWN_SECONDS)
    finally:
        await app.leadership.stop()
        if runner is not None:
            await runner.cleanup()
