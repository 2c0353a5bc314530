"""Jinja filters and globals shared by every template."""
from datetime import datetime

from flask import Flask, g
from flask_babel import format_date, format_datetime, get_locale

from cxgov import clock, months, permissions
from cxgov.audit.labels import ACTION_LABELS, TABLE_LABELS
from cxgov.i18n import LOCALE_NAMES, html_lang
from cxgov.imports import listed
from cxgov.org.labels import DEPARTMENT_KIND_LABELS, MONTH_LABELS
from cxgov.rhythm.labels import month_text


def _as_local(value: datetime) -> datetime:
    """Stored times are aware; a naive one here is a wall-clock time someone forgot to place, refused."""
    if value.tzinfo is None:
        raise ValueError(f"fmt_datetime needs an aware time, not the naive {value.isoformat()}")
    return value


def fmt_datetime(value: datetime | None, fmt: str = "medium") -> str:
    """Date and time in the reader's language and time zone."""
    return format_datetime(_as_local(value), fmt) if value else ""


def fmt_date(value, fmt: str = "medium") -> str:
    """A date in the reader's language."""
    return format_date(value, fmt) if value else ""


def dept_name(department) -> str:
    """A department's name in the reader's language."""
    if department is None:
        return ""
    return department.display_name(str(get_locale() or "en"))


def organisation_name() -> str:
    """The organisation's name for the header, read once per request."""
    if "org_name" not in g:
        from cxgov.org.operations import get_organisation

        org = get_organisation()
        g.org_name = org.name if org else "cxgov"
    return g.org_name


def register(app: Flask) -> None:
    """Install the filters and globals."""
    app.jinja_env.filters.update(
        dt=fmt_datetime, date=fmt_date, dept_name=dept_name,
        role_label=lambda r: permissions.ROLE_LABELS.get(r, r),
        kind_label=lambda k: DEPARTMENT_KIND_LABELS.get(k, k),
        table_label=lambda t: TABLE_LABELS.get(t, t),
        action_label=lambda a: ACTION_LABELS.get(a, a),
        listed=listed, month_text=month_text,
    )
    app.jinja_env.globals.update(
        can=permissions, LOCALE_NAMES=LOCALE_NAMES, html_lang=html_lang, get_locale=get_locale,
        organisation_name=organisation_name, now=clock.now,
        month_label=lambda m: MONTH_LABELS.get(m, m), current_month=lambda: months.month_of(clock.today()),
    )
    app.jinja_env.policies["ext.i18n.trimmed"] = True
