"""Runs the real `python -m bot` as a subprocess against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

TOKEN = "123456:TEST-token-for-the-fake-api"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    def __init__(self, api_url: str, data_dir: Path, database_url: str, extra_env: dict | None = None):
        self.api_url = api_url
        self.data_dir = data_dir
        self.database_url = database_url
        self.extra_env = extra_env or {}
        self.log_path = data_dir / "bot.log"
        self.process: asyncio.subprocess.Process | None = None
        self._log_file = None

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("BOT_", "TELEGRAM_", "DATABASE_", "DATA_", "REDIS_"))
        }
        env.update(
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=self.api_url,
            DATA_DIR=str(self.data_dir),
            DATABASE_URL=self.database_url,
            LOG_LEVEL="DEBUG",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    async def start(self, fake, wait: bool = True) -> None:
        self._log_file = self.log_path.open("ab")
        polls_before = len(fake.calls_for("getUpdates"))
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=self.data_dir,
            env=self.env(),
            stdout=self._log_file,
            stderr=self._log_file,
        )
        if wait and self.webhook_port:
            await self.wait_serving()
        elif wait:
            await self.wait_polling(fake, polls_before)

    @property
    def webhook_port(self) -> int | None:
        return int(self.extra_env["WEBHOOK_PORT"]) if "WEBHOOK_URL" in self.extra_env else None

    async def wait_serving(self, timeout: float = 90) -> None:
        """Webhook mode: until the replica answers /healthz and has registered its webhook."""
        import aiohttp

        deadline = asyncio.get_running_loop().time() + timeout
        async with aiohttp.ClientSession() as client:
            while True:
                if self.process.returncode is not None:
                    raise AssertionError(f"bot exited with {self.process.returncode}:\n{self.logs()}")
                if asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(f"bot did not start serving:\n{self.logs()}")
                try:
                    async with client.get(f"http://127.0.0.1:{self.webhook_port}/healthz") as response:
                        if response.status == 200 and "webhook mode" in self.logs():
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)

    async def kill(self) -> None:
        """SIGKILL: no chance to clean up, as when a machine or container dies."""
        self.process.kill()
        await self.process.wait()

    async def wait_polling(self, fake, polls_before: int = 0, timeout: float = 90) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while len(fake.calls_for("getUpdates")) <= polls_before:
            if self.process.returncode is not None:
                raise AssertionError(f"bot exited with {self.process.returncode}:\n{self.logs()}")
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"bot did not start polling:\n{self.logs()}")
            await asyncio.sleep(0.05)

    async def stop(self) -> int | None:
        if self.process is None:
            return None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 15)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        if self._log_file:
            self._log_file.close()
        return self.process.returncode

    async def restart(self, fake) -> None:
        await self.stop()
        await self.start(fake)

    async def cli(self, *args: str) -> str:
        """Run an admin command (`python -m bot staff ...`) against this bot's database; returns its output."""
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            *args,
            cwd=self.data_dir,
            env=self.env() | {"LOG_LEVEL": "WARNING"},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        if process.returncode != 0:
            raise AssertionError(f"python -m bot {' '.join(args)} failed: {err.decode()[-2000:]}")
        return out.decode()

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None
