"""The import pages of departments and users, their templates, and the progress page of every long import."""
from flask import Response, abort, render_template, url_for
from flask_login import current_user

from cxgov import exports, import_jobs
from cxgov.org import importing
from cxgov.org.forms import ImportForm
from cxgov.org.views import bp
from cxgov.permissions import can_manage_departments, can_manage_users, can_view_app, require


def _csv_template(columns: dict, example: list[str], filename: str) -> Response:
    """A CSV file with the two header rows (labels, then machine names) and one example row."""
    return exports.response("csv", filename, filename, [exports.Column(n, label) for n, label in columns.items()],
                            [example])


def _import_page(kind: str, columns: dict):
    """An import form: the file imported (or queued), or the page again with every problem."""
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        done, result = import_jobs.submit(kind, form.file.data)
        if done is not None:
            return done
    return render_template("org/import.html", form=form, result=result, kind=kind, columns=columns)


@bp.route("/admin/departments/import", methods=["GET", "POST"])
@require(can_manage_departments)
def import_departments():
    """Import departments from CSV: every row checked, all written or none."""
    return _import_page("departments", importing.DEPARTMENT_COLUMNS)


@bp.route("/admin/departments/template.csv")
@require(can_manage_departments)
def department_template():
    """A sample departments CSV."""
    return _csv_template(importing.DEPARTMENT_COLUMNS,
                         ["CS", "Customer Service", "客户服务部", "customer_facing", "", ""], "departments.csv")


@bp.route("/admin/users/import", methods=["GET", "POST"])
@require(can_manage_users)
def import_users():
    """Import users from CSV: every row checked, all written or none."""
    return _import_page("users", importing.USER_COLUMNS)


@bp.route("/admin/users/template.csv")
@require(can_manage_users)
def user_template():
    """A sample users CSV."""
    return _csv_template(importing.USER_COLUMNS,
                         ["li.na@example.com", "李娜", "CS", "dept_lead;member", "客服经理", "zh", ""], "users.csv")


@bp.route("/imports/<job>")
@require(can_view_app)
def import_job(job: str):
    """How a long import is going; the page reloads itself until it is done."""
    state = import_jobs.status(job)
    if state is None:
        abort(404)
    if state["owner"] != current_user.id:
        abort(403)
    return render_template("imports/progress.html", state=state, done_url=url_for(import_jobs.DONE_PAGE[state["kind"]]))
