"""The rotation's notion of today, in one place so that tests can state the day."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Shanghai"


def today() -> date:
    """Today in the organisation's time zone (CXGOV_TIMEZONE), where terms begin and end at midnight."""
    name = current_app.config.get("BABEL_DEFAULT_TIMEZONE", DEFAULT_TIMEZONE) if has_app_context() else DEFAULT_TIMEZONE
    return datetime.now(ZoneInfo(name)).date()
