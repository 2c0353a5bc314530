"""An idea followed up as an action item (issue 6): prefilled from the idea, linked both ways.

The action is created by the action tracker's own operation and form; the link is the action's
(source="workshop_idea", source_id=idea.id), so the workshops feature stores nothing new.
"""
from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock
from cxgov.extensions import db
from cxgov.permissions import can_create_action, can_view_workshops, check, require
from cxgov.webtools import saved
from cxgov.workshops import operations
from cxgov.workshops.models import Idea
from cxgov.workshops.views import bp

SOURCE = "workshop_idea"
DUE_IN_DAYS = 30  # a first guess the person adding the action adjusts


@bp.app_template_global()
def actions_of_idea(idea_id: int) -> list:
    """The actions made from an idea (templates/workshops/idea.html)."""
    from cxgov.actions.queries import of_source

    return of_source(SOURCE, idea_id)


def _prefill(idea: Idea) -> dict:
    """The action form's first values: the idea's title, description and department, its lead as owner."""
    department = idea.department
    return {"title": idea.title[:200], "description": idea.description,
            "department_id": department.id if department else 0,
            "owner_id": department.lead_id if department and department.lead_id else 0,
            "due_on": clock.today() + timedelta(days=DUE_IN_DAYS)}


@bp.route("/ideas/<int:idea_id>/action", methods=["GET", "POST"])
@require(can_view_workshops)
def idea_action(idea_id: int):
    """Create an action item from an idea; it links back to the idea, and the idea lists it."""
    from cxgov.actions.views import action_form, form_data

    idea = db.get_or_404(Idea, idea_id)
    check(can_create_action(current_user))
    form = action_form(None, _prefill(idea))
    if form.validate_on_submit():
        action = saved(lambda: operations.action_from_idea(idea, form_data(form), current_user, clock.today()), form)
        if action is not None:
            flash(_("Action “%(title)s” added for %(owner)s; it links back to this idea.", title=action.title,
                    owner=action.owner.name), "success")
            return redirect(url_for("workshops.idea", idea_id=idea.id) + "#follow-up")
    return render_template("actions/form.html", form=form, action=None,
                           origin=_("From the workshop idea “%(title)s”.", title=idea.title),
                           cancel=url_for("workshops.idea", idea_id=idea.id))
