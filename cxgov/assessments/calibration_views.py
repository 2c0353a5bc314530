"""The calibration sheet: a department's calibrated dimension scores, all saved at once, each with its reason.

One form for the department's whole table: what was typed in every row is kept when any row is refused, and
nothing is saved unless every changed row passes the one gate (operations.set_calibration).
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from cxgov import charts, numbers, rules
from cxgov.assessments import operations, results
from cxgov.assessments.forms import CalibrationForm
from cxgov.assessments.models import Calibration, Cycle
from cxgov.assessments.views import _load_cycle, bp
from cxgov.bounds import whole
from cxgov.extensions import db
from cxgov.org import queries
from cxgov.permissions import can_manage_assessments, require


@dataclass
class Row:
    """One dimension's calibration as stored and as typed, with its refusal."""

    dimension_id: int
    score: str = ""  # as typed (or as stored)
    reason: str = ""
    error: str | None = None
    stored: tuple[float | None, str] = (None, "")

    @property
    def changed(self) -> bool:
        """True when the reader typed something other than what is stored."""
        return (self.score.strip(), self.reason.strip()) != (_shown(self.stored[0]), self.stored[1])


def _shown(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}"


@bp.route("/<int:cycle_id>/calibrate", methods=["GET", "POST"])
@require(can_manage_assessments)
def calibrate(cycle_id: int):
    """Set calibrated dimension scores for a department, each with a written reason, in one save."""
    cycle = _load_cycle(cycle_id)
    if cycle.state != "calibration":
        flash(rules.say("calibration_closed"), "error")
        return redirect(url_for("assessments.cycle", cycle_id=cycle.id))
    view = results.load(cycle, with_previous=False)
    dept_ids = [d.id for d in view.departments]
    department_id = whole(request.values.get("department")) or (dept_ids[0] if dept_ids else None)
    if department_id is not None and department_id not in dept_ids:
        abort(404 if request.method == "GET" else 400)
    rows = _stored_rows(cycle, department_id, [d.id for d in view.dimensions])
    form, status = CalibrationForm(), 200
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        for row in rows.values():
            row.score = request.form.get(f"score-{row.dimension_id}", "")
            row.reason = request.form.get(f"reason-{row.dimension_id}", "")
        if _save(cycle, department_id, rows):
            return redirect(url_for("assessments.calibrate", cycle_id=cycle.id, department=department_id))
        status = 422
    return render_template("assessments/calibrate.html", view=view, form=form, loc=queries.locale_code(),
                           department_id=department_id, rows=rows, heat=charts.heat_color,
                           heat_text=charts.heat_text_color), status


def _stored_rows(cycle: Cycle, department_id: int | None, dimension_ids: list[int]) -> dict[int, Row]:
    """Each dimension's row as stored for the department."""
    stored = {c.dimension_id: c for c in db.session.scalars(sa.select(Calibration).where(
        Calibration.cycle_id == cycle.id, Calibration.department_id == department_id))}
    rows = {}
    for dim_id in dimension_ids:
        note = stored.get(dim_id)
        kept = (note.score, note.reason) if note else (None, "")
        rows[dim_id] = Row(dim_id, _shown(kept[0]), kept[1], stored=kept)
    return rows


def _save(cycle: Cycle, department_id: int, rows: dict[int, Row]) -> bool:
    """Every changed row through the gate in one transaction; any refusal marks its row and saves nothing."""
    changed = [row for row in rows.values() if row.changed]
    if not changed:
        flash(_("Nothing was changed."), "info")
        return True
    for row in changed:
        try:
            score = numbers.parse(row.score) if row.score.strip() else None
        except ValueError:
            row.error = _("Enter an ordinary number, such as 42 or 3.5.")
            continue
        try:  # the gate checks before it changes anything; any refusal rolls every row back below
            operations.set_calibration(cycle, department_id, row.dimension_id, score, row.reason.strip(), current_user)
        except rules.Refusal as refusal:
            row.error = rules.word(refusal)
    if any(row.error for row in changed):
        db.session.rollback()
        flash(_("Some rows need attention; nothing has been saved."), "error")
        return False
    db.session.commit()
    flash(ngettext("%(num)d calibration saved.", "%(num)d calibrations saved.", len(changed)), "success")
    return True
