"""What the audit trail calls each record type and each field, in the reader's language.

Every audited table and every audited column has a label here; tests/web/test_audit_labels.py fails
when a new one appears without, so no raw column name reaches the page.
"""
from flask_babel import lazy_gettext as _l

from cxgov.actions.labels import FIELD_LABELS as ACTION_FIELDS

TABLE_LABELS = {
    "users": _l("User"), "user_roles": _l("User role"), "departments": _l("Department"),
    "organisations": _l("Organisation"), "api_tokens": _l("API token"), "frameworks": _l("Maturity framework"),
    "assessment_cycles": _l("Assessment cycle"), "cycle_departments": _l("Department in a cycle"),
    "cycle_targets": _l("Cycle target level"), "respondents": _l("Respondent"), "answers": _l("Answer"),
    "calibrations": _l("Calibrated score"), "team_assignments": _l("Team assignment"),
    "rotation_plans": _l("Rotation plan"), "rotation_pool": _l("Rotation pool member"),
    "leave_periods": _l("Leave period"), "rotation_terms": _l("Rotation term"), "handovers": _l("Handover"),
    "target_settings": _l("Target settings"), "targets": _l("Monthly target"), "target_updates": _l("Target update"),
    "month_closes": _l("Month close"), "workshops": _l("Workshop"), "workshop_goals": _l("Workshop series goal"),
    "workshop_departments": _l("Workshop department"), "workshop_invitations": _l("Workshop invitation"),
    "workshop_attendance": _l("Workshop attendance"), "workshop_feedback": _l("Workshop feedback"),
    "workshop_ideas": _l("Workshop idea"), "action_items": _l("Action item"),
    "quarterly_reviews": _l("Quarterly review"), "review_decisions": _l("Review decision"),
    "review_settings": _l("Review agenda"), "alignment_reviews": _l("Alignment review"),
    "alignment_attributes": _l("Intended experience attribute"), "alignment_areas": _l("Alignment area"),
    "alignment_cells": _l("Alignment matrix cell"), "report_versions": _l("Published report"),
    "report_jobs": _l("Report build"), "inbox_snoozes": _l("Snoozed inbox item"),
    "chat_channels": _l("Chat channel"), "mail_preferences": _l("E-mail reminder settings"),
    "calendar_feeds": _l("Calendar feed"),
}

ACTION_LABELS = {"create": _l("Created"), "update": _l("Changed"), "delete": _l("Deleted")}

# Who acted when nobody was signed in (the labels given to acting_as and the scheduler's triggers).
ACTOR_LABELS = {
    "system": _l("system"), "cli": _l("Command line"), "scheduler": _l("Scheduler"),
    "rotation scheduler": _l("Rotation scheduler"), "report publisher": _l("Report publisher"),
    "demo loader": _l("Demo loader"), "large demo loader": _l("Demo loader"),
}

CALENDAR_SCOPE_LABELS = {"person": _l("Personal feed"), "company": _l("Company feed")}

# The reports' fixed values, which have no labels of their own elsewhere.
REPORT_KIND_LABELS = {"annual": _l("Annual report")}
JOB_STATE_LABELS = {"queued": _l("Queued"), "running": _l("Running"), "done": _l("Done"), "failed": _l("Failed")}

# Columns whose value is never shown, only that it changed (most are never copied: see __audit_exclude__).
SECRET_FIELDS = frozenset({"password_hash", "token_hash", "session_token", "webhook_url", "secret",
                           "secret_stored", "secret_value"})

FIELD_LABELS = {
    **ACTION_FIELDS,
    "acknowledged_at": _l("Acknowledged at"), "acknowledged_by_id": _l("Acknowledged by"),
    "acknowledgement": _l("Acknowledgement"), "active": _l("Active"), "agenda": _l("Agenda"),
    "approval": _l("Approval"), "approved_at": _l("Approved at"), "approved_by_id": _l("Approved by"),
    "archived_at": _l("Archived at"), "area_id": _l("Area"), "attribute_id": _l("Attribute"),
    "baseline": _l("Baseline"), "brand_promise": _l("Brand promise"), "by_id": _l("Updated by"),
    "cadence": _l("Cadence"), "cancelled_at": _l("Cancelled at"), "capacity": _l("Capacity"),
    "carried_from_id": _l("Carried over from"), "chair_id": _l("Chair"), "change_reason": _l("Reason for the change"),
    "changed_by_id": _l("Changed by"), "close_day": _l("Month closes on day"), "closed_at": _l("Closed at"),
    "closed_by_id": _l("Closed by"), "cocreator_notes": _l("Co-creator notes"), "code": _l("Code"),
    "comment": _l("Comment"), "core_users_count": _l("Core users"), "corrects_id": _l("Corrects"),
    "created_by_id": _l("Created by"), "customers_count": _l("Customers"), "cycle_id": _l("Assessment cycle"),
    "data_cutoff_at": _l("Data cut-off"), "decision": _l("Decision"), "default_locale": _l("Default language"),
    "description_en": _l("Description (English)"), "description_zh": _l("Description (Chinese)"),
    "digest": _l("Weekly digest"), "digest_weekday": _l("Digest day"), "dimension_code": _l("Dimension"),
    "dimension_id": _l("Dimension"), "direction": _l("Direction"), "director_id": _l("Project director"),
    "done": _l("Done"), "dot_votes": _l("Dot votes"), "effort": _l("Effort"), "email": _l("E-mail"),
    "employees_count": _l("Employees"), "ends_at": _l("Ends at"), "ends_on": _l("Ends on"), "error": _l("Error"),
    "events": _l("Event messages"), "evidence": _l("Evidence"), "experts_count": _l("Experts"),
    "facilitator_id": _l("Facilitator"), "final_status": _l("Final status"), "finished_at": _l("Finished at"),
    "fiscal_year_start_month": _l("Fiscal year starts in"), "framework_id": _l("Maturity framework"),
    "frequency": _l("Frequency"), "from_month": _l("From month"), "id": _l("Number"), "impact": _l("Impact"),
    "intended_experience": _l("Intended experience"), "item_key": _l("Inbox item"), "job_title": _l("Job title"),
    "joined_on": _l("Joined on"), "key": _l("Area"), "kind": _l("Kind"), "kinds": _l("Reminder kinds"),
    "lang": _l("Language"), "langs": _l("Languages"), "language": _l("Language"), "lead_id": _l("Lead"),
    "left_on": _l("Left on"), "level": _l("Level"), "level_names": _l("Level names"), "locale": _l("Language"),
    "location": _l("Location"), "max_per_department": _l("Most targets per department"),
    "meeting_on": _l("Meeting date"), "method": _l("Method"), "method_note": _l("Method note"),
    "min_per_department": _l("Fewest targets per department"), "mission": _l("Mission"), "month": _l("Month"),
    "name": _l("Name"), "name_en": _l("Name (English)"), "name_zh": _l("Name (Chinese)"),
    "not_applicable": _l("Not applicable"), "note": _l("Note"), "notes": _l("Notes"), "number": _l("Number"),
    "on_date": _l("Date"), "online_url": _l("Online meeting link"), "open_items": _l("Open items"),
    "opens_on": _l("Opens on"), "pack_built_at": _l("Pack built at"), "pages": _l("Page count"),
    "parent_id": _l("Parent department"), "per_month": _l("Workshops per month"), "perspective": _l("Perspective"),
    "pinned": _l("Pinned"), "place": _l("Place"), "plan_id": _l("Rotation plan"), "points": _l("Points"),
    "points_allowed": _l("Points allowed"), "points_cap": _l("Points cap"), "points_cap_month": _l("Points cap from"),
    "position": _l("Position"), "practice_id": _l("Practice"), "prefix": _l("Token prefix"),
    "progress": _l("Progress"), "promoted_at": _l("Promoted at"), "promoted_by_id": _l("Promoted by"),
    "published_at": _l("Published at"), "published_by_id": _l("Published by"), "quarter": _l("Quarter"),
    "rating": _l("Rating"), "reason": _l("Reason"), "recorded_by_id": _l("Recorded by"),
    "requested_by_id": _l("Requested by"), "respondent_id": _l("Respondent"), "review_comment": _l("Review comment"),
    "review_id": _l("Review"), "revoked_at": _l("Revoked at"), "role": _l("Role"), "rsvp": _l("Reply"),
    "rsvp_at": _l("Replied at"), "rsvp_note": _l("Reply note"), "scope": _l("Scope"), "score": _l("Score"),
    "set_by_id": _l("Set by"), "sha256": _l("Checksum"), "signed_off_at": _l("Signed off at"),
    "signed_off_by_id": _l("Signed off by"), "size": _l("Size (bytes)"), "skipped": _l("Skipped"),
    "source": _l("Source"), "source_id": _l("Source record"), "stage": _l("Journey stage"),
    "started_at": _l("Started at"), "starts_at": _l("Starts at"), "starts_on": _l("Starts on"), "state": _l("State"),
    "step": _l("Step"), "submitted_at": _l("Submitted at"), "summary": _l("Summary"), "target": _l("Target level"),
    "target_id": _l("Monthly target"), "target_value": _l("Target value"), "term_id": _l("Rotation term"),
    "text": _l("Text"), "topic": _l("Topic"), "touchpoint": _l("Touchpoint"), "unit": _l("Unit"),
    "until": _l("Snoozed until"), "user_id": _l("Person"), "value": _l("Value"), "values": _l("Values"),
    "version_ids": _l("Published versions"), "vision": _l("Vision"), "walk_in": _l("Walk-in"),
    "weekday": _l("Weekday"), "window_closes_day": _l("Drafting closes on day"),
    "window_opens_day": _l("Drafting opens on day"), "withdrawal_reason": _l("Reason for withdrawing"),
    "withdrawn_at": _l("Withdrawn at"), "withdrawn_by_id": _l("Withdrawn by"), "workshop_id": _l("Workshop"),
    "written_by_id": _l("Written by"), "year": _l("Year"), "password_hash": _l("Password"),
    "token_hash": _l("Token"), "session_token": _l("Session"), "webhook_url": _l("Webhook address"),
    "secret_stored": _l("Secret"), "last_login_at": _l("Last signed in"),
}

# A column that means something else in one table.
TABLE_FIELD_LABELS = {
    ("alignment_cells", "value"): _l("Alignment"),
    ("report_versions", "number"): _l("Version"),
    ("rotation_terms", "number"): _l("Term number"),
    ("review_decisions", "text"): _l("Decision"),
    ("rotation_plans", "name"): _l("Plan name"), ("assessment_cycles", "name"): _l("Cycle name"),
    ("alignment_attributes", "name"): _l("Attribute name"), ("alignment_areas", "name"): _l("Area name"),
    ("api_tokens", "name"): _l("Token name"), ("chat_channels", "name"): _l("Channel name"),
    ("organisations", "name"): _l("Organisation name"),
}


def field_label(table: str, column: str) -> str:
    """A column's label in the reader's language; the raw name only for a column removed since."""
    return str(TABLE_FIELD_LABELS.get((table, column)) or FIELD_LABELS.get(column, column))


def table_label(table: str) -> str:
    """A record type in the reader's language."""
    return str(TABLE_LABELS.get(table, table))


def sort_key(text: str) -> tuple:
    """Sort labels as the reader expects: Chinese by pinyin, English alphabetically ignoring case."""
    from flask_babel import get_locale
    from pypinyin import lazy_pinyin

    if str(get_locale() or "en").startswith("zh"):
        return tuple(lazy_pinyin(text)), text
    return (text.casefold(),), text
