"""The action tracker's pages: the filtered list and my actions, an action's page, adding and editing, status."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock
from cxgov.actions import history, operations, queries, sources
from cxgov.actions.forms import ActionForm, StatusForm
from cxgov.actions.labels import SOURCE_LABELS, STATUS_FILTER_LABELS, STATUS_LABELS
from cxgov.actions.models import ActionItem
from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.org import queries as org_queries
from cxgov.permissions import (
    can_create_action,
    can_edit_action,
    can_update_action_status,
    can_view_actions,
    check,
    require,
)
from cxgov.webtools import attempt, paginated, saved

bp = Blueprint("actions", __name__, url_prefix="/actions")

PAGE_SIZE = 50


@bp.app_template_global()
def action_statuses() -> dict:
    """Status labels, for the action lists other features' pages include."""
    return STATUS_LABELS


@bp.app_template_global()
def actions_today() -> date:
    """Today, against which those lists flag overdue actions."""
    return clock.today()


@bp.route("/")
@require(can_view_actions)
def index():
    """Every action, filtered by department, owner, source and status (open or in progress by default)."""
    return _list_page(queries.filters_from(request.args, current_user.id), mine=False)


@bp.route("/mine")
@require(can_view_actions)
def mine():
    """The signed-in user's actions, with the same filters."""
    return _list_page(replace(queries.filters_from(request.args, current_user.id), owner_id=current_user.id),
                      mine=True)


def _list_page(filters: queries.Filters, mine: bool):
    """The list page for the filters: counts per status, overdue rows flagged, one page of rows."""
    today = clock.today()
    page = paginated(queries.select_actions(filters, today), PAGE_SIZE)
    return render_template(
        "actions/index.html", page=page, filters=filters, mine=mine, today=today,
        counts=queries.status_counts(filters, today),
        departments=org_queries.department_names(org_queries.locale_code()),
        owners=queries.owners(), statuses=STATUS_LABELS, status_filters=STATUS_FILTER_LABELS,
        sources=SOURCE_LABELS, source_link=sources.source_link)


def action_form(action: ActionItem | None, prefill: dict | None = None) -> ActionForm:
    """The action form with active owners and departments to choose from (plus the action's current ones)."""
    form = ActionForm(obj=action)
    loc = org_queries.locale_code()
    people = {u.id: u.name for u in queries.active_people()}
    if action is not None and action.owner_id not in people:
        people[action.owner_id] = action.owner.name
    form.owner_id.choices = options({0: _("— choose —")} | people)
    departments = dict(org_queries.department_names(loc))
    if action is not None and action.department_id and action.department_id not in departments:
        departments[action.department_id] = action.department.display_name(loc)
    form.department_id.choices = options({0: _("— none —")} | departments)
    if action is None and request.method == "GET":
        form.department_id.data = current_user.department_id or 0
        for key, value in (prefill or {}).items():
            getattr(form, key).data = value
    return form


def form_data(form: ActionForm) -> dict:
    """Form values as operation data (0 means none chosen)."""
    return {"title": form.title.data, "description": form.description.data or "",
            "owner_id": form.owner_id.data or None, "department_id": form.department_id.data or None,
            "due_on": form.due_on.data}


@bp.route("/new", methods=["GET", "POST"])
@require(can_create_action)
def new_action():
    """Add an action by hand: what, who, which department, by when."""
    form = action_form(None)
    if form.validate_on_submit():
        action = saved(lambda: operations.create_action(form_data(form), current_user), form)
        if action is not None:
            flash(_("Action “%(title)s” added for %(owner)s.", title=action.title, owner=action.owner.name),
                  "success")
            return redirect(url_for("actions.action", action_id=action.id))
    return render_template("actions/form.html", form=form, action=None, cancel=url_for("actions.index"))


@bp.route("/<int:action_id>")
@require(can_view_actions)
def action(action_id: int):
    """An action: its details, where it came from, its history, and the forms to edit it or move it along."""
    item = db.get_or_404(ActionItem, action_id)
    return render_template(
        "actions/action.html", a=item, today=clock.today(), statuses=STATUS_LABELS, sources=SOURCE_LABELS,
        link=sources.source_link(item.source, item.source_id),
        source_title=sources.source_title(item.source, item.source_id), events=history.events(item),
        status_form=StatusForm(status=item.status, version=item.version),
        may_edit=can_edit_action(current_user, item), may_move=can_update_action_status(current_user, item))


@bp.route("/<int:action_id>/edit", methods=["GET", "POST"])
@require(can_view_actions)
def edit_action(action_id: int):
    """Change what, who, which department and when; a save based on an older version is refused."""
    item = db.get_or_404(ActionItem, action_id)
    check(can_edit_action(current_user, item))
    form = action_form(item)
    if form.validate_on_submit() and saved(
            lambda: operations.update_action(item, form_data(form), version_of(form.version), current_user), form,
            stale=lambda: _stale_message(db.session.get(ActionItem, action_id))):
        flash(_("The action has been saved."), "success")
        return redirect(url_for("actions.action", action_id=item.id))
    return render_template("actions/form.html", form=form, action=item,
                           cancel=url_for("actions.action", action_id=item.id))


def _stale_message(fresh: ActionItem) -> str:
    """Why a save was refused, with the values someone else saved meanwhile."""
    return _("Someone else saved this action after you opened it (now “%(title)s”, owner %(owner)s, due "
             "%(due)s, %(status)s). Their version is shown; make your change again.", title=fresh.title,
             owner=fresh.owner.name, due=format_date(fresh.due_on), status=STATUS_LABELS[fresh.status])


@bp.route("/<int:action_id>/status", methods=["POST"])
@require(can_view_actions)
def change_status(action_id: int):
    """Start, finish, reopen or drop an action (dropping needs a reason)."""
    item = db.get_or_404(ActionItem, action_id)
    check(can_update_action_status(current_user, item))
    form = StatusForm()
    if not form.validate_on_submit():
        flash(_("Choose a status."), "error")
    elif form.status.data == item.status and item.status != "dropped":
        flash(_("The action is already %(status)s.", status=STATUS_LABELS[item.status]), "info")
    else:
        attempt(lambda: operations.set_status(item, form.status.data, clock.today(), form.reason.data or "",
                                              version_of(form.version), current_user),
                _("“%(title)s” is now %(status)s.", title=item.title, status=STATUS_LABELS[form.status.data]),
                stale=lambda: _stale_message(db.session.get(ActionItem, action_id)))
    return redirect(url_for("actions.action", action_id=action_id))


from cxgov.actions import export_views  # noqa: E402,F401 - the CSV and XLSX exports on bp
