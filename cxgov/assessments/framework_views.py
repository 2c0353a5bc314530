"""The maturity framework: read it, export it, import a new version."""
import sqlalchemy as sa
from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from cxgov.assessments import framework_io, operations
from cxgov.assessments.forms import FrameworkImportForm
from cxgov.assessments.models import Cycle, Dimension, Framework
from cxgov.assessments.views import bp
from cxgov.extensions import db
from cxgov.org import queries
from cxgov.permissions import can_manage_frameworks, can_view_frameworks, require


@bp.route("/frameworks")
@require(can_view_frameworks)
def frameworks():
    """Every framework version and the cycles that use it."""
    if db.session.scalar(sa.select(sa.func.count(Framework.id))) == 0:
        operations.ensure_default_framework()
        db.session.commit()
    versions = db.session.scalars(sa.select(Framework).order_by(Framework.key, Framework.version.desc())).all()
    usage = dict(db.session.execute(sa.select(Cycle.framework_id, sa.func.count(Cycle.id))
                                    .group_by(Cycle.framework_id)).all())
    return render_template("assessments/frameworks.html", versions=versions, usage=usage,
                           loc=queries.locale_code())


@bp.route("/frameworks/<int:framework_id>")
@require(can_view_frameworks)
def framework(framework_id: int):
    """A framework version with every practice and what each level looks like."""
    version = db.first_or_404(sa.select(Framework).where(Framework.id == framework_id).options(
        selectinload(Framework.dimensions).selectinload(Dimension.practices)))
    return render_template("assessments/framework.html", fw=version, loc=queries.locale_code(),
                           in_use=operations.framework_in_use(version))


@bp.route("/frameworks/<int:framework_id>/export.<fmt>")
@require(can_view_frameworks)
def export_framework(framework_id: int, fmt: str):
    """The framework version as a YAML or JSON file that the import accepts."""
    version = db.get_or_404(Framework, framework_id)
    if fmt not in ("yaml", "json"):
        return redirect(url_for("assessments.framework", framework_id=version.id))
    body = framework_io.dump(framework_io.spec_from_framework(version), fmt)
    mimetype = "application/json" if fmt == "json" else "application/yaml"
    filename = f"{version.key}-v{version.version}.{fmt}"
    return Response(body, mimetype=f"{mimetype}; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})


@bp.route("/frameworks/import", methods=["GET", "POST"])
@require(can_manage_frameworks)
def import_framework():
    """Import a framework file: checked whole; a version used by a cycle is never changed."""
    form = FrameworkImportForm()
    problems = []
    if form.validate_on_submit():
        spec, problems = framework_io.parse(form.file.data.read(), form.file.data.filename or "")
        if not problems:
            version, is_new = operations.save_framework(spec)
            db.session.commit()
            flash(_("Saved as version %(v)s.", v=version.version) if is_new else
                  _("Version %(v)s updated (no cycle used it yet).", v=version.version), "success")
            return redirect(url_for("assessments.framework", framework_id=version.id))
    return render_template("assessments/framework_import.html", form=form, problems=problems)
