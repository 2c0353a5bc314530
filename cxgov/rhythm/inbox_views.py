"""The inbox (what is waiting for me, with filters and the snoozed view), snoozing, the CX office's approval
queue with bulk approval, and the header badge; registered on `cxgov.rhythm.views.bp`."""
from __future__ import annotations

from datetime import date

from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from cxgov import clock
from cxgov.auth.views import _safe_next
from cxgov.permissions import can_manage_targets, can_use_inbox, require
from cxgov.rhythm import due, inbox, inbox_approvals
from cxgov.rhythm import labels as rhythm_labels
from cxgov.rhythm.views import bp
from cxgov.webtools import attempt

VIEWS = ("open", "snoozed")


@bp.route("/inbox")
@require(can_use_inbox)
def inbox_page():
    """My due items, filtered by kind and urgency; or the ones I snoozed."""
    today = clock.today()
    shown = inbox.open_items(current_user.id, today)
    hidden = inbox.snoozed_items(current_user.id, today)
    view = request.args.get("view") if request.args.get("view") in VIEWS else "open"
    kind = request.args.get("kind") if request.args.get("kind") in due.KINDS else None
    urgency = request.args.get("urgency") if request.args.get("urgency") in due.URGENCIES else None
    pool = [s.item for s in hidden] if view == "snoozed" else shown
    listed = [i for i in pool if (kind is None or i.kind == kind) and (urgency is None or i.urgency == urgency)]
    until = {s.item.key: s.until for s in hidden}
    return render_template("rhythm/inbox.html", items=listed, until=until, view=view, kind=kind, urgency=urgency,
                           counts=inbox.counts(pool), kinds=inbox.kind_counts(pool), open_count=len(shown),
                           snoozed_count=len(hidden), today=today)


@bp.route("/inbox/snooze", methods=["POST"])
@require(can_use_inbox)
def snooze():
    """Hide one of my items until a date."""
    until = _date(request.form.get("until"))
    attempt(lambda: inbox.snooze(current_user, request.form.get("key", ""), until, clock.today()),
            _("Snoozed until %(day)s: it comes back on that date.", day=_shown(until)))
    return redirect(_safe_next(request.form.get("next") or url_for("rhythm.inbox_page")))


@bp.route("/inbox/unsnooze", methods=["POST"])
@require(can_use_inbox)
def unsnooze():
    """Bring a snoozed item back now."""
    attempt(lambda: inbox.unsnooze(current_user, request.form.get("key", "")), _("The item is back in your inbox."))
    return redirect(_safe_next(request.form.get("next") or url_for("rhythm.inbox_page", view="snoozed")))


@bp.route("/inbox/approvals", methods=["GET", "POST"])
@require(can_manage_targets)
def approvals():
    """The draft targets of open months, ticked and approved together (all or nothing)."""
    if request.method == "POST":
        chosen = _chosen(request.form)
        attempt(lambda: inbox_approvals.approve_many(chosen, current_user, clock.today()),
                ngettext("%(num)d target approved.", "%(num)d targets approved.", len(chosen)))
        return redirect(url_for("rhythm.approvals"))
    queue = inbox_approvals.queue(clock.today())
    return render_template("rhythm/inbox_approvals.html", months=inbox_approvals.by_month(queue), total=len(queue),
                           today=clock.today())


def _chosen(form) -> list[int]:
    """The ticked targets, or every draft of a month when its "approve all" button was pressed."""
    month = form.get("all_of_month")
    if month:
        return [t.id for t in inbox_approvals.queue(clock.today()) if t.month == month]
    return [int(v) for v in form.getlist("target_id") if v.isascii() and v.isdigit() and len(v) < 10]  # not "²"


def _date(text: str | None) -> date | None:
    """A date typed or picked as YYYY-MM-DD, or None (the gate then says what to enter)."""
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _shown(day: date | None) -> str:
    from flask_babel import format_date

    return format_date(day) if day else ""


# --- the header badge and the helpers the templates share ---
def item_url(item: due.Item) -> str:
    """Where the item's task is done; draft targets open the approval queue at their month."""
    if item.kind == due.APPROVE:
        return url_for(item.endpoint, **item.url_args, _anchor=f"month-{item.values.get('month', '')}")
    return url_for(item.endpoint, **item.url_args)


def inbox_count() -> int | None:
    """The number of my open items, computed at most once per request; None for who has no inbox."""
    if "inbox_count" not in g:
        g.inbox_count = (len(inbox.open_items(current_user.id, clock.today()))
                         if current_user.is_authenticated and can_use_inbox(current_user) else None)
    return g.inbox_count


@bp.app_context_processor
def inbox_helpers() -> dict:
    """`inbox_count()` for the header; the wording of due items for the inbox and the home page."""
    return {"inbox_count": inbox_count, "item_url": item_url, "describe_item": rhythm_labels.describe,
            "deadline_text": rhythm_labels.deadline_text, "KIND_LABELS": rhythm_labels.KIND_LABELS,
            "URGENCY_LABELS": rhythm_labels.URGENCY_LABELS, "can_snooze": inbox.can_snooze,
            "snooze_default": inbox.default_until, "snooze_bounds": inbox.snooze_bounds,
            "month_text": rhythm_labels.month_text}
