"""Small pieces every feature's views share: run a change and say how it went."""
from __future__ import annotations

from collections.abc import Callable

from flask import flash
from flask_babel import gettext as _

from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.rules import Refusal, word

Rule = tuple[type[Exception], Callable[[Exception], str]]


def attempt(change: Callable[[], object], success: str, *rules: Rule) -> bool:
    """Run a change and commit it, flashing `success`; or roll back and flash why it was refused.

    A rule's refusal is worded by cxgov.rules; a stale version is always handled. `rules` pairs an
    exception class with the function that words it, for exceptions that are not refusals yet.
    """
    try:
        change()
    except Refusal as error:
        db.session.rollback()
        flash(word(error), "error")
        return False
    except StaleEdit:
        db.session.rollback()
        flash(_("Someone changed this review in the meantime; your change was not saved. Here is the newer "
                "version."), "error")
        return False
    except Exception as error:
        message = next((word(error) for kind, word in rules if isinstance(error, kind)), None)
        if message is None:
            raise
        db.session.rollback()
        flash(message, "error")
        return False
    db.session.commit()
    flash(success, "success")
    return True


def flash_errors(form) -> None:
    """Say which fields were refused (when the page redirects, the form cannot show them in place)."""
    for name, errors in form.errors.items():
        label = getattr(form, name).label.text if hasattr(form, name) else name
        flash(f"{label}: {' '.join(str(e) for e in errors)}", "error")
