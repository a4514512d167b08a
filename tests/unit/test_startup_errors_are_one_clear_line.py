"""A missing token, a bad URL or an unusable database stops the bot with one clear line, no traceback."""

import os
import socket
import subprocess
import sys

import pytest


def run_bot(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_", "DATABASE_", "DATA_"))}
    clean.update(DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "bot"], cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=60
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "BOT_TOKEN is not set"),
        ({"BOT_TOKEN": "not a token"}, "does not look like a bot token"),
        ({"BOT_TOKEN": "1:x", "TELEGRAM_API_URL": "ftp:/nowhere"}, "TELEGRAM_API_URL must be an http(s) URL"),
        ({"BOT_TOKEN": "1:x", "DATABASE_URL": "nonsense://"}, "DATABASE_URL"),
        ({"BOT_TOKEN": "1:x", "DATABASE_URL": "postgresql+asyncpg://u@127.0.0.1:{port}/db"}, "cannot"),
        ({"BOT_TOKEN": "1:x", "TELEGRAM_API_URL": "http://127.0.0.1:{port}"}, "cannot reach the Bot API"),
        ({"BOT_TOKEN": "1:x", "DATA_KEY": "zz"}, "DATA_KEY must be 64 hexadecimal"),
        ({"RETENTION_DAYS": "soon"}, "bad configuration: RETENTION_DAYS"),
        ({"BOT_TOKEN": "1:x", "WEBHOOK_URL": "https://bot.example.org/tg"}, "WEBHOOK_SECRET is required"),
        ({"BOT_TOKEN": "1:x", "WEBHOOK_URL": "bot.example.org", "WEBHOOK_SECRET": "s"}, "WEBHOOK_URL must be"),
        ({"BOT_TOKEN": "1:x", "WEBHOOK_URL": "https://b.example/t", "WEBHOOK_SECRET": "a b"}, "WEBHOOK_SECRET must"),
        ({"WEBHOOK_PORT": "eighty"}, "bad configuration: WEBHOOK_PORT"),
        ({"WEBHOOK_PORT": "70000"}, "bad configuration: WEBHOOK_PORT"),
        ({"METRICS_PORT": "0"}, "bad configuration: METRICS_PORT"),
        (
            {"BOT_TOKEN": "1:x", "WEBHOOK_URL": "https://b.example/t", "WEBHOOK_SECRET": "s", "WEBHOOK_LISTEN": "a b"},
            "WEBHOOK_LISTEN must be",
        ),  # fmt: skip
        ({"BOT_TOKEN": "1:x", "DATA_KEY_PREVIOUS": "zz"}, "DATA_KEY_PREVIOUS must be 64 hexadecimal"),
        ({"BOT_TOKEN": "1:x", "DIRECTORY_FILE": "/nonexistent/directory.yaml"}, "DIRECTORY_FILE"),
    ],
)
def test_one_clear_line_and_non_zero_exit(tmp_path, env, expected):
    env = {k: v.format(port=closed_port()) for k, v in env.items()}
    result = run_bot(tmp_path, **env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("jobsteps: ") and expected in last_line, result.stderr


def test_generated_key_is_private_and_reused(tmp_path):
    from bot.config import Settings

    settings = Settings(data_dir=tmp_path, _env_file=None)
    first = settings.resolve_data_key()
    assert (tmp_path / "data.key").stat().st_mode & 0o777 == 0o600
    assert Settings(data_dir=tmp_path, _env_file=None).resolve_data_key() == first


def test_migrate_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "jobsteps.sqlite3").exists()
