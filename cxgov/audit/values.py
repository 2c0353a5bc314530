"""A stored audit value as its reader would say it.

The trail stores each field's value as JSON text (dates and times as ISO strings). Here it becomes a
translated label, a local date or time, Yes or No, a name, a list, or shortened text; a secret is never
shown; a value that does not parse as its column's type (old entries) is shown as the text it is.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache

import sqlalchemy as sa
from flask_babel import format_date, format_datetime, format_decimal
from flask_babel import gettext as _

from cxgov.audit.labels import CALENDAR_SCOPE_LABELS, JOB_STATE_LABELS, REPORT_KIND_LABELS, SECRET_FIELDS
from cxgov.extensions import db

SHORT = 120  # characters of a long text shown before "more"
_TOKEN_IN_URL = re.compile(r"(access_token|token|key|secret|sign|pwd|password)=", re.IGNORECASE)


@dataclass
class Shown:
    """One value on the page: a short text, the full text when shortened, or a list of items."""

    text: str = ""
    full: str = ""
    items: list[str] = field(default_factory=list)
    empty: bool = False


@cache
def enums() -> dict[tuple[str | None, str], dict]:
    """The app's own label dicts for each enumerated column ((table, column), table None: any table)."""
    from cxgov import permissions
    from cxgov.actions import labels as actions
    from cxgov.alignment import labels as alignment
    from cxgov.assessments import labels as assessments
    from cxgov.assessments.forms import PERSPECTIVE_LABELS
    from cxgov.i18n import LOCALE_NAMES
    from cxgov.org.labels import DEPARTMENT_KIND_LABELS, MONTH_LABELS
    from cxgov.reviews import labels as reviews
    from cxgov.rhythm import chat_labels
    from cxgov.rhythm.mail_labels import FREQUENCY_LABELS
    from cxgov.targets import labels as targets
    from cxgov.targets.forms import DIRECTION_LABELS, KIND_LABELS
    from cxgov.teams import labels as teams
    from cxgov.workshops import labels as workshops

    return {
        ("action_items", "status"): actions.STATUS_LABELS, ("action_items", "source"): actions.SOURCE_LABELS,
        ("targets", "final_status"): targets.STATUS_LABELS, ("targets", "approval"): targets.APPROVAL_LABELS,
        ("targets", "kind"): KIND_LABELS, ("targets", "direction"): DIRECTION_LABELS,
        ("departments", "kind"): DEPARTMENT_KIND_LABELS, ("workshop_ideas", "kind"): workshops.KIND_LABELS,
        ("workshop_ideas", "stage"): workshops.STAGE_LABELS, ("workshop_ideas", "decision"): workshops.DECISION_LABELS,
        ("workshop_ideas", "impact"): workshops.SCALE_LABELS, ("workshop_ideas", "effort"): workshops.SCALE_LABELS,
        ("workshops", "method"): workshops.METHOD_LABELS, ("workshop_invitations", "rsvp"): workshops.RSVP_LABELS,
        ("chat_channels", "kind"): chat_labels.KIND_LABELS, ("chat_channels", "language"): chat_labels.LANGUAGE_LABELS,
        ("user_roles", "role"): permissions.ROLE_LABELS, ("team_assignments", "role"): teams.ROLE_LABELS,
        ("rotation_plans", "cadence"): teams.CADENCE_LABELS,
        ("assessment_cycles", "state"): assessments.STATE_LABELS, ("quarterly_reviews", "state"): reviews.STATE_LABELS,
        ("alignment_reviews", "state"): alignment.STATE_LABELS, ("alignment_areas", "rating"): alignment.RATING_LABELS,
        ("alignment_areas", "key"): alignment.AREA_LABELS, ("alignment_cells", "value"): alignment.CELL_LABELS,
        ("respondents", "perspective"): PERSPECTIVE_LABELS, ("mail_preferences", "frequency"): FREQUENCY_LABELS,
        ("organisations", "fiscal_year_start_month"): MONTH_LABELS,
        ("chat_channels", "digest_weekday"): dict(enumerate(chat_labels.WEEKDAY_LABELS)),
        ("mail_preferences", "weekday"): dict(enumerate(chat_labels.WEEKDAY_LABELS)),
        ("report_versions", "kind"): REPORT_KIND_LABELS, ("report_jobs", "kind"): REPORT_KIND_LABELS,
        ("report_jobs", "state"): JOB_STATE_LABELS, ("calendar_feeds", "scope"): CALENDAR_SCOPE_LABELS,
        (None, "locale"): LOCALE_NAMES, (None, "default_locale"): LOCALE_NAMES, (None, "lang"): LOCALE_NAMES,
    }


def column(table: str, name: str) -> sa.Column | None:
    """The column as the models declare it today (None for a table or column removed since)."""
    found = db.Model.metadata.tables.get(table)
    return found.c.get(name) if found is not None else None


def referenced_table(table: str, name: str) -> str | None:
    """The table a foreign-key column points to."""
    col = column(table, name)
    return next((fk.column.table.name for fk in col.foreign_keys), None) if col is not None else None


def show(table: str, name: str, value, names: dict[tuple[str, int], str]) -> Shown:
    """One stored value as its reader would say it; never raises on an unexpected shape."""
    if value is None or value == "":
        return Shown("—", empty=True)
    if name in SECRET_FIELDS or "secret" in name or (isinstance(value, str) and _TOKEN_IN_URL.search(value)):
        return Shown(_("changed"))
    try:
        return _typed(table, name, value, names)
    except (TypeError, ValueError, OverflowError, KeyError):
        return _text(value)


def _typed(table: str, name: str, value, names) -> Shown:
    """The value by the column's meaning: enumeration, record, type."""
    labels = enums().get((table, name)) or enums().get((None, name))
    if labels is not None and not isinstance(value, (list, dict)):
        return Shown(str(labels.get(value, value)))
    target = referenced_table(table, name)
    if target and isinstance(value, int) and not isinstance(value, bool):
        return Shown(names.get((target, value)) or f"#{value}")
    col = column(table, name)
    kind = col.type if col is not None else None
    if isinstance(kind, sa.types.TypeDecorator):
        kind = kind.impl
    if isinstance(value, bool) or isinstance(kind, sa.Boolean):
        return Shown(_("Yes") if value in (True, 1, "true", "1") else _("No"))
    if isinstance(kind, sa.DateTime):
        moment = datetime.fromisoformat(value)
        return Shown(format_datetime(moment if moment.tzinfo else moment.replace(tzinfo=UTC), "short"))
    if isinstance(kind, sa.Date):
        return Shown(format_date(date.fromisoformat(value), "medium"))
    if name in ("month", "from_month", "points_cap_month") and isinstance(value, str):
        from cxgov.rhythm.labels import month_text

        return Shown(month_text(value))
    if isinstance(value, (list, dict)) or isinstance(kind, sa.JSON):
        return _listed(json.loads(value) if isinstance(value, str) else value)
    if isinstance(value, (int, float)):
        return Shown(format_decimal(value))
    return _text(value)


def _listed(value) -> Shown:
    """A JSON list as items; a mapping as "key: value" items."""
    if isinstance(value, dict):
        return Shown(items=[f"{key}: {_plain(item)}" for key, item in value.items()])
    if isinstance(value, list):
        return Shown("—", empty=True) if not value else Shown(items=[_plain(item) for item in value])
    return _text(value)


def _plain(item) -> str:
    """A list item as text (nested structures as compact JSON)."""
    return item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)


def _text(value) -> Shown:
    """Any value as text, shortened with the full text kept when long or on several lines."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) <= SHORT and "\n" not in text:
        return Shown(text)
    first = text.splitlines()[0] if text.strip() else text
    return Shown(first[:SHORT].rstrip() + "…", full=text)
