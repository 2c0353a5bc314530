"""The project director's scoped powers start on the first day of the term and end after its last; handovers."""
from datetime import date

import pytest
import sqlalchemy as sa

from cxgov import permissions
from cxgov.extensions import db
from cxgov.teams.models import Handover, Term
from tests.factories import make_cycle
from tests.web.test_teams import company, make_plan

# Lead PRD directs Q1 2027 (1 Jan – 31 Mar); Lead MKT directs Q2 2027.
EDGES = [(date(2026, 12, 31), False), (date(2027, 1, 1), True), (date(2027, 3, 31), True), (date(2027, 4, 1), False)]


@pytest.fixture
def rotation(app):
    """The company with a quarterly plan from 1 January 2027 among three leads, made in November 2026."""
    c = company()
    make_plan(c.leads[:3], start=date(2027, 1, 1), today=date(2026, 11, 22))
    c.q1 = db.session.scalar(sa.select(Term).where(Term.starts_on == date(2027, 1, 1)))
    return c


@pytest.mark.parametrize("day,allowed", EDGES)
def test_the_predicate_holds_from_the_first_to_the_last_day_of_the_term(rotation, day, allowed):
    director = rotation.leads[0]
    assert permissions.is_project_director(director, on=day) is allowed
    assert permissions.is_project_director(rotation.leads[1], on=day) is (day == date(2027, 4, 1))
    assert permissions.can_write_handover(director, rotation.q1, on=day) is allowed


@pytest.mark.parametrize("day,allowed", EDGES)
def test_the_director_previews_unpublished_results_and_reads_every_departments_answers(client, rotation, on_day,
                                                                                       day, allowed):
    cs = rotation.depts[3]
    cycle = make_cycle([cs], state="calibration")
    on_day(day)
    client.login(rotation.leads[0].email)
    expected = 200 if allowed else 403
    assert client.get(f"/assessments/{cycle.id}/results").status_code == expected
    assert client.get(f"/assessments/{cycle.id}/departments/{cs.id}/answers").status_code == expected
    page = client.text("/team/rotation")
    assert ("You are the project director" in page) is allowed


@pytest.mark.parametrize("day,allowed", EDGES)
def test_the_director_writes_the_handover_during_the_term_only(client, rotation, on_day, day, allowed):
    on_day(day)
    client.login(rotation.leads[0].email)
    response = client.submit(f"/team/rotation/terms/{rotation.q1.id}/handover",
                             {"notes": "Watch the returns journey", "open_items": "", "save": "1"})
    assert response.status_code == (302 if allowed else 403)
    assert db.session.scalar(sa.select(sa.func.count(Handover.id))) == (1 if allowed else 0)


def test_other_roles_gain_nothing_from_the_rotation(client, rotation, on_day):
    cs = rotation.depts[3]
    cycle = make_cycle([cs], state="open")
    on_day(date(2027, 2, 1))
    for who in (rotation.leads[1], rotation.member, rotation.viewer):  # the deputy included
        client.login(who.email)
        assert client.get(f"/assessments/{cycle.id}/results").status_code == 403
        assert client.submit(f"/team/rotation/terms/{rotation.q1.id}/handover",
                             {"notes": "x", "save": "1"}).status_code == 403
        client.submit("/logout")


def test_a_handover_from_draft_to_acknowledgement(client, app, rotation, on_day):
    outgoing, incoming, member = rotation.leads[0], rotation.leads[1], rotation.member
    url = f"/team/rotation/terms/{rotation.q1.id}/handover"
    on_day(date(2027, 3, 20))
    client.login(outgoing.email)
    page = client.submit(url, {"notes": "", "open_items": "", "submit": "1"}, follow_redirects=True)
    assert "Write your handover notes before you submit them." in page.get_data(as_text=True)
    client.submit(url, {"notes": "Loop closure at 71%", "open_items": "Call-back automation — IT\n\n Store script ",
                        "save": "1"})
    handover = db.session.scalar(sa.select(Handover))
    assert handover.open_items == ["Call-back automation — IT", "Store script"] and handover.submitted_at is None

    reader = app.test_client()
    reader.login(member.email)
    assert "Loop closure at 71%" not in reader.text(url)  # a draft is not for everyone
    deputy = app.test_client()
    deputy.login(incoming.email)
    assert "Loop closure at 71%" in deputy.text(url)  # the deputy shadows
    assert deputy.submit(f"{url}/acknowledge", {"note": "too early"}).status_code == 403

    client.submit(url, {"notes": "Loop closure at 71%", "open_items": "Call-back automation — IT",
                        "submit": "1", "version": handover.version})
    assert db.session.get(Handover, handover.id).submitted_at is not None
    assert "Loop closure at 71%" in reader.text(url)
    assert reader.submit(f"{url}/acknowledge", {}).status_code == 403

    on_day(date(2027, 4, 2))
    deputy.submit(f"{url}/acknowledge", {"note": "I take it from here"})
    acknowledged = db.session.get(Handover, handover.id)
    assert acknowledged.acknowledged_by_id == incoming.id and acknowledged.acknowledgement == "I take it from here"
    assert "I take it from here" in reader.text(url) and "Acknowledged" in reader.text("/team/rotation")


@pytest.mark.parametrize("day,allowed", [(date(2027, 6, 30), True), (date(2027, 7, 1), False)])
def test_the_next_director_acknowledges_until_the_end_of_their_own_term(client, rotation, on_day, day, allowed):
    on_day(date(2027, 3, 1))
    client.login(rotation.leads[0].email)
    client.submit(f"/team/rotation/terms/{rotation.q1.id}/handover", {"notes": "Notes", "submit": "1"})
    client.submit("/logout")
    on_day(day)
    client.login(rotation.leads[1].email)
    response = client.submit(f"/team/rotation/terms/{rotation.q1.id}/handover/acknowledge", {})
    assert response.status_code == (302 if allowed else 403)


def test_an_acknowledged_handover_no_longer_changes(client, rotation, on_day):
    on_day(date(2027, 3, 1))
    client.login(rotation.leads[0].email)
    url = f"/team/rotation/terms/{rotation.q1.id}/handover"
    client.submit(url, {"notes": "Notes", "submit": "1"})
    handover = db.session.scalar(sa.select(Handover))
    from cxgov.teams import team_operations

    team_operations.acknowledge_handover(handover, rotation.leads[1], "")
    db.session.commit()
    assert client.submit(url, {"notes": "Changed", "submit": "1"}).status_code == 403
    assert db.session.get(Handover, handover.id).notes == "Notes"


@pytest.mark.parametrize("day,allowed", EDGES)
def test_the_director_prepares_quarterly_reviews_and_manages_actions_during_the_term_only(client, rotation, on_day,
                                                                                          day, allowed):
    from tests.factories import make_action

    other_lead = rotation.leads[2]
    action = make_action(other_lead, rotation.depts[3], title="Someone else's action")
    on_day(day)
    client.login(rotation.leads[0].email)
    expected = 200 if allowed else 403
    assert client.get("/reviews/new").status_code == expected
    assert client.get("/reviews/agenda").status_code == expected
    assert client.get(f"/actions/{action.id}/edit").status_code == expected
