"""Sign in, sign out, change password, personal preferences."""
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from cxgov.auth import operations, throttle
from cxgov.auth.forms import ChangePasswordForm, LoginForm, PreferencesForm
from cxgov.auth.session import now_seconds
from cxgov.extensions import db
from cxgov.permissions import can_view_app, require
from cxgov.rules import Refusal
from cxgov.webtools import show_refusal

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
        ip, limits = request.remote_addr, _limits()
        if not throttle.reserve(email, ip, limits):
            flash(_("Too many failed attempts. Please wait %(m)s minutes and try again.", m=limits.minutes), "error")
            # At most the lock's length: the oldest failure counted may leave the window sooner.
            return render_template("auth/login.html", form=form), 429, {"Retry-After": str(limits.minutes * 60)}
        user = operations.find_user_by_email(email)
        ok = bool(user.check_password(form.password.data) and user.active) if user else _burn_time(form.password.data)
        throttle.settle(email, ip, ok, limits)
        if ok:
            _sign_in(user, form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        db.session.commit()
        flash(_("The e-mail or password is not correct, or the account is not active."), "error")
    return render_template("auth/login.html", form=form)


def _limits() -> throttle.Limits:
    """The configured sign-in limits."""
    cfg = current_app.config
    return throttle.Limits(cfg["CXGOV_LOGIN_MAX_FAILURES"], cfg["CXGOV_LOGIN_LOCK_MINUTES"])


def _sign_in(user, remember: bool) -> None:
    """Start a session that lasts CXGOV_SESSION_HOURS at most, remembered on this device or not."""
    operations.note_sign_in(user)
    db.session.commit()
    session.permanent = True
    user.signed_in_at = now_seconds()
    login_user(user, remember=remember, duration=current_app.permanent_session_lifetime)


def _burn_time(password: str) -> bool:
    """Check a password against a dummy hash; always False."""
    from werkzeug.security import check_password_hash

    check_password_hash(_DUMMY_HASH, password)
    return False


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST, so that a link on another site cannot sign you out).

    The session ends on the server, not only in this browser: any copy of its cookies stops working.
    """
    if current_user.is_authenticated:
        operations.end_sessions(current_user)
        db.session.commit()
    logout_user()
    locale = session.get("locale")
    session.clear()  # nothing of the signed-in session outlives it (its CSRF token included) but the language
    if locale:
        session["locale"] = locale
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@require(can_view_app)
def change_password():
    """Change one's own password; other sessions end, this one continues."""
    form = ChangePasswordForm()
    user = current_user._get_current_object()  # the proxy itself must not be stored
    if form.validate_on_submit():
        try:
            operations.change_password(user, form.new.data, current=form.current.data)
        except Refusal as error:
            db.session.rollback()
            show_refusal(error, _PasswordForm(form))
        else:
            db.session.commit()
            _continue_session(user)
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/change_password.html", form=form)


def _continue_session(user) -> None:
    """Keep this device signed in after the token changed: same sign-in, same end, remembered if it was."""
    remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
    left = current_app.permanent_session_lifetime - timedelta(seconds=now_seconds() - user.signed_in_at)
    login_user(user, remember=remembered, duration=max(left, timedelta(seconds=1)))


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


class _PasswordForm:
    """The change form as the policy names its fields: the policy's "password" is the form's "new"."""

    def __init__(self, form: ChangePasswordForm):
        self.fields = {"password": form.new, "current": form.current}

    def __contains__(self, name: str) -> bool:
        return name in self.fields

    def __getitem__(self, name: str):
        return self.fields[name]
