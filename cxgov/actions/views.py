"""The action tracker's pages."""
from flask import Blueprint

bp = Blueprint("actions", __name__, url_prefix="/actions")


@bp.route("/")
def index():
    """Placeholder until the tracker's pages land."""
    return ""
