"""The due items as read from the database, and the scheduled jobs with their run log (page, CLI, scheduler)."""
import html
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from cxgov import cli
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.rhythm import due, gather, runs, schedule
from cxgov.targets.models import MonthClose
from tests.factories import make_action, make_alignment_review, make_cycle, make_department, make_target, make_user

DAY = date(2026, 12, 3)


def test_a_person_sees_the_questionnaire_and_the_action_that_wait_for_them_until_done(app, on_day):
    on_day(DAY)
    dept = make_department("CS")
    member = make_user("m@example.com", department=dept)
    make_user("lead@example.com", roles=("dept_lead",), department=dept)
    cycle = make_cycle([dept], state="open", opens_on=date(2026, 11, 1), due_on=date(2026, 11, 30))
    action = make_action(member, dept, due_on=DAY + timedelta(days=2))
    items = gather.due_for(member.id, DAY)
    assert [(i.kind, i.urgency) for i in items] == [(due.ANSWER, due.OVERDUE), (due.ACTION, due.SOON)]
    assert items[0].url_args["cycle_id"] == cycle.id
    # the same answer for everyone as for one person
    assert gather.due_items(DAY)[member.id] == items

    from cxgov.actions import operations as actions

    actions.set_status(action, "done", DAY)
    respondent = next(r for r in cycle.respondents if r.user_id == member.id)
    respondent.submitted_at = datetime(2026, 12, 2, tzinfo=UTC)
    db.session.commit()
    assert gather.due_for(member.id, DAY) == []


def test_one_persons_read_answers_what_everyones_read_answers_for_them(app, on_day):
    """due_for reads only what can concern the person; it must agree with the company-wide read, person by person:
    owners, a lead whose target's owner has left, the CX office with drafts, HR, a respondent."""
    on_day(date(2026, 12, 20))
    dept, other = make_department("CS"), make_department("FIN")
    lead = make_user("lead@example.com", roles=("dept_lead",), department=dept)
    make_user("lead2@example.com", roles=("dept_lead",), department=other)
    owner = make_user("owner@example.com", department=dept)
    gone = make_user("gone@example.com", department=dept)
    make_user("cxo@example.com", roles=("cx_office",))
    make_user("hr@example.com", roles=("hr",))
    dept.lead_id = lead.id
    db.session.commit()
    make_target(dept, "2026-12", approved=True, title="Quiet", owner_id=owner.id)
    make_target(dept, "2026-12", approved=True, title="Orphan", owner_id=gone.id)
    make_target(other, "2027-01", title="Draft")
    make_cycle([dept], state="open", opens_on=date(2026, 12, 1), due_on=date(2026, 12, 30))
    areas = make_alignment_review(2026).areas
    areas[0].owner_id, areas[1].owner_id = lead.id, gone.id  # rated by their owner; by the CX office once gone
    gone.active = False
    db.session.commit()
    everyone = gather.due_items(date(2026, 12, 20))
    assert {due.UPDATE, due.ESCALATED, due.APPROVE, due.ANSWER, due.RATE} <= {
        i.kind for v in everyone.values() for i in v}
    for person in db.session.scalars(sa.select(User)):
        assert gather.due_for(person.id, date(2026, 12, 20)) == everyone.get(person.id, []), person.email


def test_a_deactivated_person_has_nothing_due(app, on_day):
    on_day(DAY)
    dept = make_department("CS")
    member = make_user("m@example.com", department=dept)
    make_cycle([dept], state="open", opens_on=date(2026, 11, 1), due_on=date(2026, 12, 30))
    assert gather.due_for(member.id, DAY)
    member.active = False
    db.session.commit()
    assert gather.due_for(member.id, DAY) == [] and member.id not in gather.due_items(DAY)


def test_reading_what_is_due_costs_the_same_few_statements_however_much_is_due(app, on_day):
    on_day(DAY)
    dept = make_department("CS")
    cxo = make_user("cxo@example.com", roles=("cx_office",))

    def statements():
        seen = []

        def count(*args):
            seen.append(args[2])

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            gather.due_for(cxo.id, DAY)
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        return len(seen)

    statements()  # the first read warms the session's caches
    few = statements()
    for n in range(6):
        make_target(dept, "2027-01", title=f"Target {n}")
        make_action(cxo, dept, due_on=DAY + timedelta(days=1), title=f"Action {n}")
    assert [i.count for i in gather.due_for(cxo.id, DAY) if i.kind == due.APPROVE] == [6]
    assert statements() == few


def test_a_job_run_is_logged_with_its_counts_and_the_scheduler_runs_it_once_a_day(app, on_day):
    on_day(DAY)
    dept = make_department("CS")
    make_target(dept, "2026-10", approved=True)
    entry = runs.run("close_months", DAY, trigger="cli")
    assert (entry.state, entry.counts, entry.error) == (runs.OK, {"closed": 1}, "")
    assert db.session.scalar(sa.select(MonthClose.month)) == "2026-10"
    # 07:00 in Shanghai: the month close (00:30) has run well today, the reminders (08:00) are not due yet
    assert runs.due_now(datetime(2026, 12, 2, 23, 0, tzinfo=UTC)) == []
    assert runs.due_now(datetime(2026, 12, 3, 1, 0, tzinfo=UTC)) == ["reminders", "chat_digests"]


def test_a_failing_job_is_logged_with_a_readable_error_and_stays_due(app, on_day):
    on_day(DAY)
    # the discard port: nobody listens there on loopback, so the server is unreachable
    app.config.update(CXGOV_SMTP_HOST="127.0.0.1", CXGOV_SMTP_PORT="9", CXGOV_SMTP_SECURITY="none",
                      CXGOV_SMTP_FROM="cxgov@example.com", CXGOV_BASE_URL="https://cx.example.com",
                      CXGOV_SMTP_TIMEOUT="2")
    dept = make_department("CS")
    make_user("m@example.com", department=dept)
    make_cycle([dept], state="open", opens_on=date(2026, 11, 1), due_on=date(2026, 12, 30))
    entry = runs.run("reminders", DAY, trigger="schedule")
    assert entry.state == runs.FAILED
    assert "127.0.0.1" in entry.error and "Traceback" not in entry.error and "\n" not in entry.error
    assert "reminders" in runs.due_now(datetime(2026, 12, 3, 4, 0, tzinfo=UTC))


def test_the_cli_runs_a_job_for_a_given_day_and_fails_clearly(app, on_day):
    on_day(DAY)
    dept = make_department("CS")
    make_target(dept, "2026-10", approved=True)
    runner = app.test_cli_runner()
    result = runner.invoke(cli.cxgov_cli, ["close-months"])
    assert result.exit_code == 0 and "closed 1" in result.output
    result = runner.invoke(cli.cxgov_cli, ["send-reminders", "--date", "2026-13-01"])
    assert result.exit_code == 2 and "2026-13-01" in result.output
    logged = db.session.scalars(sa.select(runs.JobRun).order_by(runs.JobRun.id)).all()
    assert [(e.job, e.trigger, e.state) for e in logged] == [("close_months", "cli", runs.OK)]


def test_run_due_is_what_the_periodic_tick_does(app, on_day, monkeypatch):
    on_day(DAY)
    monkeypatch.setattr("cxgov.clock.now", lambda: datetime(2026, 12, 2, 17, 0, tzinfo=UTC))  # 01:00 in Shanghai
    assert schedule.run_due() == ["close_months"]
    assert schedule.run_due() == []


def test_the_run_log_page_is_for_admins_and_the_cx_office_and_runs_a_job_now(app, client, on_day):
    on_day(DAY)
    make_user("admin@example.com", roles=("admin",))
    make_user("m@example.com")
    client.login("m@example.com")
    assert client.get("/admin/jobs").status_code == 403
    assert client.submit("/admin/jobs/close_months/run").status_code == 403
    client.post("/logout", data={"csrf_token": client.csrf_token()})
    client.login("admin@example.com")
    page = client.text("/admin/jobs")
    assert "Close the months of targets that are due" in page and "No job has run yet." in page
    response = client.submit("/admin/jobs/close_months/run", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "has run; its counts are below" in page and "months closed 0" in page and "Run now" in page
    assert client.submit("/admin/jobs/nothing/run").status_code == 404
    assert client.post("/admin/jobs/close_months/run").status_code == 400  # no CSRF token
    assert db.session.scalar(sa.select(sa.func.count()).select_from(runs.JobRun)) == 1


def _channel(d) -> int:
    """A switched-off channel to open, edit, switch and test (created once per table run)."""
    from cxgov.rhythm import chat
    from cxgov.rhythm.chat_models import ChatChannel

    channel = db.session.scalar(sa.select(ChatChannel).limit(1)) or chat.save_channel(None, {
        "name": "Access table", "kind": "generic", "webhook_url": "http://127.0.0.1:9/hook", "language": "en",
        "digest_weekday": 0, "digest": True, "events": True, "active": False})
    db.session.commit()
    return channel.id


def routes(api):
    """The run log's and the chat channels' rows of the role × URL table (tests/web/test_access.py)."""
    from tests.web.test_access import ADMIN, CX_OFFICE

    staff = {ADMIN, CX_OFFICE}
    return {
        ("GET", "/admin/jobs"): (lambda d: "/admin/jobs", staff),
        ("POST", "/admin/jobs/<name>/run"): (lambda d: "/admin/jobs/close_months/run", staff),
        ("GET", "/rhythm/chat"): (lambda d: "/rhythm/chat", staff),
        ("POST", "/rhythm/chat/new"): (lambda d: "/rhythm/chat/new", staff),
        ("GET", "/rhythm/chat/<int:channel_id>/edit"): (lambda d: f"/rhythm/chat/{_channel(d)}/edit", staff),
        ("POST", "/rhythm/chat/<int:channel_id>/edit"): (lambda d: f"/rhythm/chat/{_channel(d)}/edit", staff),
        ("POST", "/rhythm/chat/<int:channel_id>/active"): (lambda d: f"/rhythm/chat/{_channel(d)}/active", staff),
        ("POST", "/rhythm/chat/<int:channel_id>/test"): (lambda d: f"/rhythm/chat/{_channel(d)}/test", staff),
    }


def test_run_now_says_when_the_job_failed_instead_of_announcing_it_started(app, client, on_day):
    on_day(DAY)
    app.config.update(CXGOV_SMTP_HOST="")
    make_user("admin@example.com", roles=("admin",))
    client.login("admin@example.com")
    response = client.submit("/admin/jobs/reminders/run", follow_redirects=True)
    page = html.unescape(response.get_data(as_text=True))
    assert "“Send the e-mail reminders” failed: E-mail is not set up" in page
    assert "flash-error" in page and "was started" not in page
