"""`python -m bot staff ...` and `python -m bot audit`: the admin's tools, run on the server's shell.

Staff are shown by number and alias, never by Telegram id.
"""

from __future__ import annotations

import argparse
import asyncio
import logging

from bot.config import ConfigError, Settings
from bot.storage.counselling_store import CounsellingStore
from bot.talk import ROLES, split_roles

USAGE_ROLES = ", ".join(ROLES)


def add_parsers(sub) -> None:
    staff = sub.add_parser("staff", help="add, list, remove or invite staff (admin)")
    actions = staff.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a person by Telegram id")
    add.add_argument("telegram_id", type=int)
    invite = actions.add_parser("invite", help="print a one-time link (48 hours) that makes whoever opens it staff")
    for parser in (add, invite):
        parser.add_argument("--role", required=True, help=f"one or more of {USAGE_ROLES}, comma-separated")
        parser.add_argument("--languages", default="", help="languages spoken, e.g. ar,fr")
        parser.add_argument("--alias", required=True, help="the name women see")
        parser.add_argument("--woman", action="store_true", help="for women who ask for a woman")
    actions.add_parser("list", help="list staff by number and alias")
    remove = actions.add_parser("remove", help="remove a person by staff number; her conversations are re-queued")
    remove.add_argument("number", type=int)
    remove.add_argument(
        "--hand-to",
        type=int,
        default=None,
        help="a counsellor's staff number: the women paired with the removed counsellor go to them "
        "(without it, those pairings end and their reminders are cancelled)",
    )
    audit = sub.add_parser("audit", help="print the staff audit log and the feedback counts (admin)")
    audit.add_argument("--limit", type=int, default=200)


def _roles(text: str) -> list[str]:
    roles = split_roles(text)
    unknown = [role for role in roles if role not in ROLES]
    if not roles or unknown:
        raise ConfigError(f"--role must be one or more of {USAGE_ROLES}")
    return roles


async def open_store(settings: Settings):
    """The staff store on a migrated database (the engine is the caller's to dispose)."""
    from bot.__main__ import _migrate, _open_vault
    from bot.storage.db import make_engine, make_sessionmaker
    from bot.storage.talk_store import TalkStore

    await _migrate(settings)
    vault = await _open_vault(settings, settings.resolve_data_key())
    engine = make_engine(settings.effective_database_url)
    return engine, TalkStore(make_sessionmaker(engine), vault)


async def _bot_username(settings: Settings) -> str | None:
    from bot.app import make_bot

    if not settings.bot_token.strip():
        return None
    bot = make_bot(settings)
    try:
        return (await bot.get_me()).username
    except Exception:  # noqa: BLE001 - offline: print the start parameter instead
        return None
    finally:
        await bot.session.close()


async def run(settings: Settings, args: argparse.Namespace) -> int:
    engine, store = await open_store(settings)
    try:
        if args.command == "audit":
            counts = await store.feedback()
            print(f"feedback: helpful {counts.get('helpful', 0)}, not helpful {counts.get('not_helpful', 0)}")
            for at, actor, action, code in await store.audit_entries(args.limit):
                print(f"{at:%Y-%m-%d %H:%M:%S} UTC  {actor}  {action}  {code}")
            return 0
        if args.action == "add":
            languages = split_roles(args.languages)
            staff = await store.add_staff(args.telegram_id, _roles(args.role), languages, args.alias, args.woman)
            await store.audit("admin (shell)", f"add {staff.label}")
            print(f"added {staff.label}: {', '.join(staff.roles)}; languages {', '.join(staff.languages) or '-'}")
        elif args.action == "invite":
            roles, languages = _roles(args.role), split_roles(args.languages)
            code = await store.create_invite(roles, languages, args.alias, args.woman)
            await store.audit("admin (shell)", f"invite ({', '.join(roles)})")
            username = await _bot_username(settings)
            start = f"staff_{code}"
            print(f"https://t.me/{username}?start={start}" if username else f"open the bot with /start {start}")
            print("single use, valid for 48 hours")
        elif args.action == "list":
            for staff in await store.all_staff():
                print(
                    f"#{staff.id}  {staff.alias}  {', '.join(staff.roles)}  "
                    f"languages {', '.join(staff.languages) or '-'}{'  woman' if staff.woman else ''}"
                )
        elif args.action == "remove":
            if args.hand_to is not None:
                successor = await store.staff_by_id(args.hand_to)
                if successor is None or not successor.has("counsellor") or args.hand_to == args.number:
                    print(f"#{args.hand_to} is not another counsellor")
                    return 1
                handed = await CounsellingStore(store.sessionmaker, store.vault).hand_over_all(
                    args.number, args.hand_to
                )
                print(f"{len(handed)} pairing(s) handed to {successor.label}")
            if not await store.remove_staff(args.number):
                print(f"no staff #{args.number}")
                return 1
            await store.audit("admin (shell)", f"remove staff #{args.number}")
            print(f"removed staff #{args.number}; their open conversations go back to the queue")
        return 0
    finally:
        await engine.dispose()


def main(settings: Settings, args: argparse.Namespace) -> int:
    logging.getLogger("alembic").setLevel(logging.WARNING)  # the admin wants the answer, not migration chatter
    return asyncio.run(run(settings, args))
