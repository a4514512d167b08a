"""Prometheus counters of the bot: counts and durations only, never anything about a person.

Labels are closed sets (update kinds, exception class names, HTTP-like error codes, request states), so no label
can carry an id, a name or a word she wrote.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import TelegramObject, Update
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry(auto_describe=True)
CONTENT_TYPE = CONTENT_TYPE_LATEST.split(";")[0]  # text/plain (aiohttp takes the charset apart)

UPDATES = Counter("jobsteps_updates_total", "Updates handled, by kind", ["kind"], registry=REGISTRY)
HANDLER_ERRORS = Counter(
    "jobsteps_handler_errors_total", "Updates whose handler failed, by exception class", ["error"], registry=REGISTRY
)
HANDLER_SECONDS = Histogram(
    "jobsteps_handler_seconds",
    "Time to handle one update, from arrival to the last reply",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
OPEN_REQUESTS = Gauge(
    "jobsteps_open_requests", "Requests to talk to a person, by state (at scrape time)", ["state"], registry=REGISTRY
)
REMINDERS_DUE = Counter("jobsteps_reminders_due_total", "Reminder notices that fell due here", registry=REGISTRY)
REMINDERS_SENT = Counter("jobsteps_reminders_sent_total", "Reminder notices delivered", registry=REGISTRY)
REMINDERS_FAILED = Counter(
    "jobsteps_reminders_failed_total", "Reminder notices Telegram refused or could not take", registry=REGISTRY
)
TELEGRAM_ERRORS = Counter(
    "jobsteps_telegram_errors_total", "Bot API calls that failed, by error code", ["code"], registry=REGISTRY
)
SCHEDULER_LEADER = Gauge(
    "jobsteps_scheduler_leader", "1 while this process runs the scheduler (holds the lock)", registry=REGISTRY
)

_CODES: tuple[tuple[type[Exception], str], ...] = (
    (TelegramRetryAfter, "429"),
    (TelegramForbiddenError, "403"),
    (TelegramUnauthorizedError, "401"),
    (TelegramNotFound, "404"),
    (TelegramConflictError, "409"),
    (TelegramEntityTooLarge, "413"),
    (TelegramBadRequest, "400"),
    (TelegramServerError, "5xx"),
    (TelegramNetworkError, "network"),
)


def error_code(error: Exception) -> str:
    for kind, code in _CODES:
        if isinstance(error, kind):
            return code
    return "other"


def render() -> bytes:
    return generate_latest(REGISTRY)


def handler_failed(error: BaseException) -> None:
    HANDLER_ERRORS.labels(error=type(error).__name__).inc()


class UpdateMetrics(BaseMiddleware):
    """Outermost update middleware: counts each update by kind and times it."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        started = time.perf_counter()
        kind = event.event_type if isinstance(event, Update) else "other"
        try:
            return await handler(event, data)
        finally:
            UPDATES.labels(kind=kind).inc()
            HANDLER_SECONDS.observe(time.perf_counter() - started)


class TelegramErrorMetrics(BaseRequestMiddleware):
    """Counts every failed Bot API call (each attempt of a retried one) by its error code."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> TelegramType:
        try:
            return await make_request(bot, method)
        except TelegramAPIError as error:
            TELEGRAM_ERRORS.labels(code=error_code(error)).inc()
            raise
