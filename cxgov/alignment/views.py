"""Alignment review pages."""
from flask import Blueprint

bp = Blueprint("alignment", __name__, url_prefix="/alignment")


@bp.route("/")
def index():
    """Placeholder until the alignment pages land."""
    return ""
