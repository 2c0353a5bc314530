"""The scheduled jobs: when each runs, its recent runs with their counts or error, and "run now"."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov.extensions import db
from cxgov.org.forms import ConfirmForm
from cxgov.permissions import can_view_runs, require
from cxgov.rhythm import runs
from cxgov.rhythm.views import bp

COMMANDS = {"close_months": "flask --app wsgi cxgov close-months",
            "reminders": "flask --app wsgi cxgov send-reminders --date YYYY-MM-DD",
            "chat_digests": "flask --app wsgi cxgov post-chat-digests --date YYYY-MM-DD"}
STATE_LABELS = {runs.RUNNING: _l("Running"), runs.OK: _l("Done"), runs.FAILED: _l("Failed")}
TRIGGER_LABELS = {"schedule": _l("Scheduler"), "cli": _l("Command line"), "admin": _l("Run now")}
# The counts each job reports, as the log shows them; an unknown count shows its own name.
COUNT_LABELS = {"closed": _l("months closed"), "sent": _l("sent"), "skipped": _l("skipped"), "failed": _l("failed"),
                "posted": _l("posted"), "queued": _l("queued"), "people": _l("people"),
                "channels": _l("channels"), "already": _l("already sent"), "not_wanted": _l("not wanted"),
                "attempted": _l("attempted")}


@bp.route("/admin/jobs")
@require(can_view_runs)
def runs_page():
    """The jobs and their log, newest first."""
    return render_template("rhythm/runs.html", jobs=runs.JOBS, latest=runs.last_by_job(), entries=runs.recent(),
                           form=ConfirmForm(), commands=COMMANDS, state_labels=STATE_LABELS,
                           trigger_labels=TRIGGER_LABELS, count_labels=COUNT_LABELS)


@bp.route("/admin/jobs/<name>/run", methods=["POST"])
@require(can_view_runs)
def run_now(name: str):
    """Queue a job now (the consumer runs it; with immediate tasks it runs before the page returns)."""
    from cxgov.rhythm import schedule

    if name not in runs.JOBS:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    before = runs.last_by_job().get(name)
    schedule.run_job(name, "admin")
    _flash_outcome(name, before)
    return redirect(url_for("rhythm.runs_page"))


def _flash_outcome(name: str, before) -> None:
    """Say how the run ended when it already has (immediate tasks), so a failure is not announced in green;
    otherwise that it is queued."""
    db.session.expire_all()
    latest = runs.last_by_job().get(name)
    label = runs.JOBS[name].label
    if latest is None or (before is not None and latest.id == before.id) or latest.state == runs.RUNNING:
        flash(_("“%(job)s” was started; its run appears below when it ends.", job=label), "success")
    elif latest.state == runs.FAILED:
        flash(_("“%(job)s” failed: %(error)s", job=label, error=latest.error), "error")
    else:
        flash(_("“%(job)s” has run; its counts are below.", job=label), "success")
