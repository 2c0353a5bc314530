"""Language and time-zone selection for Flask-Babel."""
from flask import g, has_request_context, request, session
from flask_login import current_user

from cxgov.extensions import db

SUPPORTED_LOCALES = ("en", "zh")
LOCALE_NAMES = {"en": "English", "zh": "中文"}


def organisation_default_locale() -> str:
    """The organisation's default language, read once per request."""
    if "org_locale" not in g:
        from cxgov.org.models import Organisation

        org = db.session.scalar(db.select(Organisation).limit(1))
        g.org_locale = org.default_locale if org else "en"
    return g.org_locale


def select_locale() -> str:
    """User's setting, else the session choice, else Accept-Language, else the organisation default.

    Outside a request (the task consumer, a CLI command) there is no reader: the organisation's language.
    """
    if not has_request_context():
        return organisation_default_locale()
    if current_user and current_user.is_authenticated and current_user.locale in SUPPORTED_LOCALES:
        return current_user.locale
    if session.get("locale") in SUPPORTED_LOCALES:
        return session["locale"]
    best = request.accept_languages.best_match(SUPPORTED_LOCALES)
    return best or organisation_default_locale()


def html_lang(locale) -> str:
    """The value of <html lang> for a Babel locale."""
    return "zh-CN" if str(locale).startswith("zh") else "en"
