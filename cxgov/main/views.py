"""Home page and health check."""
import sqlalchemy as sa
from flask import Blueprint, jsonify, render_template
from flask_login import current_user

from cxgov import clock
from cxgov.extensions import db
from cxgov.org import operations, queries
from cxgov.permissions import can_use_inbox, can_view_app, require

bp = Blueprint("main", __name__)


@bp.route("/")
@require(can_view_app)
def home():
    """Where each role starts: what is waiting for the user, the organisation's promise and its figures."""
    org, loc = operations.get_organisation(), queries.locale_code()
    departments = queries.department_rows(loc, first_id=current_user.department_id, limit=HOME_DEPARTMENTS)
    return render_template("main/home.html", org=org, departments=departments,
                           departments_total=queries.department_count(), loc=loc, user=current_user,
                           maturity=_latest_maturity(), waiting=_waiting(), my_actions=_my_actions(),
                           today=clock.today())


HOME_DEPARTMENTS = 8  # the home page names a few departments, one's own first; the directory pages through all
HOME_ITEMS = 8  # due items listed on the home page; the inbox lists them all


def _waiting() -> dict | None:
    """The signed-in user's open due items (the first few), their counts by urgency and the approval queue."""
    from cxgov.rhythm import due, inbox

    if not can_use_inbox(current_user):
        return None
    today = clock.today()
    items = inbox.open_items(current_user.id, today)
    return {"items": items[:HOME_ITEMS], "total": len(items), "counts": inbox.counts(items),
            "snoozed": len(inbox.snoozed_items(current_user.id, today)),
            "approvals": [i for i in items if i.kind == due.APPROVE]}


def _latest_maturity():
    """The company's maturity (latest full published cycle) and any later partial cycle, or None."""
    from cxgov.assessments import results, scoring

    view, partials = results.headline()
    if view is None and not partials:
        return None
    widest = max(view.dimensions, key=lambda d: view.result.walls[d.code].sd or 0, default=None) if view else None
    return {"view": view, "level": scoring.level_of(view.result.overall) if view else None,
            "change": view.overall_change() if view else None, "widest": widest,
            "partials": partials[:HOME_PARTIALS]}


HOME_PARTIALS = 2  # later partial cycles named on the home page (each one's results page says what it covered)


def _my_actions():
    """The signed-in user's open actions (the first few, soonest due) and how many are open and overdue."""

    from cxgov.actions import queries as actions

    return actions.my_summary(current_user.id, clock.today())


@bp.route("/healthz")
def healthz():
    """Liveness and database status as JSON (no sign-in: for load balancers)."""
    try:
        db.session.execute(sa.text("SELECT 1"))
        database = "ok"
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database=database, backend=db.engine.dialect.name)
