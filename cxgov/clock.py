"""The one clock: what day it is for the organisation, and what time it is.

Every rule that depends on "today" (drafting windows, month close, rotation terms, due dates)
asks `today()`; a test states the day by patching `cxgov.clock.today`. A test in
tests/unit/test_clock.py fails if the package asks the server for its own naive date or time.
"""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Shanghai"


def zone() -> ZoneInfo:
    """The organisation's time zone (CXGOV_TIMEZONE), where days begin and end at midnight."""
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE", DEFAULT_TIMEZONE) if has_app_context() else DEFAULT_TIMEZONE
    return ZoneInfo(name)


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)  # the one clock


def today() -> date:
    """Today in the organisation's time zone."""
    return now().astimezone(zone()).date()


def start_of(day: date) -> datetime:
    """The first moment of the organisation's day, aware, in UTC (for comparing stored moments with days)."""
    return datetime.combine(day, datetime.min.time(), tzinfo=zone()).astimezone(UTC)
