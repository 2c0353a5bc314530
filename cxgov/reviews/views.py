"""Quarterly review pages."""
from flask import Blueprint

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


@bp.route("/")
def index():
    """Placeholder until the review pages land."""
    return ""
