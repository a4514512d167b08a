"""Settings: the one place where environment variables and `.env` are read."""

from __future__ import annotations

import logging
import os
import re
import secrets
from functools import cached_property
from pathlib import Path
from urllib.parse import urlparse

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
KEY_FILE_NAME = "data.key"


class ConfigError(Exception):
    """A setting is missing or wrong; the message is one line meant for the admin."""


def _parse_key(text: str, name: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError as exc:
        raise ConfigError(f"{name} must be 64 hexadecimal characters.") from exc
    if len(key) != 32:
        raise ConfigError(f"{name} must be 64 hexadecimal characters (32 bytes).")
    return key


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    bot_token: str = ""
    telegram_api_url: str = DEFAULT_API_URL
    data_dir: Path = Field(default=Path("data"))
    database_url: str = ""
    data_key: str = ""
    redis_url: str = ""
    retention_days: int = Field(default=180, ge=1)
    # Volatile sessions (women without "remember me") expire after this long without use.
    session_ttl_hours: int = Field(default=24, ge=1)
    log_level: str = "INFO"
    # The organisation's local directory (hotline, office hours, services); the
    # shipped example is used when unset, and its numbers are never shown.
    directory_file: Path | None = None
    # Talk to a person: an untaken request is announced again to every mediator after this long, and she is
    # told honestly that nobody is free after that long; the check runs this often.
    talk_reannounce_minutes: float = Field(default=10, gt=0)
    talk_nobody_free_minutes: float = Field(default=30, gt=0)
    talk_check_seconds: float = Field(default=30, gt=0)
    # Reminders: how long before an appointment she is reminded (minutes, comma-separated), and whether a
    # reminder due between 21:00 and 08:00 her time arrives without sound ("silent") or at 08:00 ("shift").
    reminder_leads_minutes: str = "1440,60"
    reminder_quiet_mode: str = Field(default="silent", pattern="^(silent|shift)$")
    # A transcript she chose to keep ("keep my conversation") is deleted after this many days.
    transcript_retention_days: int = Field(default=30, ge=1)
    # Set only by `python -m bot sandbox`: a file holding how many seconds the bot's clock runs ahead.
    sandbox_clock_file: Path | None = None
    # Key rotation: while rows are re-encrypted under DATA_KEY, the old key still decrypts.
    data_key_previous: str = ""
    # Webhook mode (polling when WEBHOOK_URL is unset): Telegram POSTs updates to WEBHOOK_URL, which a load
    # balancer forwards to WEBHOOK_LISTEN:WEBHOOK_PORT; every request must carry WEBHOOK_SECRET.
    webhook_url: str = ""
    webhook_secret: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # Polling mode: /healthz and /metrics on this port when set.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    # Several replicas on PostgreSQL: a replica without the scheduler lock tries again this often.
    scheduler_lock_retry_seconds: float = Field(default=15, gt=0)

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def reminder_leads(self) -> tuple:
        from datetime import timedelta

        return tuple(timedelta(minutes=float(part)) for part in self.reminder_leads_minutes.split(",") if part.strip())

    @cached_property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'jobsteps.sqlite3').resolve()}"

    def check_for_running(self) -> None:
        """Raise ConfigError with one clear line when the bot cannot start."""
        if not self.bot_token.strip():
            raise ConfigError("BOT_TOKEN is not set: get a token from @BotFather and set BOT_TOKEN.")
        if ":" not in self.bot_token or any(c.isspace() for c in self.bot_token):
            raise ConfigError("BOT_TOKEN does not look like a bot token (expected '<digits>:<secret>').")
        parsed = urlparse(self.telegram_api_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ConfigError(f"TELEGRAM_API_URL must be an http(s) URL such as {DEFAULT_API_URL}.")
        if self.redis_url and urlparse(self.redis_url).scheme not in ("redis", "rediss", "unix"):
            raise ConfigError("REDIS_URL must start with redis://, rediss:// or unix://.")
        self.check_webhook()

    def check_webhook(self) -> None:
        if not self.webhook_url:
            return
        parsed = urlparse(self.webhook_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ConfigError("WEBHOOK_URL must be an https URL such as https://bot.example.org/telegram.")
        if not self.webhook_secret:
            raise ConfigError("WEBHOOK_SECRET is required with WEBHOOK_URL (1-256 characters: A-Z, a-z, 0-9, _ and -).")
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", self.webhook_secret):
            raise ConfigError("WEBHOOK_SECRET must be 1-256 characters: A-Z, a-z, 0-9, _ and -.")
        listen = self.webhook_listen
        if not listen or any(c.isspace() or c in "/@?#" for c in listen):
            raise ConfigError("WEBHOOK_LISTEN must be a host name or an IP address such as 0.0.0.0.")

    @property
    def webhook_path(self) -> str:
        """The path the webhook server answers on: the path of WEBHOOK_URL (a load balancer keeps it)."""
        return urlparse(self.webhook_url).path or "/"

    def previous_data_key(self) -> bytes | None:
        if not self.data_key_previous.strip():
            return None
        return _parse_key(self.data_key_previous, "DATA_KEY_PREVIOUS")

    def resolve_data_key(self) -> bytes:
        """Return the encryption key, generating and saving one on first run."""
        if self.data_key:
            return _parse_key(self.data_key, "DATA_KEY")
        key_path = self.data_dir / KEY_FILE_NAME
        if key_path.exists():
            try:
                return bytes.fromhex(key_path.read_text().strip())
            except ValueError as exc:
                raise ConfigError(f"{key_path} is damaged: restore it from your backup.") from exc
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        # Create with 0600 from the start so the key is never readable by others.
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key.hex() + "\n")
        log.warning(
            "No DATA_KEY set: generated %s; back it up, stored data is unreadable without it.",
            key_path,
        )
        return key
