"""Calendar feeds: the secret .ics addresses calendar apps subscribe to (no sign-in), and the page where a person
creates or resets theirs (and the CX office the company's). Registered on `cxgov.rhythm.views.bp`."""
from __future__ import annotations

from flask import Response, abort, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov.org.forms import ConfirmForm
from cxgov.permissions import can_use_calendar, can_use_company_calendar, check, require
from cxgov.rhythm import calendar_tokens
from cxgov.rhythm.calendar import person_ics
from cxgov.rhythm.calendar_company import company_ics
from cxgov.rhythm.calendar_models import COMPANY, PERSON
from cxgov.rhythm.views import bp
from cxgov.webtools import attempt

# The secret is in the address: no cache in between may keep the feed or hand it to someone else.
PRIVATE = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}


def _ics(body: bytes, filename: str) -> Response:
    """An iCalendar answer that no shared cache keeps."""
    response = Response(body, content_type="text/calendar; charset=utf-8")
    response.headers.update(PRIVATE)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.route("/calendar/<token>.ics")
def person_feed(token: str):
    """A person's feed; an unknown, replaced or malformed secret and a deactivated person's feed answer 404."""
    feed = calendar_tokens.find(token, PERSON)
    if feed is None:
        abort(404)
    return _ics(person_ics(feed.user), "cxgov.ics")


@bp.route("/calendar/company/<token>.ics")
def company_feed(token: str):
    """The programme calendar of the company."""
    if calendar_tokens.find(token, COMPANY) is None:
        abort(404)
    return _ics(company_ics(), "cxgov-programme.ics")


def feed_url(endpoint: str, plain: str) -> str:
    """The full address of a feed, from the configured base URL (never the request's Host header)."""
    return url_for(endpoint, token=plain, _external=True)


@bp.route("/account/calendar")
@require(can_use_calendar)
def calendar_page():
    """My feed (and, for the CX office, the company's): whether it exists, and the buttons to create or reset it."""
    return _page()


def _page(person_url: str = "", company_url: str = "", status: int = 200):
    """The page; a new address is shown only on the answer that created it, never again (only its hash is kept)."""
    company = can_use_company_calendar(current_user)
    response = make_response(render_template(
        "rhythm/calendar_page.html", feed=calendar_tokens.person_feed(current_user),
        company=calendar_tokens.company_feed() if company else None, may_company=company,
        person_url=person_url, company_url=company_url, confirm=ConfirmForm()), status)
    response.headers.update(PRIVATE)
    return response


@bp.route("/account/calendar/reset", methods=["POST"])
@require(can_use_calendar)
def reset_calendar():
    """Create my feed or give it a new address; the old address answers 404 from now on."""
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("rhythm.calendar_page"))
    plain = []
    if not attempt(lambda: plain.append(calendar_tokens.renew_person_feed(current_user)),
                   _("Your calendar address is ready. Copy it now: it is shown only this once.")):
        return redirect(url_for("rhythm.calendar_page"))
    return _page(person_url=feed_url("rhythm.person_feed", plain[0]))


@bp.route("/account/calendar/company/reset", methods=["POST"])
@require(can_use_calendar)
def reset_company_calendar():
    """Create the company feed or give it a new address (the CX office)."""
    check(can_use_company_calendar(current_user))
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("rhythm.calendar_page"))
    plain = []
    if not attempt(lambda: plain.append(calendar_tokens.renew_company_feed(current_user)),
                   _("The programme calendar's address is ready. Copy it now: it is shown only this once.")):
        return redirect(url_for("rhythm.calendar_page"))
    return _page(company_url=feed_url("rhythm.company_feed", plain[0]))
