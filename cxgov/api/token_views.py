"""Account pages where people create and revoke their personal API tokens."""
from flask import Blueprint, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov.api import operations
from cxgov.api.forms import TokenForm
from cxgov.api.tokens import ApiToken
from cxgov.extensions import db
from cxgov.org.forms import ConfirmForm
from cxgov.permissions import can_revoke_token, can_use_api, check, require

bp = Blueprint("tokens", __name__)


@bp.route("/account/tokens", methods=["GET", "POST"])
@require(can_use_api)
def index():
    """My tokens, and a form to create one; a new token is shown on the answer page only, once."""
    form = TokenForm()
    if form.validate_on_submit():
        token, plain = operations.create_token(current_user, form.name.data)
        db.session.commit()
        response = make_response(render_template("api/token_created.html", token=token, plain=plain))
        response.headers["Cache-Control"] = "no-store"  # the only copy of the token: keep it out of caches
        return response
    return render_template("api/tokens.html", form=form, tokens=operations.tokens_of(current_user),
                           confirm=ConfirmForm())


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@require(can_use_api)
def revoke(token_id: int):
    """Revoke one of my tokens; it stops working at once."""
    token = db.get_or_404(ApiToken, token_id)
    check(can_revoke_token(current_user, token))
    if ConfirmForm().validate_on_submit():
        operations.revoke_token(token)
        db.session.commit()
        flash(_("The token “%(name)s” has been revoked.", name=token.name), "success")
    return redirect(url_for("tokens.index"))
