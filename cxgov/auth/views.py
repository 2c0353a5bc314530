"""Sign in, sign out, change password, personal preferences."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from cxgov.auth import operations, throttle
from cxgov.auth.forms import ChangePasswordForm, LoginForm, PreferencesForm
from cxgov.extensions import db
from cxgov.permissions import can_view_app, require

bp = Blueprint("auth", __name__)

# A dummy hash so that an unknown e-mail costs as much time as a wrong password.
_DUMMY_HASH = "scrypt:32768:8:1$dummysalt$" + "0" * 128


def _safe_next(target: str | None) -> str:
    """Only follow a relative 'next' URL on this site."""
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with e-mail and password; messages never reveal whether an e-mail exists."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        ip = request.remote_addr
        cfg = current_app.config
        if throttle.is_locked(email, ip, cfg["CXGOV_LOGIN_MAX_FAILURES"], cfg["CXGOV_LOGIN_LOCK_MINUTES"]):
            flash(_("Too many failed attempts. Please wait %(m)s minutes and try again.",
                    m=cfg["CXGOV_LOGIN_LOCK_MINUTES"]), "error")
            return render_template("auth/login.html", form=form), 429
        user = operations.find_user_by_email(email)
        ok = user.check_password(form.password.data) if user else _burn_time(form.password.data)
        if ok and user.active:
            throttle.record_attempt(email, ip, True)
            operations.note_sign_in(user)
            db.session.commit()
            session.permanent = True
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        throttle.record_attempt(email, ip, False)
        db.session.commit()
        flash(_("The e-mail or password is not correct, or the account is not active."), "error")
    return render_template("auth/login.html", form=form)


def _burn_time(password: str) -> bool:
    """Check a password against a dummy hash; always False."""
    from werkzeug.security import check_password_hash

    check_password_hash(_DUMMY_HASH, password)
    return False


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST, so that a link on another site cannot sign you out)."""
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@require(can_view_app)
def change_password():
    """Change one's own password; other sessions end, this one continues."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("The current password is not correct."))
        else:
            operations.change_password(current_user, form.new.data)
            db.session.commit()
            login_user(current_user._get_current_object())  # the proxy itself must not be stored
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/account/preferences", methods=["GET", "POST"])
@require(can_view_app)
def preferences():
    """Personal preferences such as the language."""
    form = PreferencesForm(locale=current_user.locale or "")
    if form.validate_on_submit():
        operations.set_locale(current_user, form.locale.data)
        db.session.commit()
        flash(_("Your preferences have been saved."), "success")
        return redirect(url_for("auth.preferences"))
    return render_template("auth/preferences.html", form=form)


@bp.route("/language/<code>", methods=["POST"])
def switch_language(code: str):
    """Header switcher: stores the choice on the user, or in the session when signed out."""
    from cxgov.i18n import SUPPORTED_LOCALES

    if code not in SUPPORTED_LOCALES:
        return redirect(url_for("main.home"))
    session["locale"] = code
    if current_user.is_authenticated:
        operations.set_locale(current_user, code)
        db.session.commit()
    return redirect(_safe_next(request.form.get("next")))
