"""Small pieces every feature's views share: run a change and say how it went."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, request
from flask_babel import gettext as _

from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.rules import Invalid, Refusal, field_messages, word


def _stale(message: str | Callable[[], str] | None) -> str:
    """What a save based on an older version is told: the view's message (a callable may read the newer version)
    or a general one."""
    if callable(message):
        return message()
    return message or _("Someone changed this in the meantime; your change was not saved. Here is the newer version.")


def attempt(change: Callable[[], object], success: str, stale: str | Callable[[], str] | None = None) -> bool:
    """Run a change and commit it, flashing `success`; or roll back and flash why it was refused.

    A rule's refusal is worded by cxgov.rules; a save based on an older version flashes `stale`.
    """
    try:
        change()
    except Refusal as error:
        db.session.rollback()
        flash(word(error), "error")
        return False
    except StaleEdit:
        db.session.rollback()
        flash(_stale(stale), "error")
        return False
    db.session.commit()
    flash(success, "success")
    return True


def saved(change: Callable[[], object], form=None, stale: str | Callable[[], str] | None = None):
    """Run a form's change and commit it, returning what it made; or roll back and return None.

    A refusal is shown on the form: each invalid field's problem beside the field, anything else flashed.
    A save based on an older version flashes `stale` and reloads the page, which shows the newer version.
    """
    try:
        result = change()
    except Refusal as error:
        db.session.rollback()
        show_refusal(error, form)
        return None
    except StaleEdit:
        db.session.rollback()
        flash(_stale(stale), "error")
        abort(redirect(this_page()))
    db.session.commit()
    return result


def this_page() -> str:
    """The current page's address without scheme and host: a Location never repeats a request's Host header."""
    return request.script_root + request.full_path.rstrip("?")


def show_refusal(error: Refusal, form=None) -> None:
    """Put each invalid field's problem under the form's field; flash what concerns no field of the form."""
    fields = field_messages(error) if isinstance(error, Invalid) else {}
    elsewhere = []
    for name, messages in fields.items():
        if form is not None and name in form:
            form[name].errors = [*form[name].errors, *messages]
        else:
            elsewhere += messages
    if not fields or elsewhere:
        flash(" ".join(elsewhere) if fields else word(error), "error")


def flash_errors(form) -> None:
    """Say which fields were refused (when the page redirects, the form cannot show them in place)."""
    for name, errors in form.errors.items():
        label = getattr(form, name).label.text if hasattr(form, name) else name
        flash(f"{label}: {' '.join(str(e) for e in errors)}", "error")


def paginated(statement, per_page: int, raw_page=None):
    """One page of a query's rows for an HTML list (Flask-SQLAlchemy's Pagination), from the `page` argument:
    anything that is not a page number is the first page, a page beyond the last is the last one."""
    from cxgov.paging import page_number

    number = page_number(request.args.get("page") if raw_page is None else raw_page)
    page = db.paginate(statement, page=number, per_page=per_page, error_out=False)
    if page.page > page.pages > 0:
        page = db.paginate(statement, page=page.pages, per_page=per_page, error_out=False)
    return page
