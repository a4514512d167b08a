"""Builds the bot: storage, dispatcher, routers and middlewares, in the order that matters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import BotCommand
from aiogram_dialog import setup_dialogs
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.consent import Purpose
from bot.counselling import Counselling
from bot.dialogs.contract import contract_dialog
from bot.dialogs.counsellor import counsellor_dialog
from bot.dialogs.cv import cv_dialog
from bot.dialogs.deleted import deleted_dialog
from bot.dialogs.glossary import glossary_dialog
from bot.dialogs.interview import interview_dialog
from bot.dialogs.menu import menu_dialog
from bot.dialogs.orientation import orientation_dialog
from bot.dialogs.pairing import pairing_dialog
from bot.dialogs.settings import settings_dialog
from bot.dialogs.start import start_dialog
from bot.dialogs.talk import talk_dialog
from bot.directory import Directory, load_directory
from bot.handlers import commands_router, errors_router, fallback_router
from bot.i18n import Catalogues, catalogues
from bot.metrics import TelegramErrorMetrics, UpdateMetrics
from bot.middlewares import ActivityMiddleware, LocaleMiddleware, OneUpdateReads, PrivateChatsOnly
from bot.privacy import Privacy
from bot.quick_exit import QuickExit
from bot.rate_limit import RateLimiter
from bot.relay import Relay
from bot.scheduling import Leadership, build_scheduler
from bot.storage.counselling_store import CounsellingStore
from bot.storage.crypto import Vault
from bot.storage.db import make_engine, make_sessionmaker
from bot.storage.session_store import (
    DatabaseBackend,
    MemoryBackend,
    RedisBackend,
    SessionStore,
)
from bot.storage.talk_store import TalkStore
from bot.talk import Timing
from bot.talk_handlers import counselling_router, her_relay_router, staff_router
from bot.telegram_errors import RetryMiddleware
from bot.telegram_session import BotApiSession
from bot.trail import IncomingTrailMiddleware, OutgoingTrailMiddleware, Trail


@dataclass
class App:
    settings: Settings
    bot: Bot
    dispatcher: Dispatcher
    engine: AsyncEngine
    store: SessionStore
    privacy: Privacy
    scheduler: AsyncIOScheduler
    counselling: Counselling
    relay: Relay
    leadership: Leadership
    redis: Any = None  # the Redis client when REDIS_URL is set (sessions, event isolation, /healthz)

    async def close(self) -> None:
        await self.leadership.stop()  # the scheduler stops, and its lock is released
        await self.store.close()
        await self.bot.session.close()
        await self.engine.dispose()


def make_bot(settings: Settings) -> Bot:
    # TELEGRAM_API_URL is used exactly: {url}/bot{token}/{method} and {url}/file/bot{token}/{path}.
    session = BotApiSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(
        settings.bot_token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def _session_store(settings: Settings, vault: Vault, sessionmaker, redis) -> SessionStore:
    """Her session: with REDIS_URL, every record of a woman without "remember me" (dialog stacks, language, trail)
    lives in one encrypted Redis hash per woman that expires as a whole SESSION_TTL_HOURS after its last write, so
    a nested dialog never loses part of its stack, and any replica continues her dialog. Whether she chose
    "remember me" is then read from the database each time (no per-process cache another replica could make
    stale)."""
    ttl_seconds = settings.session_ttl_hours * 3600
    database = DatabaseBackend(sessionmaker, vault)
    if redis is not None:
        return SessionStore(RedisBackend(redis, vault, ttl_seconds), database, consent_cache_seconds=0)
    return SessionStore(MemoryBackend(ttl_seconds), database)


def _event_isolation(redis) -> BaseEventIsolation:
    """One update at a time per woman: across replicas (a Redis lock) when REDIS_URL is set."""
    if redis is not None:
        from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisEventIsolation

        return RedisEventIsolation(redis, key_builder=DefaultKeyBuilder(with_destiny=True))
    return SimpleEventIsolation()


def build_app(
    settings: Settings,
    key: bytes,
    cats: Catalogues | None = None,
    directory: Directory | None = None,
    vault: Vault | None = None,
) -> App:
    cats = cats or catalogues()
    directory = directory or load_directory(settings.directory_file)
    vault = vault or Vault(key, previous=settings.previous_data_key())
    engine = make_engine(settings.effective_database_url)
    sessionmaker = make_sessionmaker(engine)
    redis = None
    if settings.redis_url:
        from redis.asyncio import Redis

        redis = Redis.from_url(settings.redis_url)
    store = _session_store(settings, vault, sessionmaker, redis)
    privacy = Privacy(sessionmaker, vault, store)
    trail = Trail(store)

    bot = make_bot(settings)
    bot.session.middleware(RetryMiddleware())
    bot.session.middleware(TelegramErrorMetrics())  # inside the retries: every failed attempt is counted
    bot.session.middleware(OutgoingTrailMiddleware(trail))

    timing = Timing(
        reannounce_after=timedelta(minutes=settings.talk_reannounce_minutes),
        nobody_free_after=timedelta(minutes=settings.talk_nobody_free_minutes),
    )
    limiter = RateLimiter()  # one for every bulk sender
    talk_store = TalkStore(sessionmaker, vault)
    relay = Relay(bot, talk_store, cats, directory, timing, limiter=limiter)
    counselling = Counselling(
        bot,
        CounsellingStore(sessionmaker, vault),
        talk_store,
        privacy,
        cats,
        directory,
        limiter,
        leads=settings.reminder_leads,
        quiet_mode=settings.reminder_quiet_mode,
    )
    privacy.before_revoke(Purpose.MY_COUNSELLOR, counselling.before_unpair)

    dispatcher = build_dispatcher(
        store=store,
        privacy=privacy,
        trail=trail,
        quick_exit=QuickExit(bot, trail, store, privacy, relay),
        settings=settings,
        cats=cats,
        directory=directory,
        relay=relay,
        counselling=counselling,
        events_isolation=_event_isolation(redis),
    )
    scheduler = build_scheduler(privacy, settings, relay, counselling)
    counselling.attach(scheduler)
    leadership = Leadership(
        settings.effective_database_url,
        scheduler,
        on_lead=counselling.restore,  # one job per unsent reminder, rebuilt from the table
        retry_seconds=settings.scheduler_lock_retry_seconds,
    )
    return App(settings, bot, dispatcher, engine, store, privacy, scheduler, counselling, relay, leadership, redis)


def build_dispatcher(
    *,
    store: SessionStore,
    privacy: Privacy,
    trail: Trail,
    quick_exit: QuickExit,
    settings: Settings,
    cats: Catalogues,
    directory: Directory,
    relay: Relay,
    counselling: Counselling,
    events_isolation: BaseEventIsolation | None = None,
    message_manager=None,
) -> Dispatcher:
    """Routers and middlewares in the order that matters; tests pass a mock message manager."""
    dispatcher = Dispatcher(
        storage=store,
        events_isolation=events_isolation or SimpleEventIsolation(),
        # Injected into every handler by name.
        session_store=store,
        privacy=privacy,
        quick_exit=quick_exit,
        settings=settings,
        directory=directory,
        relay=relay,
        talk_store=relay.store,
        counselling=counselling,
    )
    dispatcher.update.outer_middleware(UpdateMetrics())  # first: counts and times everything
    dispatcher.update.outer_middleware(PrivateChatsOnly())
    dispatcher.update.outer_middleware(OneUpdateReads())
    dispatcher.message.outer_middleware(IncomingTrailMiddleware(trail))
    dispatcher.include_routers(
        errors_router(),
        # Before the commands and screens: staff never see her screens, and while she talks with a person
        # what she writes goes to that person.
        staff_router(),
        counselling_router(),
        her_relay_router(),
        commands_router(),
        start_dialog(),
        menu_dialog(),
        contract_dialog(),
        orientation_dialog(),
        glossary_dialog(),
        cv_dialog(),
        interview_dialog(),
        talk_dialog(),
        pairing_dialog(),
        counsellor_dialog(),
        settings_dialog(),
        deleted_dialog(),
        fallback_router(),
    )
    setup_dialogs(dispatcher, message_manager=message_manager)
    # After setup_dialogs, so error handlers and background dialogs get her language too.
    dispatcher.update.outer_middleware(LocaleMiddleware(store, cats))
    dispatcher.update.outer_middleware(ActivityMiddleware(privacy))
    return dispatcher


async def publish_commands(bot: Bot, cats: Catalogues) -> None:
    """The command menu in each offered language, in the same discreet words as the screens."""
    for language in cats.languages:
        commands = [
            BotCommand(command="start", description=cats.gettext("Start or go to the menu", language.code)),
            BotCommand(
                command="exit",
                description=cats.gettext("Leave fast and erase this chat", language.code),
            ),
        ]
        code = None if language.code == "en" else language.code
        await bot.set_my_commands(commands, language_code=code)
