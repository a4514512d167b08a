"""Logging set-up that keeps her words out of the logs, even when a library tries to log them."""

from __future__ import annotations

import logging
import re

# pydantic validation errors (e.g. an update aiogram cannot parse) quote the input.
_INPUT_VALUE = re.compile(r"input_value=.*?(?=, input_type=|\]$|$)", re.M)


class RedactQuotedInput(logging.Filter):
    """Blanks the quoted input of validation errors and drops their tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "input_value=" in message or "validation error" in message:
            record.msg = _INPUT_VALUE.sub("input_value=…", message)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = str(record.exc_info[1])
            if "input_value=" in text or "validation error" in text:
                record.msg = f"{record.msg} ({type(record.exc_info[1]).__name__}, details withheld)"
                record.exc_info = None
                record.exc_text = None
        return True


def configure_logging(level: str) -> None:
    # Our own log calls carry only counts, types and update ids; aiogram's carry
    # update and bot ids. The filter catches what libraries might quote.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactQuotedInput())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    logging.getLogger("aiogram_dialog").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # SQL echo at DEBUG would print encrypted blobs and hashed ids: keep it quiet.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.getLogger("aiosqlite").setLevel(logging.WARNING)
