"""Webhook mode: the bot registers its webhook, answers only Telegram (the secret header), serves /healthz and
/metrics, stops gracefully on SIGTERM without removing the webhook; `python -m bot webhook delete` removes it."""

from __future__ import annotations

import socket

import aiohttp

from tests.e2e.harness import BotProcess
from tests.e2e.steps import onboard

HER = 5150001
SECRET = "s3cret_for-tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def webhook_env(port: int) -> dict[str, str]:
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
    }


async def test_webhook_mode_end_to_end(fake_api, sqlite_url, tmp_path):
    port = free_port()
    bot = BotProcess(fake_api.url, tmp_path, sqlite_url, webhook_env(port))
    await bot.start(fake_api)
    try:
        (registered,) = fake_api.calls_for("setWebhook")
        assert registered["url"] == f"http://127.0.0.1:{port}/telegram/hook"
        assert registered["secret_token"] == SECRET
        assert {"message", "callback_query"} <= set(registered["allowed_updates"])
        assert not fake_api.calls_for("getUpdates")

        her = fake_api.user(HER, first_name="Amina")
        await onboard(her)  # every update came by webhook
        assert len(fake_api.webhook_deliveries) >= 3

        async with aiohttp.ClientSession() as client:
            base = f"http://127.0.0.1:{port}"
            forged = {"update_id": 999999, "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"},
                                                         "from": {"id": 1, "is_bot": False, "first_name": "X"},
                                                         "text": "/start"}}  # fmt: skip
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with client.post(f"{base}/telegram/hook", json=forged, headers=headers) as response:
                    assert response.status == 401
            async with client.get(f"{base}/healthz") as response:
                assert response.status == 200 and await response.text() == "ok"
            async with client.get(f"{base}/metrics") as response:
                assert response.status == 200
                page = await response.text()
        assert 'jobsteps_updates_total{kind="message"}' in page
        assert 'jobsteps_updates_total{kind="callback_query"}' in page
        assert "jobsteps_handler_seconds_bucket" in page and "jobsteps_reminders_sent_total" in page
        assert 'jobsteps_open_requests{state="waiting"} 0.0' in page
        assert "jobsteps_scheduler_leader 1.0" in page  # SQLite: the one process runs the scheduler
        assert "Amina" not in page and str(HER) not in page  # counts only
        assert not fake_api.chats.get(1)  # the forged update was never handled

        # SIGTERM: a clean stop, exit code 0, and the webhook stays for the other replicas.
        assert await bot.stop() == 0
        assert "Traceback" not in bot.logs()
        assert not fake_api.calls_for("deleteWebhook")
        assert fake_api.webhook is not None

        await bot.cli("webhook", "delete")
        assert fake_api.webhook is None
    finally:
        await bot.stop()
    assert not fake_api.schema_violations, fake_api.schema_violations


async def test_polling_refuses_to_start_behind_a_registered_webhook(fake_api, sqlite_url, tmp_path):
    fake_api.webhook = {"url": "https://bot.example.org/hook", "secret_token": "x", "allowed_updates": None}
    bot = BotProcess(fake_api.url, tmp_path, sqlite_url)
    await bot.start(fake_api, wait=False)
    assert await bot.process.wait() == 2
    last = bot.logs().strip().splitlines()[-1]
    assert last.startswith("jobsteps: a webhook is registered") and "webhook delete" in last
    assert "Traceback" not in bot.logs()


async def test_polling_serves_health_and_metrics_on_metrics_port(fake_api, sqlite_url, tmp_path):
    port = free_port()
    bot = BotProcess(fake_api.url, tmp_path, sqlite_url, {"METRICS_PORT": str(port), "WEBHOOK_LISTEN": "127.0.0.1"})
    await bot.start(fake_api)
    try:
        her = fake_api.user(HER)
        await her.send("/start")
        await her.wait_for("Choose your language.")
        async with aiohttp.ClientSession() as client:
            async with client.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 200
            async with client.get(f"http://127.0.0.1:{port}/metrics") as response:
                assert 'jobsteps_updates_total{kind="message"} 1.0' in await response.text()
    finally:
        assert await bot.stop() == 0
    assert "Traceback" not in bot.logs()
