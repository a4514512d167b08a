"""A throwaway Redis server for the tests, when `redis-server` is installed."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time


class ThrowawayRedis:
    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        self.dir = tempfile.mkdtemp(prefix="jobsteps-redis-")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("throwaway Redis did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(5)
        shutil.rmtree(self.dir, ignore_errors=True)
