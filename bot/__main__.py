"""Command line: `python -m bot` runs the bot; `sandbox` tries it locally; `migrate`, `content check`, `staff ...`,
`audit`, `webhook delete` and `rotate-key` are admin tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from pydantic import ValidationError

from bot import staff_cli
from bot.config import ConfigError, Settings
from bot.log_privacy import configure_logging

log = logging.getLogger("bot")


def _fail(message: str) -> int:
    print(f"jobsteps: {message}", file=sys.stderr)
    return 2


async def _migrate(settings: Settings) -> None:
    from bot.storage.db import check_connection, make_engine
    from bot.storage.migrate import upgrade_to_head_async

    engine = make_engine(settings.effective_database_url)
    try:
        await check_connection(engine)
    finally:
        await engine.dispose()
    await upgrade_to_head_async(settings.effective_database_url)


async def _run(settings: Settings) -> None:
    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    from bot.app import build_app, publish_commands
    from bot.content import ContentError, check_all
    from bot.directory import load_directory
    from bot.i18n import catalogues
    from bot.serving import run_polling, run_webhook

    try:
        directory = load_directory(settings.directory_file)
    except ContentError as error:
        raise ConfigError(f"DIRECTORY_FILE: {error}") from error
    try:
        # Every content file is read once here, so a broken one stops the start, not her lesson.
        check_all(directory_file=settings.directory_file)
    except ContentError as error:
        raise ConfigError(f"content: {error}") from error
    key = settings.resolve_data_key()
    await _migrate(settings)
    vault = await _open_vault(settings, key)
    cats = catalogues()
    app = build_app(settings, key, cats, directory, vault=vault)
    following: asyncio.Task | None = None
    try:
        try:
            await app.bot.get_me()
            webhook = await app.bot.get_webhook_info()
        except TelegramUnauthorizedError as exc:
            raise ConfigError("Telegram refused BOT_TOKEN (401 Unauthorized).") from exc
        except TelegramNetworkError as exc:
            raise ConfigError(
                f"cannot reach the Bot API at {settings.telegram_api_url} (check TELEGRAM_API_URL)."
            ) from exc
        if not settings.webhook_url and webhook.url:
            raise ConfigError(
                "a webhook is registered for this bot, so polling cannot start: set WEBHOOK_URL to run behind it, "
                "or remove it with `python -m bot webhook delete`."
            )
        await publish_commands(app.bot, cats)
        if settings.sandbox_clock_file is not None:
            from bot.clock import follow_offset_file

            # After a jump of the sandbox clock, plan every reminder again against the new time.
            following = asyncio.create_task(follow_offset_file(settings.sandbox_clock_file, app.counselling.restore))
        log.info("jobsteps started: %d languages", len(cats.languages))
        if settings.webhook_url:
            await run_webhook(app)
        else:
            await run_polling(app)
        log.info("jobsteps stopped")
    finally:
        if following is not None:
            following.cancel()
        await app.close()


async def _open_vault(settings: Settings, key: bytes):
    from bot.storage.keys import WrongKey, open_vault_at

    try:
        return await open_vault_at(settings.effective_database_url, key, settings.previous_data_key())
    except WrongKey as exc:
        raise ConfigError(
            "DATA_KEY does not open this database (nor does DATA_KEY_PREVIOUS): restore the key from your backup."
        ) from exc


async def _delete_webhook(settings: Settings) -> None:
    from bot.app import make_bot

    bot = make_bot(settings)
    try:
        await bot.delete_webhook()
    finally:
        await bot.session.close()


async def _rotate_key(settings: Settings) -> dict[str, int]:
    from bot.storage.db import make_engine, make_sessionmaker
    from bot.storage.rotation import rotate

    previous = settings.previous_data_key()
    if previous is None:
        raise ConfigError("set DATA_KEY to the new key and DATA_KEY_PREVIOUS to the old one, then run rotate-key.")
    key = settings.resolve_data_key()
    if key == previous:
        raise ConfigError("DATA_KEY and DATA_KEY_PREVIOUS are the same key: nothing to rotate.")
    await _migrate(settings)
    vault = await _open_vault(settings, key)
    engine = make_engine(settings.effective_database_url)
    try:
        return await rotate(make_sessionmaker(engine), vault)
    finally:
        await engine.dispose()


def _check_content(directory_file) -> int:
    from bot.content import ContentError, check_all

    try:
        for line in check_all(directory_file=directory_file):
            print(f"ok  {line}")
    except ContentError as error:
        return _fail(f"content error: {error}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot with long polling (default)")
    sub.add_parser("migrate", help="apply database migrations and exit")
    content = sub.add_parser("content", help="work with the content files")
    content.add_argument("action", choices=["check"], help="check: validate every content file")
    i18n = sub.add_parser("i18n", help="translation catalogues")
    i18n.add_argument("action", choices=["status"], help="status: a table of every catalogue")
    webhook = sub.add_parser("webhook", help="the Telegram webhook (webhook mode)")
    webhook.add_argument(
        "action", choices=["delete"], help="delete: unregister it (stopping a replica never does, see README)"
    )
    sub.add_parser(
        "rotate-key",
        help="re-encrypt every stored personal field under DATA_KEY (the old key in DATA_KEY_PREVIOUS)",
    )
    staff_cli.add_parsers(sub)
    sandbox = sub.add_parser("sandbox", help="try the bot in a web page on this computer, without Telegram")
    sandbox.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: any free port)")
    sandbox.add_argument("--language", default="en", help="the woman's Telegram app language, e.g. ar or fa-AF")
    args = parser.parse_args(argv)

    if args.command == "sandbox":
        from bot.sandbox.run import main as run_sandbox

        configure_logging("WARNING")
        return run_sandbox(args.port, args.language)

    if args.command == "content":
        return _check_content(Settings().directory_file)
    if args.command == "i18n":
        from bot.i18n_status import status_table, statuses

        print(status_table(statuses()))
        return 0

    try:
        settings = Settings()
    except ValidationError as exc:  # name the variable and what is wrong with it, on one line
        first = exc.errors()[0]
        name = "_".join(str(part) for part in first.get("loc", ())).upper() or "settings"
        return _fail(f"bad configuration: {name}: {first.get('msg', 'invalid value')}")
    except Exception as exc:  # noqa: BLE001
        return _fail(f"bad configuration: {str(exc).splitlines()[0]}")
    configure_logging(settings.log_level)

    try:
        if args.command == "migrate":
            asyncio.run(_migrate(settings))
            print("jobsteps: database is up to date")
            return 0
        if args.command in ("staff", "audit"):
            return staff_cli.main(settings, args)
        if args.command == "webhook":
            settings.check_for_running()
            asyncio.run(_delete_webhook(settings))
            print("jobsteps: webhook deleted; Telegram keeps updates until a bot polls or a webhook is set again")
            return 0
        if args.command == "rotate-key":
            counts = asyncio.run(_rotate_key(settings))
            for name, count in counts.items():
                print(f"{name}: {count} re-encrypted")
            print(
                "jobsteps: every stored field is under DATA_KEY now; remove DATA_KEY_PREVIOUS once the Redis "
                "sessions have expired (SESSION_TTL_HOURS)"
            )
            return 0
        settings.check_for_running()
        asyncio.run(_run(settings))
        return 0
    except ConfigError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 0
    except (OSError, ConnectionError) as exc:
        return _fail(f"cannot reach the database ({type(exc).__name__}); check DATABASE_URL.")
    except Exception as exc:  # noqa: BLE001 - one clear line, not a traceback
        from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

        if isinstance(exc, (ArgumentError, NoSuchModuleError)):
            return _fail("DATABASE_URL is not a valid SQLAlchemy URL (e.g. sqlite+aiosqlite:///data/jobsteps.sqlite3).")
        if isinstance(exc, DBAPIError):
            return _fail(f"cannot use the database ({type(exc.orig).__name__}); check DATABASE_URL.")
        log.exception("jobsteps stopped on an unexpected error")
        return _fail(f"stopped on an unexpected error: {type(exc).__name__}")


if __name__ == "__main__":
    sys.exit(main())
