"""Every write on alignment reviews: start a year, shape it, rate it, add corrective actions, submit, sign off.

Signed-off reviews are read-only here as well as in the permissions: every write checks the state first.
Structure (intended experience, attributes, areas) changes only in draft; ratings, the matrix and corrective
actions change in draft and in review.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from cxgov import texts
from cxgov.actions import operations as actions
from cxgov.actions.models import ActionItem
from cxgov.alignment.models import (
    CELL_VALUES,
    RATINGS,
    STANDARD_AREAS,
    AlignmentArea,
    AlignmentAttribute,
    AlignmentCell,
    AlignmentReview,
)
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.operations import check_version, get_organisation
from cxgov.permissions import EXECUTIVE, can_edit_alignment, can_start_alignment, is_read_only
from cxgov.rules import Invalid, Refusal

RATING_FIELDS = ("rating", "evidence", "owner_id")
TEXT_LIMITS = {"name": (200, False), "description": (2000, True), "intended_experience": (4000, True),
               "evidence": (8000, True)}
YEARS = range(2000, 2101)


def _writable(review: AlignmentReview, by: User | None, *states: str) -> None:
    """Refuse any write on a signed-off review, one the current state does not allow, and one by someone who
    may not edit the review (`by` None is the system, e.g. the demo loader)."""
    if review.is_signed_off():
        raise Refusal("alignment_signed_off")
    if states and review.state not in states:
        raise Refusal(f"alignment_not_{states[0]}")
    if by is not None and not can_edit_alignment(by, review):
        raise Refusal("alignment_not_allowed")


def _check_text(**values: str) -> None:
    """Refuse text past its column's length or holding control characters."""
    problems = texts.problems(values, TEXT_LIMITS)
    if problems:
        raise Invalid(problems)


def _previous(year: int) -> AlignmentReview | None:
    """The latest review before `year`, with its attributes and areas."""
    return db.session.scalar(sa.select(AlignmentReview).where(AlignmentReview.year < year)
                             .order_by(AlignmentReview.year.desc()).limit(1))


def start_review(year: int, created_by: User | None) -> AlignmentReview:
    """Open a year's review: the brand promise as intended experience, last year's attributes and areas."""
    if created_by is not None and not can_start_alignment(created_by):
        raise Refusal("alignment_not_allowed")
    if year not in YEARS:
        raise Invalid({"year": "alignment_no_such_year"})
    if db.session.scalar(sa.select(AlignmentReview.id).where(AlignmentReview.year == year)):
        raise Refusal("alignment_duplicate", year=year)
    org = get_organisation()
    review = AlignmentReview(year=year, state="draft", intended_experience=org.brand_promise if org else "",
                             created_by_id=created_by.id if created_by else None)
    db.session.add(review)
    last = _previous(year)
    if last is not None:
        review.attributes = [AlignmentAttribute(position=a.position, name=a.name, description=a.description)
                             for a in last.attributes]
        areas = [(a.key, a.name, a.owner_id) for a in last.areas]
    else:
        areas = [(key, "", None) for key in STANDARD_AREAS]
    review.areas = [AlignmentArea(position=i, key=key, name=name, owner_id=owner)
                    for i, (key, name, owner) in enumerate(areas, start=1)]
    db.session.flush()
    return review


def update_experience(review: AlignmentReview, text: str, expected_version: int | None,
                      by: User | None = None) -> AlignmentReview:
    """Rewrite the intended experience for this year."""
    _writable(review, by, "draft")
    check_version(review, expected_version)
    _check_text(intended_experience=text.strip())
    review.intended_experience = text.strip()
    db.session.flush()
    return review


def _clean_name(name: str) -> str:
    """A name without surrounding or repeated spaces; empty or over-long names are refused."""
    _check_text(name=name or "")
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise Invalid({"name": "alignment_empty_name"})
    return cleaned


def add_attribute(review: AlignmentReview, name: str, description: str = "",
                  by: User | None = None) -> AlignmentAttribute:
    """Add an attribute of the intended experience at the end."""
    _writable(review, by, "draft")
    _check_text(description=description or "")
    position = max((a.position for a in review.attributes), default=0) + 1
    attribute = AlignmentAttribute(review=review, position=position, name=_clean_name(name),
                                   description=(description or "").strip())
    db.session.add(attribute)
    db.session.flush()
    return attribute


def rename_attribute(attribute: AlignmentAttribute, name: str, description: str = "",
                     by: User | None = None) -> AlignmentAttribute:
    """Change an attribute's name and description."""
    _writable(attribute.review, by, "draft")
    _check_text(description=description or "")
    attribute.name, attribute.description = _clean_name(name), (description or "").strip()
    db.session.flush()
    return attribute


def remove_attribute(attribute: AlignmentAttribute, by: User | None = None) -> None:
    """Remove an attribute and its column of the matrix."""
    _writable(attribute.review, by, "draft")
    review = attribute.review
    db.session.execute(sa.delete(AlignmentCell).where(AlignmentCell.attribute_id == attribute.id))
    review.attributes.remove(attribute)
    _renumber(review.attributes)
    db.session.flush()


def _check_area_name(review: AlignmentReview, name: str, keep: AlignmentArea | None = None) -> str:
    """Area names are unique within a review (custom areas are matched with last year's by name)."""
    cleaned = _clean_name(name)
    if any(a.name.casefold() == cleaned.casefold() for a in review.areas if a is not keep and a.name):
        raise Invalid({"name": "alignment_duplicate_name"}, name=cleaned)
    return cleaned


def add_area(review: AlignmentReview, name: str, by: User | None = None) -> AlignmentArea:
    """Add a custom area at the end of the list."""
    _writable(review, by, "draft")
    position = max((a.position for a in review.areas), default=0) + 1
    area = AlignmentArea(review=review, position=position, key="custom", name=_check_area_name(review, name))
    db.session.add(area)
    db.session.flush()
    return area


def rename_area(area: AlignmentArea, name: str, by: User | None = None) -> AlignmentArea:
    """Rename an area; a standard area keeps its key (and its comparison with last year).

    An empty name gives a standard area back its own name, shown in each reader's language.
    """
    _writable(area.review, by, "draft")
    standard = area.key in STANDARD_AREAS
    area.name = "" if standard and not (name or "").strip() else _check_area_name(area.review, name, keep=area)
    db.session.flush()
    return area


def remove_area(area: AlignmentArea, by: User | None = None) -> None:
    """Remove an area without corrective actions (actions in the tracker link back to their area)."""
    review = area.review
    _writable(review, by, "draft")
    if len(review.areas) <= 1:
        raise Refusal("alignment_last_area")
    if db.session.scalar(sa.select(ActionItem.id).where(ActionItem.source == "alignment",
                                                        ActionItem.source_id == area.id).limit(1)):
        raise Refusal("alignment_area_has_actions")
    review.areas.remove(area)
    _renumber(review.areas)
    db.session.flush()


def move_area(area: AlignmentArea, direction: str, by: User | None = None) -> AlignmentArea:
    """Swap an area with its neighbour above or below; positions are renumbered 1…n."""
    review = area.review
    _writable(review, by, "draft")
    order = sorted(review.areas, key=lambda a: (a.position, a.id))
    index = order.index(area)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    _renumber(order)
    db.session.flush()
    return area


def _renumber(items) -> None:
    """Positions 1…n in the given order (only the ones that change are written)."""
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position


def _owner_problem(owner_id) -> tuple[str, dict]:
    """(problem code, its arguments) of an area's owner: nobody yet, or an active user who may write."""
    if owner_id is None:
        return "", {}
    owner = db.session.get(User, owner_id) if isinstance(owner_id, int) else None
    if owner is None:
        return "alignment_owner_unknown", {}
    if not owner.active:
        return "alignment_owner_inactive", {"name": owner.name}
    return ("alignment_owner_read_only", {"name": owner.name}) if is_read_only(owner) else ("", {})


def rate_area(area: AlignmentArea, data: dict, expected_version: int | None, by: User | None = None) -> AlignmentArea:
    """Rate an area with its evidence and owner (the one gate of ratings); a save from an older version is
    refused (StaleEdit)."""
    _writable(area.review, by, "draft", "in_review")
    check_version(area, expected_version)
    evidence = (data.get("evidence") or "").strip()
    problems = texts.problems({"evidence": evidence}, TEXT_LIMITS)
    if data.get("rating") not in RATINGS:
        problems["rating"] = "alignment_bad_rating"
    owner, params = _owner_problem(data.get("owner_id") or None)
    if owner:
        problems["owner_id"] = owner
    if problems:
        raise Invalid(problems, **params)
    area.rating, area.evidence, area.owner_id = data["rating"], evidence, data.get("owner_id") or None
    db.session.flush()
    return area


def save_matrix(review: AlignmentReview, values: dict[tuple[int, int], str],
                loaded: dict[tuple[int, int], str] | None = None, by: User | None = None) -> int:
    """Set the matrix's cells {(area id, attribute id): value}; pairs outside the review are ignored.

    `loaded` holds the values the editor saw: only cells changed from them are written, and a cell someone
    else changed meanwhile refuses the whole save (nobody's change is silently lost). Returns how many changed.
    """
    _writable(review, by, "draft", "in_review")
    if any(value not in CELL_VALUES for value in values.values()):
        raise Refusal("alignment_bad_cell")
    attribute_ids = {a.id for a in review.attributes}
    existing = {(c.area_id, c.attribute_id): c for area in review.areas for c in area.cells}
    if loaded:
        values = {pair: v for pair, v in values.items() if pair not in loaded or v != loaded[pair]}
        clashes = [pair for pair in values if pair in loaded
                   and (existing[pair].value if pair in existing else "neutral") != loaded[pair]]
        if clashes:
            raise Refusal("alignment_matrix_changed", n=len(clashes))
    changed = 0
    for area in review.areas:
        for attribute_id in attribute_ids:
            value = values.get((area.id, attribute_id))
            cell = existing.get((area.id, attribute_id))
            if value is None or (cell is not None and cell.value == value):
                continue
            if cell is None:
                area.cells.append(AlignmentCell(attribute_id=attribute_id, value=value))
            else:
                cell.value = value
            changed += 1
    db.session.flush()
    return changed


def add_corrective_action(area: AlignmentArea, data: dict, user: User | None,
                          today: date | None = None) -> ActionItem:
    """A corrective action for an area, into the action tracker (its one gate); due today at the earliest
    (`today` is the organisation's day unless a loader records history)."""
    _writable(area.review, user, "draft", "in_review")
    return actions.create_action(data, user, source="alignment", source_id=area.id, today=today)


def submit(review: AlignmentReview, by: User | None = None) -> AlignmentReview:
    """Draft → in review, once every area is rated."""
    _writable(review, by, "draft")
    _require_rated(review)
    review.state = "in_review"
    db.session.flush()
    return review


def _require_rated(review: AlignmentReview) -> None:
    """Refuse while an area is unrated, naming them."""
    unrated = [(a.key, a.name) for a in review.areas if a.rating is None]
    if unrated:
        raise Refusal("alignment_unrated", areas=unrated)


def send_back(review: AlignmentReview, by: User | None = None) -> AlignmentReview:
    """In review → draft, to change the experience, attributes or areas."""
    _writable(review, by, "in_review")
    review.state = "draft"
    db.session.flush()
    return review


def sign_off(review: AlignmentReview, user: User) -> AlignmentReview:
    """An executive signs off a review in review; from then on it is read-only."""
    _writable(review, None, "in_review")
    if user is None or not user.active or not user.has_role(EXECUTIVE):
        raise Refusal("alignment_not_executive")
    _require_rated(review)
    review.state, review.signed_off_by_id, review.signed_off_at = "signed_off", user.id, utcnow()
    db.session.flush()
    return review
