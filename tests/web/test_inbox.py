"""The inbox and the home pages by role: what is waiting for whom, snoozes, the badge, bulk approval."""
import html
from datetime import date

import pytest
import sqlalchemy as sa

from cxgov.assessments import operations as assessments
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.rhythm.inbox_models import Snooze
from cxgov.targets.models import Target
from tests.factories import make_action, make_cycle, make_department, make_organisation, make_target, make_user
from tests.web.test_assessments import practices, respondent_of

DAY = date(2026, 12, 3)


@pytest.fixture
def company(app, on_day):
    """A small company on 3 December 2026: a questionnaire due in a week, drafts for December, an overdue
    action, a workshop-less HR and a viewer."""
    on_day(DAY)
    make_organisation()
    cs = make_department("CS")
    people = {
        "lead": make_user("lead.cs@example.com", roles=["dept_lead"], department=cs, name="Lena Lead"),
        "member": make_user("agent@example.com", roles=["member"], department=cs, name="Ann Agent"),
        "cxo": make_user("cxo@example.com", roles=["cx_office"], name="Cora Office"),
        "hr": make_user("hr@example.com", roles=["hr"], name="Hana HR"),
        "viewer": make_user("viewer@example.com", roles=["viewer"], name="Vic Viewer"),
    }
    cycle = make_cycle([cs], state="open", name="Winter 2026", opens_on=date(2026, 12, 1), due_on=date(2026, 12, 10))
    drafts = [make_target(cs, month="2026-12", title=f"Answer within {n} hours", points=5) for n in (2, 4)]
    make_action(people["member"], cs, due_on=date(2026, 12, 1), title="Call back the angry customer")
    return {"cs": cs, "cycle": cycle, "drafts": drafts, **people}


def page(client, url="/"):
    return html.unescape(client.text(url))


def test_a_respondent_sees_the_questionnaire_until_it_is_submitted(client, company):
    client.login("agent@example.com")
    home = page(client)
    assert "Waiting for you" in home
    assert "Answer the questionnaire “Winter 2026” for Department CS" in home
    assert "Dec 10, 2026" in home
    assert "Complete the action “Call back the angry customer”" in home and "Dec 1, 2026" in home
    me = respondent_of(company["cycle"], company["member"])
    assessments.save_answers(me, {p.id: (3, False, "") for p in practices(company["cycle"])}, True,
                             company["member"])
    db.session.commit()
    home = page(client)
    assert "Winter 2026" not in home
    assert "Complete the action “Call back the angry customer”" in home


def test_the_cx_office_sees_the_drafts_and_approves_them_in_bulk(client, company):
    client.login("cxo@example.com")
    home = page(client)
    assert "Approve the draft targets for December 2026 (2 waiting)" in home
    assert "Review and approve" in home
    # the item opens the queue at its month, where the drafts are approved (the month board cannot)
    assert 'href="/inbox/approvals#month-2026-12">Approve the draft targets' in home
    assert 'href="/inbox/approvals#month-2026-12">Approve the draft targets' in page(client, "/inbox")
    queue = page(client, "/inbox/approvals")
    assert 'id="month-2026-12"' in queue
    assert "Answer within 2 hours" in queue and "Answer within 4 hours" in queue
    ids = [str(t.id) for t in company["drafts"]]
    response = client.submit("/inbox/approvals", {"target_id": ids}, follow_redirects=True)
    assert "2 targets approved." in html.unescape(response.get_data(as_text=True))
    assert {t.approval for t in db.session.scalars(sa.select(Target))} == {"approved"}
    assert "Approve the draft targets" not in page(client)
    assert "No draft target is waiting for approval." in page(client, "/inbox/approvals")


def test_the_cx_office_approves_a_whole_month_with_one_button(client, company):
    later = make_target(company["cs"], month="2027-01", title="January draft", points=5)
    client.login("cxo@example.com")
    response = client.submit("/inbox/approvals", {"all_of_month": "2026-12"}, follow_redirects=True)
    assert "2 targets approved." in html.unescape(response.get_data(as_text=True))
    approval = dict(db.session.execute(sa.select(Target.title, Target.approval)).all())
    assert approval == {"Answer within 2 hours": "approved", "Answer within 4 hours": "approved",
                        later.title: "draft"}


def test_bulk_approval_is_all_or_nothing_and_names_the_refused_target(client, company):
    conf_points = company["drafts"][1]
    conf_points.points = 60  # above today's cap of 50 per target: the gate refuses it
    db.session.commit()
    client.login("cxo@example.com")
    ids = [str(t.id) for t in company["drafts"]]
    response = client.submit("/inbox/approvals", {"target_id": ids}, follow_redirects=True)
    text = html.unescape(response.get_data(as_text=True))
    assert "Nothing was approved: “Answer within 4 hours” (December 2026) was refused" in text
    assert {t.approval for t in db.session.scalars(sa.select(Target))} == {"draft"}


def test_only_the_cx_office_and_executives_reach_the_queue(client, company):
    client.login("lead.cs@example.com")
    assert client.get("/inbox/approvals").status_code == 403
    response = client.submit("/inbox/approvals", {"target_id": [str(company["drafts"][0].id)]})
    assert response.status_code == 403
    assert {t.approval for t in db.session.scalars(sa.select(Target))} == {"draft"}


@pytest.mark.parametrize("value", ["²", "٣", "abc", "-1", ""])
def test_a_malformed_target_id_is_ignored_not_a_crash(client, company, value):
    client.login("cxo@example.com")
    response = client.submit("/inbox/approvals", {"target_id": [value]}, follow_redirects=True)
    assert response.status_code == 200
    assert "Tick the targets to approve." in html.unescape(response.get_data(as_text=True))
    assert {t.approval for t in db.session.scalars(sa.select(Target))} == {"draft"}


def _key(client, text):
    """The snooze key of the row whose wording contains `text`, as the page carries it."""
    body = client.text("/inbox")
    row = body[body.index(html.escape(text, quote=False)) if html.escape(text, quote=False) in body
               else body.index(text):]
    start = row.index('name="key" value="') + len('name="key" value="')
    return row[start:row.index('"', start)]


def test_snoozing_hides_an_item_until_the_date(client, company, on_day):
    client.login("agent@example.com")
    key = _key(client, "Winter 2026")
    response = client.submit("/inbox/snooze", {"key": key, "until": "2026-12-06", "next": "/inbox"},
                             follow_redirects=True)
    text = html.unescape(response.get_data(as_text=True))
    assert "Snoozed until Dec 6, 2026" in text
    assert "Winter 2026" not in page(client)
    snoozed = page(client, "/inbox?view=snoozed")
    assert "Winter 2026" in snoozed and "Snoozed until Dec 6, 2026" in snoozed
    on_day(date(2026, 12, 6))  # the snooze lapses on its date: the item is back
    assert "Answer the questionnaire “Winter 2026”" in page(client)


def test_snoozing_an_overdue_item_is_refused_and_changes_nothing(client, company):
    client.login("agent@example.com")
    action_key = f"action:{db.session.scalar(sa.select(sa.text('id')).select_from(sa.text('action_items')))}"
    assert "snooze" not in _row(page(client, "/inbox"), "Call back the angry customer").lower()
    response = client.submit("/inbox/snooze", {"key": action_key, "until": "2026-12-05"}, follow_redirects=True)
    assert "An overdue item cannot be snoozed" in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(Snooze.id))) == 0
    assert "Call back the angry customer" in page(client)


def _row(body, text):
    start = body.index(text)
    return body[start:body.index("</li>", start)]


@pytest.mark.parametrize("until,message", [
    ("2026-12-03", "Choose a date after Dec 3, 2026"),
    ("2026-12-11", "The item is due on Dec 10, 2026: snooze it until that date at the latest."),
    ("soon", "Choose the date the item should come back"),
])
def test_a_snooze_date_is_checked(client, company, until, message):
    client.login("agent@example.com")
    key = _key(client, "Winter 2026")
    response = client.submit("/inbox/snooze", {"key": key, "until": until}, follow_redirects=True)
    assert message in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(Snooze.id))) == 0


def test_nobody_snoozes_what_is_not_theirs(client, company):
    client.login("lead.cs@example.com")
    response = client.submit("/inbox/snooze", {"key": "approve:2026-12", "until": "2026-12-04"},
                             follow_redirects=True)
    assert "no longer waiting for you" in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(Snooze.id))) == 0


def test_the_badge_counts_the_open_items_and_a_viewer_has_none(client, company):
    client.login("agent@example.com")
    inbox = page(client, "/inbox")
    open_items = inbox.count('class="due-item ')
    assert open_items == 2
    assert f'<span class="inbox-badge">{open_items}</span>' in inbox
    client.submit("/logout")
    client.login("viewer@example.com")
    home = page(client)
    assert "inbox-badge" not in home and "inbox-link" not in home and "Waiting for you" not in home
    assert client.get("/inbox").status_code == 403


def test_inbox_filters_by_kind_and_urgency(client, company):
    client.login("agent@example.com")
    overdue = page(client, "/inbox?urgency=overdue")
    assert "Call back the angry customer" in overdue and "Winter 2026" not in overdue
    answers = page(client, "/inbox?kind=answer")
    assert "Winter 2026" in answers and "Call back the angry customer" not in answers
    assert "Nothing matches these filters." in page(client, "/inbox?kind=rsvp")


def test_the_home_page_needs_the_same_statements_for_many_due_items(client, company):
    make_action(company["cxo"], company["cs"], due_on=date(2026, 12, 2), title="Follow up first")
    client.login("cxo@example.com")
    few = _statements(client)
    for n in range(6):
        make_action(company["cxo"], company["cs"], due_on=date(2026, 12, 1 + n % 3), title=f"Follow up {n}")
        make_target(company["cs"], month="2027-01", title=f"January idea {n}", points=5)
    many = _statements(client)
    assert "Follow up 5" in page(client, "/inbox")
    assert many == few


def _statements(client) -> int:
    statements = []

    def count(*args):
        statements.append(args[2])

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get("/").status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_snoozes_are_audited(client, company):
    client.login("agent@example.com")
    key = _key(client, "Winter 2026")
    client.submit("/inbox/snooze", {"key": key, "until": "2026-12-05"})
    client.submit("/inbox/unsnooze", {"key": key})
    from cxgov.audit.models import AuditEntry

    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.table_name == "inbox_snoozes")).all()
    assert actions == ["create", "delete"]
    assert db.session.scalar(sa.select(User.id).where(User.email == "agent@example.com"))


def routes(api):
    """The inbox's rows of the role × URL table (tests/web/test_access.py)."""
    from tests.web.test_access import EVERYONE, MANAGERS

    inbox_users = EVERYONE - {"viewer"}  # a reader only has no tasks, so no inbox
    return {
        ("GET", "/inbox"): (lambda d: "/inbox", inbox_users),
        ("POST", "/inbox/snooze"): (lambda d: "/inbox/snooze", inbox_users),
        ("POST", "/inbox/unsnooze"): (lambda d: "/inbox/unsnooze", inbox_users),
        ("GET", "/inbox/approvals"): (lambda d: "/inbox/approvals", MANAGERS),
        ("POST", "/inbox/approvals"): (lambda d: "/inbox/approvals", MANAGERS),
    }
