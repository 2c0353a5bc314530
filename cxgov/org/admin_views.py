"""Administration of departments and users, including all-or-nothing CSV imports."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.formtools import options
from cxgov.org import operations, queries
from cxgov.org.forms import ConfirmForm, DepartmentForm, UserForm
from cxgov.org.models import Department
from cxgov.org.views import bp
from cxgov.permissions import ROLES, can_edit_department, can_manage_departments, can_manage_users, check, require
from cxgov.webtools import saved


def _department_form(dept: Department | None) -> DepartmentForm:
    """The department form with its select lists filled."""
    form = DepartmentForm(obj=dept)
    form.lead_id.choices = options(queries.user_choices(_("— none —"), keep_id=dept.lead_id if dept else None))
    form.parent_id.choices = options(queries.department_choices(
        _("— none —"), keep_id=dept.parent_id if dept else None, exclude_id=dept.id if dept else None))
    return form


def _department_data(form: DepartmentForm) -> dict:
    """Form values as operation data (0 in a select means none)."""
    return {"code": form.code.data.strip(), "name_en": form.name_en.data.strip(),
            "name_zh": form.name_zh.data.strip(), "kind": form.kind.data,
            "lead_id": form.lead_id.data or None, "parent_id": form.parent_id.data or None}


def _code_taken(code: str, dept_id: int | None) -> bool:
    """True when another department already uses this code."""
    other = db.session.scalar(db.select(Department).where(db.func.upper(Department.code) == code.upper()))
    return other is not None and other.id != dept_id


def _valid_department(form: DepartmentForm, dept: Department | None) -> bool:
    """Form validation plus the checks that need the database."""
    valid = form.validate_on_submit()
    if not form.is_submitted():
        return False
    if form.code.data and _code_taken(form.code.data.strip(), dept.id if dept else None):
        form.code.errors = [*form.code.errors, _("Another department already uses this code.")]
    if dept and queries.is_parent_cycle(dept, form.parent_id.data or None):
        message = _("A department cannot sit under itself or one of its own sub-departments.")
        form.parent_id.errors = [*form.parent_id.errors, message]
    return valid and not (form.code.errors or form.parent_id.errors)


@bp.route("/admin/departments")
@require(can_manage_departments)
def admin_departments():
    """Every department, archived ones included, with the admin actions."""
    return render_template("org/admin_departments.html", departments=queries.departments(include_archived=True),
                           counts=queries.member_counts(), loc=queries.locale_code(), confirm=ConfirmForm())


@bp.route("/admin/departments/new", methods=["GET", "POST"])
@require(can_manage_departments)
def new_department():
    """Add a department."""
    form = _department_form(None)
    if _valid_department(form, None):
        dept = operations.create_department(_department_data(form))
        db.session.commit()
        flash(_("Department %(code)s has been created.", code=dept.code), "success")
        return redirect(url_for("org.admin_departments"))
    return render_template("org/department_form.html", form=form, dept=None)


@bp.route("/admin/departments/<int:department_id>/edit", methods=["GET", "POST"])
@require(can_manage_departments)
def edit_department(department_id: int):
    """Edit a department."""
    dept = db.get_or_404(Department, department_id)
    check(can_edit_department(current_user, dept))
    form = _department_form(dept)
    if _valid_department(form, dept):
        saved(lambda: operations.update_department(dept, _department_data(form), form.version_value()), form,
              stale=_("Someone else saved this department after you opened it. Their version is shown; make your "
                      "change again."))
        flash(_("Department %(code)s has been saved.", code=dept.code), "success")
        return redirect(url_for("org.admin_departments"))
    return render_template("org/department_form.html", form=form, dept=dept)


@bp.route("/admin/departments/<int:department_id>/archive", methods=["POST"])
@require(can_manage_departments)
def archive_department(department_id: int):
    """Archive a department; its history stays."""
    dept = db.get_or_404(Department, department_id)
    if ConfirmForm().validate_on_submit():
        operations.archive_department(dept)
        db.session.commit()
        flash(_("Department %(code)s has been archived; its history is kept.", code=dept.code), "success")
    return redirect(url_for("org.admin_departments"))


@bp.route("/admin/departments/<int:department_id>/restore", methods=["POST"])
@require(can_manage_departments)
def restore_department(department_id: int):
    """Bring an archived department back."""
    dept = db.get_or_404(Department, department_id)
    if ConfirmForm().validate_on_submit():
        operations.restore_department(dept)
        db.session.commit()
        flash(_("Department %(code)s is active again.", code=dept.code), "success")
    return redirect(url_for("org.admin_departments"))


@bp.route("/admin/departments/<int:department_id>/delete", methods=["POST"])
@require(can_manage_departments)
def delete_department(department_id: int):
    """Delete a department that has no history; otherwise say to archive it."""
    dept = db.get_or_404(Department, department_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("org.admin_departments"))
    if operations.department_has_history(dept):
        flash(_("Department %(code)s has members or sub-departments, so it cannot be deleted. "
                "Archive it instead: its history is kept.", code=dept.code), "error")
        return redirect(url_for("org.admin_departments"))
    code = dept.code
    operations.delete_department(dept)
    db.session.commit()
    flash(_("Department %(code)s has been deleted.", code=code), "success")
    return redirect(url_for("org.admin_departments"))


def _user_form(user: User | None) -> UserForm:
    """The user form with its department list filled."""
    form = UserForm(obj=user)
    if user is not None and request.method == "GET":
        form.roles.data = sorted(user.roles)
        form.locale.data = user.locale or ""
    form.department_id.choices = options(queries.department_choices(
        _("— none —"), keep_id=user.department_id if user else None))
    return form


def _valid_user(form: UserForm, user: User | None) -> bool:
    """Form validation plus the unique e-mail check."""
    valid = form.validate_on_submit()
    if not form.is_submitted():
        return False
    email = (form.email.data or "").strip().lower()
    other = db.session.scalar(db.select(User).where(User.email == email)) if email else None
    if other is not None and (user is None or other.id != user.id):
        form.email.errors = [*form.email.errors, _("Another user already has this e-mail.")]
    return valid and not form.email.errors


def _user_data(form: UserForm) -> dict:
    """Form values as operation data."""
    return {"email": form.email.data, "name": form.name.data.strip(), "job_title": form.job_title.data or None,
            "department_id": form.department_id.data or None, "locale": form.locale.data or None}


@bp.route("/admin/users")
@require(can_manage_users)
def admin_users():
    """Users, searchable and filtered by department, role and status."""
    args = request.args
    dept_id = args.get("department", type=int)
    users = queries.users_filtered(args.get("q", "").strip(), dept_id, args.get("role", ""),
                                   args.get("status", "active"))
    return render_template("org/admin_users.html", users=users, roles=ROLES, loc=queries.locale_code(),
                           departments=queries.departments(include_archived=True), args=args, confirm=ConfirmForm())


@bp.route("/admin/users/new", methods=["GET", "POST"])
@require(can_manage_users)
def new_user():
    """Create a user; a generated password is shown once."""
    form = _user_form(None)
    if _valid_user(form, None):
        password = form.password.data or operations.generate_password()
        user = saved(lambda: operations.create_user(_user_data(form), form.roles.data, password), form)
        if user is None:  # the password policy refused the password: said under its field
            return render_template("org/user_form.html", form=form, user=None)
        if form.password.data:
            flash(_("User %(email)s has been created.", email=user.email), "success")
            return redirect(url_for("org.admin_users"))
        return render_template("org/password_shown.html", user=user, password=password)
    return render_template("org/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@require(can_manage_users)
def edit_user(user_id: int):
    """Edit a user's account and roles."""
    user = db.get_or_404(User, user_id)
    form = _user_form(user)
    if _valid_user(form, user):
        saved(lambda: operations.update_user(user, _user_data(form), form.roles.data, form.version_value()), form,
              stale=_("Someone else saved this user after you opened it. Their version is shown; make your change "
                      "again."))
        flash(_("User %(email)s has been saved.", email=user.email), "success")
        return redirect(url_for("org.admin_users"))
    return render_template("org/user_form.html", form=form, user=user, confirm=ConfirmForm())


@bp.route("/admin/users/<int:user_id>/deactivate", methods=["POST"])
@require(can_manage_users)
def deactivate_user(user_id: int):
    """Deactivate: the user can no longer sign in and open sessions end."""
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
    elif ConfirmForm().validate_on_submit():
        operations.set_active(user, False)
        db.session.commit()
        flash(_("%(email)s has been deactivated.", email=user.email), "success")
    return redirect(url_for("org.admin_users"))


@bp.route("/admin/users/<int:user_id>/activate", methods=["POST"])
@require(can_manage_users)
def activate_user(user_id: int):
    """Reactivate a user."""
    user = db.get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit():
        operations.set_active(user, True)
        db.session.commit()
        flash(_("%(email)s is active again.", email=user.email), "success")
    return redirect(url_for("org.admin_users", status="all"))


@bp.route("/admin/users/<int:user_id>/reset-password", methods=["POST"])
@require(can_manage_users)
def reset_password(user_id: int):
    """Give the user a new random password, shown once to the admin."""
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("org.edit_user", user_id=user.id))
    password = operations.reset_password(user)
    db.session.commit()
    return render_template("org/password_shown.html", user=user, password=password)
