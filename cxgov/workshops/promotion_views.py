"""Promoting a workshop idea to a department's monthly target, prefilled from the idea and linked both ways.

The target is created by the targets feature's own operation and form rules; the link is stored on the idea
(Idea.target_id), so the targets feature needs no knowledge of workshops.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock
from cxgov.actions import queries as action_queries
from cxgov.extensions import db
from cxgov.formtools import options
from cxgov.org import queries as org_queries
from cxgov.org.models import Department
from cxgov.permissions import can_promote_idea, can_view_workshops, check, require
from cxgov.rules import Refusal
from cxgov.webtools import show_refusal
from cxgov.workshops import labels, operations, queries, times
from cxgov.workshops.models import Idea
from cxgov.workshops.views import bp

TARGET_KEYS = ("title", "description", "kind", "unit", "direction", "baseline", "target_value", "owner_id",
               "points", "evidence", "dimension_code")


def _dimensions() -> dict:
    """Maturity dimensions of the newest framework, to link the target to."""
    from cxgov.assessments.models import Dimension, Framework

    framework = db.session.scalar(sa.select(Framework).order_by(Framework.id.desc()).limit(1))
    dims = db.session.scalars(sa.select(Dimension).where(Dimension.framework_id == framework.id)
                              .order_by(Dimension.position)).all() if framework else []
    loc = org_queries.locale_code()
    return {"": _("— none —")} | {d.code: d.name(loc) for d in dims}


def _description(idea: Idea) -> str:
    """The target's description: the idea, and where it came from."""
    where = " · ".join(str(part) for part in (labels.STAGE_LABELS.get(idea.stage, ""), idea.touchpoint) if part)
    origin = _("From the workshop “%(title)s” on %(date)s (%(kind)s%(where)s).", title=idea.workshop.title,
               date=format_date(queries.local(idea.workshop.starts_at).date()), kind=labels.KIND_LABELS[idea.kind],
               where=f": {where}" if where else "")
    return "\n\n".join(part for part in (idea.description, origin) if part)


def _promote_form(idea: Idea):
    """The targets feature's own target form, with choices and values prefilled from the idea."""
    from cxgov.targets.forms import TargetForm

    form = TargetForm()
    loc = org_queries.locale_code()
    allowed = [d for d in org_queries.departments() if can_promote_idea(current_user, d, idea)]
    form.department_id.choices = options({d.id: d.display_name(loc) for d in allowed})
    users = action_queries.active_people()  # viewers never own a target
    form.owner_id.choices = options({0: _("— none —")} | {u.id: u.name for u in users})
    form.dimension_code.choices = options(_dimensions())
    if request.method == "GET":
        department = idea.department if idea.department in allowed else (allowed[0] if allowed else None)
        form.department_id.data = department.id if department else None
        form.month.data = times.shift_month(queries.this_month(), 1)
        form.title.data, form.description.data = idea.title, _description(idea)
        form.kind.data, form.points.data = "milestone", 10
        form.owner_id.data = department.lead_id if department and department.lead_id else 0
        form.evidence.data = url_for("workshops.idea", idea_id=idea.id, _external=True)
        form.dimension_code.data = "ACTION" if "ACTION" in dict(_dimensions()) else ""
    return form


@bp.route("/ideas/<int:idea_id>/promote", methods=["GET", "POST"])
@require(can_view_workshops)
def promote(idea_id: int):
    """Turn an idea into a draft target of a department's month; the department lead then refines it."""
    idea = db.get_or_404(Idea, idea_id)
    if idea.target_id is not None:
        flash(_("This idea has already become a target."), "info")
        return redirect(url_for("workshops.idea", idea_id=idea.id))
    form = _promote_form(idea)
    if not form.department_id.choices:
        abort(403)
    if form.validate_on_submit():
        department = db.get_or_404(Department, form.department_id.data)
        check(can_promote_idea(current_user, department, idea))
        data = {key: getattr(form, key).data for key in TARGET_KEYS}
        data["owner_id"], data["dimension_code"] = data["owner_id"] or None, data["dimension_code"] or None
        try:
            target = operations.promote_to_target(idea, department, form.month.data, data, current_user,
                                                  clock.today())
        except Refusal as error:  # the targets or the idea's refusal, worded as on the target pages
            db.session.rollback()
            show_refusal(error, form)
        else:
            db.session.commit()
            flash(_("“%(title)s” is now a draft target of %(department)s for %(month)s.", title=target.title,
                    department=department.display_name(org_queries.locale_code()), month=target.month), "success")
            return redirect(url_for("workshops.idea", idea_id=idea.id))
    return render_template("workshops/promote.html", form=form, idea=idea, w=idea.workshop, local=queries.local,
                           kinds=labels.KIND_LABELS)


from cxgov.workshops import action_views  # noqa: E402,F401 - an idea followed up as an action item, on bp
