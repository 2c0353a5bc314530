"""Reads for the alignment pages and the annual report, in a fixed number of queries."""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import selectinload

from cxgov.actions.labels import STATUS_LABELS as ACTION_STATUSES
from cxgov.actions.models import ActionItem
from cxgov.alignment import compare
from cxgov.alignment.labels import CELL_LABELS, CHANGE_LABELS, RATING_LABELS, STATE_LABELS, area_name
from cxgov.alignment.models import AlignmentArea, AlignmentReview
from cxgov.extensions import db

_FULL = (selectinload(AlignmentReview.attributes),
         selectinload(AlignmentReview.areas).selectinload(AlignmentArea.owner),
         selectinload(AlignmentReview.areas).selectinload(AlignmentArea.cells),
         selectinload(AlignmentReview.signed_off_by))


def reviews() -> list[AlignmentReview]:
    """Every year's review, newest first, with areas and cells loaded for the counts."""
    return list(db.session.scalars(sa.select(AlignmentReview).options(
        selectinload(AlignmentReview.areas).selectinload(AlignmentArea.cells),
        selectinload(AlignmentReview.signed_off_by)).order_by(AlignmentReview.year.desc())))


def review_for_year(year: int) -> AlignmentReview | None:
    """A year's review with attributes, areas, owners, cells and who signed it off."""
    return db.session.scalar(sa.select(AlignmentReview).where(AlignmentReview.year == year).options(*_FULL))


def load_review(year: int) -> AlignmentReview:
    """A year's review, or 404."""
    review = review_for_year(year)
    if review is None:
        abort(404)
    return review


def load_area(area_id: int) -> AlignmentArea:
    """An area with its review (and the review's areas and attributes), or 404."""
    area = db.session.scalar(sa.select(AlignmentArea).where(AlignmentArea.id == area_id).options(
        selectinload(AlignmentArea.owner), selectinload(AlignmentArea.review).selectinload(AlignmentReview.areas)))
    if area is None:
        abort(404)
    return area


def previous_review(year: int) -> AlignmentReview | None:
    """The latest review before `year` (last year's, normally), with its areas."""
    return db.session.scalar(sa.select(AlignmentReview).where(AlignmentReview.year < year)
                             .options(selectinload(AlignmentReview.areas))
                             .order_by(AlignmentReview.year.desc()).limit(1))


def rows(areas) -> list[compare.AreaRow]:
    """Areas as the comparison's plain rows."""
    return [compare.AreaRow(a.key, a.name, a.rating) for a in areas]


def area_changes(review: AlignmentReview, last: AlignmentReview | None) -> dict[int, tuple]:
    """{area id: (last year's rating, change)} for a review's areas; (None, None) for a first review."""
    if last is None:
        return {area.id: (None, None) for area in review.areas}
    pairs = compare.changes(rows(review.areas), rows(last.areas))
    return {area.id: pair for area, pair in zip(review.areas, pairs, strict=True)}


def review_summary(review: AlignmentReview, changes: dict[int, tuple] | None = None) -> dict[str, int]:
    """Rating counts, matrix conflicts and (given the changes) areas improved or worse."""
    cells = [c.value for area in review.areas for c in area.cells]
    return compare.summary([a.rating for a in review.areas], cells,
                           [change for _last, change in (changes or {}).values()])


def actions_by_area(area_ids: list[int]) -> dict[int, list[ActionItem]]:
    """Each area's corrective actions, oldest first, with their owners (two queries)."""
    grouped: dict[int, list[ActionItem]] = defaultdict(list)
    if not area_ids:
        return grouped
    for action in db.session.scalars(
            sa.select(ActionItem).options(selectinload(ActionItem.owner))
            .where(ActionItem.source == "alignment", ActionItem.source_id.in_(area_ids)).order_by(ActionItem.id)):
        grouped[action.source_id].append(action)
    return grouped


def report_data(year: int) -> dict | None:
    """A year's review as plain data for the annual report (labels in the current locale), or None."""
    review = review_for_year(year)
    if review is None:
        return None
    last = previous_review(year)
    changes = area_changes(review, last)
    actions = actions_by_area([a.id for a in review.areas])
    return {
        "review": _review_data(review),
        "previous_year": last.year if last else None,
        "attributes": [{"id": a.id, "name": a.name, "description": a.description} for a in review.attributes],
        "areas": [_area_data(area, *changes[area.id], actions.get(area.id, [])) for area in review.areas],
        "matrix": _matrix_data(review),
        "summary": review_summary(review, changes),
    }


def _review_data(review: AlignmentReview) -> dict:
    """The review's own facts."""
    return {"year": review.year, "state": review.state, "state_label": str(STATE_LABELS[review.state]),
            "intended_experience": review.intended_experience, "summary": review.summary,
            "signed_off_by": review.signed_off_by.name if review.signed_off_by else None,
            "signed_off_at": review.signed_off_at}


def _label(labels: dict, key: str | None) -> str | None:
    """A translated label, or None for no value."""
    return str(labels[key]) if key in labels else None


def _area_data(area: AlignmentArea, last: str | None, change: str | None, actions: list[ActionItem]) -> dict:
    """One area's row of the report."""
    return {"id": area.id, "key": area.key, "name": area_name(area), "rating": area.rating,
            "rating_label": _label(RATING_LABELS, area.rating), "evidence": area.evidence,
            "owner": area.owner.name if area.owner else None, "last_rating": last,
            "last_rating_label": _label(RATING_LABELS, last), "change": change,
            "change_label": _label(CHANGE_LABELS, change),
            "actions": [{"id": a.id, "title": a.title, "owner": a.owner.name, "due_on": a.due_on,
                         "status": a.status, "status_label": str(ACTION_STATUSES[a.status]), "done_on": a.done_on}
                        for a in actions]}


def _matrix_data(review: AlignmentReview) -> dict:
    """The area × attribute matrix: rows of cells in attribute order (unset cells are neutral)."""
    rows_out = []
    for area in review.areas:
        values = {c.attribute_id: c.value for c in area.cells}
        rows_out.append({"area": area_name(area), "key": area.key, "cells": [
            {"attribute": attr.name, "value": values.get(attr.id, "neutral"),
             "label": str(CELL_LABELS[values.get(attr.id, "neutral")])} for attr in review.attributes]})
    return {"attributes": [a.name for a in review.attributes], "rows": rows_out}
