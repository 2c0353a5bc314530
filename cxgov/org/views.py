"""The organisation profile and the department directory (read by everyone signed in)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org import operations, queries
from cxgov.org.forms import OrganisationForm
from cxgov.org.models import Department
from cxgov.permissions import can_edit_organisation, can_view_directory, can_view_organisation, check, require
from cxgov.webtools import saved

bp = Blueprint("org", __name__)


@bp.route("/organisation")
@require(can_view_organisation)
def organisation():
    """The organisation's purpose and intended customer experience."""
    org = operations.get_organisation()
    return render_template("org/organisation.html", org=org)


@bp.route("/organisation/edit", methods=["GET", "POST"])
@require(can_edit_organisation)
def edit_organisation():
    """Edit the organisation profile."""
    org = operations.get_organisation()
    form = OrganisationForm(obj=org)
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in operations.ORG_FIELDS}
        saved(lambda: operations.save_organisation(data, form.version_value()), form,
              stale=_("Someone else saved the profile after you opened it. Their version is shown below; make your "
                      "change again."))
        flash(_("The organisation profile has been saved."), "success")
        return redirect(url_for("org.organisation"))
    return render_template("org/organisation_form.html", form=form, org=org)


@bp.route("/departments")
@require(can_view_directory)
def departments():
    """All active departments, their kind, lead and size."""
    page, shown = queries.department_page(request.args.get("page"))
    return render_template("org/departments.html", departments=shown, page=page,
                           counts=queries.member_counts([d.id for d in shown]), loc=queries.locale_code())


@bp.route("/departments/<int:department_id>")
@require(can_view_directory)
def department(department_id: int):
    """One department and its people."""
    dept = db.get_or_404(Department, department_id)
    check(can_view_directory(current_user))
    members = db.session.scalars(
        db.select(User).options(selectinload(User.role_rows))
        .where(User.department_id == dept.id, User.active.is_(True)).order_by(User.name)
    ).all()
    if dept.archived and not current_user.has_role("admin"):
        abort(404)
    return render_template("org/department.html", dept=dept, members=members, loc=queries.locale_code())


from cxgov.org import admin_views, import_views  # noqa: E402,F401 - register the admin and import routes on bp
