"""Home page and health check."""
import sqlalchemy as sa
from flask import Blueprint, jsonify, render_template
from flask_login import current_user

from cxgov import clock
from cxgov.extensions import db
from cxgov.org import operations, queries
from cxgov.permissions import can_view_app, require

bp = Blueprint("main", __name__)


@bp.route("/")
@require(can_view_app)
def home():
    """Where each role starts: the organisation's promise and the user's place in it."""
    org = operations.get_organisation()
    depts = queries.departments()
    return render_template("main/home.html", org=org, departments=depts, counts=queries.member_counts(),
                           loc=queries.locale_code(), user=current_user, maturity=_latest_maturity(),
                           todo=_my_open_questionnaires(), my_actions=_my_actions())


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


def _my_open_questionnaires():
    """Open cycles waiting for the signed-in user's answers."""
    from cxgov.assessments.models import Cycle, Respondent

    return db.session.scalars(sa.select(Respondent).join(Cycle).where(
        Respondent.user_id == current_user.id, Cycle.state == "open", Respondent.submitted_at.is_(None))).all()


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
