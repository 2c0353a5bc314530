"""Home page and health check."""
import sqlalchemy as sa
from flask import Blueprint, jsonify, render_template
from flask_login import current_user

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
                           loc=queries.locale_code(), user=current_user)


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
