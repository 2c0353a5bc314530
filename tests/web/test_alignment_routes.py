"""The alignment routes of the role × URL table in tests/web/test_access.py (merged there under its marker).

`data(d)` builds, once per table row, a draft review of 2031 (unrated, so it cannot be submitted or signed off)
and a review of 2030 in review, whose structure cannot change until it is sent back. POSTs are chosen so that an
allowed role's request cannot change the outcome for the roles checked after it: an empty form is refused, the
draft cannot be submitted, the review in review refuses every change to its attributes and areas.
"""
from __future__ import annotations

from types import SimpleNamespace

from cxgov.alignment import operations
from cxgov.extensions import db
from cxgov.permissions import CX_OFFICE, EXECUTIVE, ROLES

EVERYONE = set(ROLES)
EDITORS = {EXECUTIVE, CX_OFFICE}  # and the project director, none in the table
STARTERS = EDITORS


def data(d) -> SimpleNamespace:
    """The row's reviews, made on first use."""
    if not hasattr(d, "alignment"):
        fixed = operations.start_review(2030, d.users[CX_OFFICE])
        operations.add_attribute(fixed, "Installed within 48 hours")
        for area in fixed.areas:
            operations.rate_area(area, {"rating": "partly", "evidence": "", "owner_id": None}, None)
        operations.submit(fixed)
        draft = operations.start_review(2031, d.users[CX_OFFICE])
        db.session.commit()
        d.alignment = SimpleNamespace(draft=draft, fixed=fixed, area=draft.areas[0], fixed_area=fixed.areas[0],
                                      attribute=fixed.attributes[0])
    return d.alignment


def routes(api) -> dict:
    """(method, rule) -> (url builder, who may use it); `api` is the table's Api marker class."""
    a = data
    return {
        ("GET", "/alignment/"): (lambda d: "/alignment/", EVERYONE),
        ("POST", "/alignment/new"): (lambda d: "/alignment/new", STARTERS),  # no year: refused
        ("GET", "/alignment/<int:year>"): (lambda d: f"/alignment/{a(d).draft.year}", EVERYONE),
        ("GET", "/alignment/<int:year>/matrix"): (lambda d: f"/alignment/{a(d).draft.year}/matrix", EVERYONE),
        ("POST", "/alignment/<int:year>/matrix"): (lambda d: f"/alignment/{a(d).draft.year}/matrix", EDITORS),
        ("GET", "/alignment/areas/<int:area_id>"): (lambda d: f"/alignment/areas/{a(d).area.id}", EVERYONE),
        ("POST", "/alignment/areas/<int:area_id>"):  # no rating: refused
            (lambda d: f"/alignment/areas/{a(d).area.id}", EDITORS),
        ("POST", "/alignment/areas/<int:area_id>/actions"):  # empty action: refused
            (lambda d: f"/alignment/areas/{a(d).area.id}/actions", EDITORS),
        # The draft has unrated areas: submitting and signing off are refused for every role allowed to try.
        ("POST", "/alignment/<int:year>/submit"): (lambda d: f"/alignment/{a(d).draft.year}/submit", EDITORS),
        ("POST", "/alignment/<int:year>/sign-off"): (lambda d: f"/alignment/{a(d).draft.year}/sign-off", EDITORS),
        ("POST", "/alignment/<int:year>/send-back"): (lambda d: f"/alignment/{a(d).draft.year}/send-back", EDITORS),
        ("GET", "/alignment/<int:year>/setup"): (lambda d: f"/alignment/{a(d).draft.year}/setup", EDITORS),
        # Structure changes on the review in review: refused until it is sent back.
        ("POST", "/alignment/<int:year>/experience"):
            (lambda d: f"/alignment/{a(d).fixed.year}/experience", EDITORS),
        ("POST", "/alignment/<int:year>/attributes"):
            (lambda d: f"/alignment/{a(d).fixed.year}/attributes", EDITORS),
        ("POST", "/alignment/attributes/<int:attribute_id>"):
            (lambda d: f"/alignment/attributes/{a(d).attribute.id}", EDITORS),
        ("POST", "/alignment/attributes/<int:attribute_id>/delete"):
            (lambda d: f"/alignment/attributes/{a(d).attribute.id}/delete", EDITORS),
        ("POST", "/alignment/<int:year>/areas"): (lambda d: f"/alignment/{a(d).fixed.year}/areas", EDITORS),
        ("POST", "/alignment/areas/<int:area_id>/rename"):
            (lambda d: f"/alignment/areas/{a(d).fixed_area.id}/rename", EDITORS),
        ("POST", "/alignment/areas/<int:area_id>/delete"):
            (lambda d: f"/alignment/areas/{a(d).fixed_area.id}/delete", EDITORS),
        ("POST", "/alignment/areas/<int:area_id>/move"):
            (lambda d: f"/alignment/areas/{a(d).fixed_area.id}/move", EDITORS),
    }
