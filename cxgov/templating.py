"""Jinja filters and globals shared by every template."""
from datetime import datetime

from flask import Flask, g
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l

from cxgov import clock, permissions
from cxgov.i18n import LOCALE_NAMES, html_lang
from cxgov.org.labels import DEPARTMENT_KIND_LABELS, MONTH_LABELS

TABLE_LABELS = {
    "users": _l("User"),
    "user_roles": _l("User role"),
    "departments": _l("Department"),
    "organisations": _l("Organisation"),
    "api_tokens": _l("API token"),
    "frameworks": _l("Maturity framework"),
    "assessment_cycles": _l("Assessment cycle"),
    "cycle_departments": _l("Cycle department"),
    "cycle_targets": _l("Cycle target"),
    "respondents": _l("Respondent"),
    "answers": _l("Answer"),
    "calibrations": _l("Calibration"),
    # Each feature below adds its tables under its own marker.
    # --- teams ---
    "team_assignments": _l("Team assignment"),
    "rotation_plans": _l("Rotation plan"),
    "rotation_pool": _l("Rotation pool member"),
    "leave_periods": _l("Leave period"),
    "rotation_terms": _l("Rotation term"),
    "handovers": _l("Handover"),
    # --- targets ---
    "target_settings": _l("Target settings"),
    "targets": _l("Monthly target"),
    "target_updates": _l("Target update"),
    "month_closes": _l("Month close"),
    # --- workshops ---
    "workshops": _l("Workshop"),
    "workshop_goals": _l("Workshop series goal"),
    "workshop_departments": _l("Workshop department"),
    "workshop_invitations": _l("Workshop invitation"),
    "workshop_attendance": _l("Workshop attendance"),
    "workshop_feedback": _l("Workshop feedback"),
    "workshop_ideas": _l("Workshop idea"),
    # --- actions ---
    "action_items": _l("Action item"),
    # --- reviews ---
    "quarterly_reviews": _l("Quarterly review"),
    "review_decisions": _l("Review decision"),
    "review_settings": _l("Review agenda"),
    # --- alignment ---
    "alignment_reviews": _l("Alignment review"),
    "alignment_attributes": _l("Intended experience attribute"),
    "alignment_areas": _l("Alignment area"),
    "alignment_cells": _l("Alignment matrix cell"),
    # --- reports ---
    "report_versions": _l("Published report"),
    # --- rhythm: inbox ---
    "inbox_snoozes": _l("Snoozed inbox item"),
}

ACTION_LABELS = {"create": _l("Created"), "update": _l("Changed"), "delete": _l("Deleted")}


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
    )
    app.jinja_env.globals.update(
        can=permissions, LOCALE_NAMES=LOCALE_NAMES, html_lang=html_lang, get_locale=get_locale,
        organisation_name=organisation_name, now=clock.now,
        month_label=lambda m: MONTH_LABELS.get(m, m),
    )
    app.jinja_env.policies["ext.i18n.trimmed"] = True
