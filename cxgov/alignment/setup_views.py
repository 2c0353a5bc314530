"""Shaping a year's review while in draft: the intended experience, its attributes, the list of areas."""
from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov.alignment import operations, queries
from cxgov.alignment.forms import AreaForm, AttributeForm, ExperienceForm, MoveForm
from cxgov.alignment.labels import area_name
from cxgov.alignment.models import AlignmentAttribute
from cxgov.alignment.views import attempt, bp, flash_errors, may_write
from cxgov.extensions import db
from cxgov.formtools import version_of
from cxgov.org.forms import ConfirmForm
from cxgov.org.operations import get_organisation
from cxgov.permissions import can_view_alignment, check, require


def _to_setup(year: int, anchor: str | None = None):
    """Back to the set-up page (post/redirect/get)."""
    return redirect(url_for("alignment.setup", year=year, _anchor=anchor))


@bp.route("/<int:year>/setup")
@require(can_view_alignment)
def setup(year: int):
    """The intended experience, its attributes and the areas, editable while the review is a draft."""
    review = queries.load_review(year)
    check(may_write(review))
    experience = ExperienceForm(obj=review)
    experience.version.data = review.version
    return render_template("alignment/setup.html", review=review, experience=experience,
                           attribute_form=AttributeForm(prefix="attr"), area_form=AreaForm(prefix="area"),
                           confirm=ConfirmForm(), move=MoveForm(), org=get_organisation())


def _review_for_writing(year: int):
    """Load a year's review and check that the user may change it."""
    review = queries.load_review(year)
    check(may_write(review))
    return review


@bp.route("/<int:year>/experience", methods=["POST"])
@require(can_view_alignment)
def save_experience(year: int):
    """Rewrite the intended experience for the year (refused on a stale version)."""
    review = _review_for_writing(year)
    form = ExperienceForm()
    if form.validate_on_submit():
        attempt(lambda: operations.update_experience(review, form.intended_experience.data,
                                                     version_of(form.version), current_user),
                _("The intended experience has been saved."))
    else:
        flash_errors(form)
    return _to_setup(year, "experience")


@bp.route("/<int:year>/attributes", methods=["POST"])
@require(can_view_alignment)
def add_attribute(year: int):
    """Add an attribute of the intended experience."""
    review = _review_for_writing(year)
    form = AttributeForm(prefix="attr")
    if form.validate_on_submit():
        attempt(lambda: operations.add_attribute(review, form.name.data, form.description.data or "", current_user),
                _("The attribute has been added."))
    else:
        flash_errors(form)
    return _to_setup(year, "attributes")


def _attribute_for_writing(attribute_id: int) -> AlignmentAttribute:
    """Load an attribute and check that the user may change its review."""
    attribute = db.get_or_404(AlignmentAttribute, attribute_id)
    check(may_write(attribute.review))
    return attribute


@bp.route("/attributes/<int:attribute_id>", methods=["POST"])
@require(can_view_alignment)
def rename_attribute(attribute_id: int):
    """Rename an attribute or change its description."""
    attribute = _attribute_for_writing(attribute_id)
    form = AttributeForm(prefix=f"attr{attribute_id}")
    if form.validate_on_submit():
        attempt(lambda: operations.rename_attribute(attribute, form.name.data, form.description.data or "",
                                                     current_user),
                _("The attribute has been saved."))
    else:
        flash_errors(form)
    return _to_setup(attribute.review.year, "attributes")


@bp.route("/attributes/<int:attribute_id>/delete", methods=["POST"])
@require(can_view_alignment)
def remove_attribute(attribute_id: int):
    """Remove an attribute and its column of the matrix."""
    attribute = _attribute_for_writing(attribute_id)
    year = attribute.review.year
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.remove_attribute(attribute, current_user), _("The attribute has been removed."))
    return _to_setup(year, "attributes")


@bp.route("/<int:year>/areas", methods=["POST"])
@require(can_view_alignment)
def add_area(year: int):
    """Add a custom area."""
    review = _review_for_writing(year)
    form = AreaForm(prefix="area")
    if form.validate_on_submit():
        attempt(lambda: operations.add_area(review, form.name.data, current_user),
                _("The area “%(name)s” has been added.", name=form.name.data))
    else:
        flash_errors(form)
    return _to_setup(year, "areas")


def _area_for_writing(area_id: int):
    """Load an area and check that the user may change its review."""
    area = queries.load_area(area_id)
    check(may_write(area.review))
    return area


@bp.route("/areas/<int:area_id>/rename", methods=["POST"])
@require(can_view_alignment)
def rename_area(area_id: int):
    """Rename an area."""
    area = _area_for_writing(area_id)
    form = AreaForm(prefix=f"area{area_id}")
    if form.validate_on_submit():
        attempt(lambda: operations.rename_area(area, form.name.data, current_user), _("The area has been renamed."))
    else:
        flash_errors(form)
    return _to_setup(area.review.year, "areas")


@bp.route("/areas/<int:area_id>/delete", methods=["POST"])
@require(can_view_alignment)
def remove_area(area_id: int):
    """Remove an area that has no corrective actions."""
    area = _area_for_writing(area_id)
    year, name = area.review.year, area_name(area)
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.remove_area(area, current_user),
                _("The area “%(name)s” has been removed.", name=name))
    return _to_setup(year, "areas")


@bp.route("/areas/<int:area_id>/move", methods=["POST"])
@require(can_view_alignment)
def move_area(area_id: int):
    """Move an area up or down the list."""
    area = _area_for_writing(area_id)
    year = area.review.year
    form = MoveForm()
    if form.validate_on_submit():
        attempt(lambda: operations.move_area(area, form.direction.data, current_user),
                _("The order of the areas has been saved."))
    else:
        flash_errors(form)
    return _to_setup(year, "areas")
