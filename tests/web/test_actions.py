"""The action tracker through the pages: filters, my actions, overdue flags, adding and editing with its rules,
concurrent edits, status changes, exports, the link with workshop ideas, the home panel and who may do what."""
from __future__ import annotations

import csv
import html
import io
from datetime import timedelta

import sqlalchemy as sa
from openpyxl import load_workbook

from cxgov import clock
from cxgov.actions import operations
from cxgov.actions.models import ActionItem
from cxgov.extensions import db
from tests.factories import make_action, make_department, make_organisation, make_user

TODAY = clock.today()


def company():
    """Two departments with a lead and a member each, the CX office, HR and a viewer."""
    make_organisation()
    cs, prd = make_department("CS"), make_department("PRD")
    people = {
        "cs_lead": make_user("lead.cs@example.com", roles=["dept_lead"], department=cs, name="李娜 Li Na"),
        "agent": make_user("agent@example.com", department=cs, name="高飞 Gao Fei"),
        "prd_lead": make_user("lead.prd@example.com", roles=["dept_lead"], department=prd, name="刘洋 Liu Yang"),
        "designer": make_user("designer@example.com", department=prd, name="孙浩 Sun Hao"),
        "cxo": make_user("cxo@example.com", roles=["cx_office"], name="陈思远 Chen Siyuan"),
        "hr": make_user("hr@example.com", roles=["hr"], name="韩梅 Han Mei"),
        "viewer": make_user("viewer@example.com", roles=["viewer"], name="Board Observer"),
    }
    cs.lead_id, prd.lead_id = people["cs_lead"].id, people["prd_lead"].id
    db.session.commit()
    return {"cs": cs, "prd": prd}, people


def count() -> int:
    """Actions stored."""
    return db.session.scalar(sa.select(sa.func.count(ActionItem.id)))


def form(owner, department=None, **overrides) -> dict:
    """A complete, valid action form."""
    data = {"title": "Call back every poor rating within 2 h", "description": "Team leads call.",
            "owner_id": str(owner.id if owner else 0), "department_id": str(department.id if department else 0),
            "due_on": (TODAY + timedelta(days=21)).isoformat()}
    data.update(overrides)
    return data


def listed(page: str) -> list[str]:
    """The titles linked from the list's table, in order."""
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return [html.unescape(t) for t in __import__("re").findall(r'href="/actions/\d+">([^<]+)</a>', table)]


def test_the_list_shows_open_work_by_default_and_filters(client):
    depts, p = company()
    make_action(p["agent"], depts["cs"], title="A open CS")
    make_action(p["designer"], depts["prd"], due_on=TODAY - timedelta(days=3), title="B late PRD",
                source="workshop_idea", source_id=7)
    started = make_action(p["designer"], depts["prd"], title="C started PRD")
    operations.set_status(started, "in_progress", TODAY)
    finished = make_action(p["agent"], depts["cs"], title="D done CS")
    operations.set_status(finished, "done", TODAY)
    db.session.commit()
    client.login("viewer@example.com")
    page = client.text("/actions/")
    assert listed(page) == ["B late PRD", "A open CS", "C started PRD"]  # soonest due first, done hidden
    assert listed(client.text("/actions/?status=all")) == ["B late PRD", "A open CS", "C started PRD", "D done CS"]
    assert listed(client.text("/actions/?status=done")) == ["D done CS"]
    assert listed(client.text(f"/actions/?department={depts['cs'].id}")) == ["A open CS"]
    assert listed(client.text(f"/actions/?owner={p['designer'].id}")) == ["B late PRD", "C started PRD"]
    assert listed(client.text("/actions/?source=workshop_idea")) == ["B late PRD"]
    assert listed(client.text("/actions/?overdue=1")) == ["B late PRD"]
    # Counts per status follow the other filters, not the status filter.
    prd_page = client.text(f"/actions/?department={depts['prd'].id}&status=done")
    assert "No action matches these filters." in prd_page
    assert "Open <strong>1</strong>" in prd_page and "In progress <strong>1</strong>" in prd_page
    assert "Overdue <strong>1</strong>" in prd_page


def test_my_actions_and_owner_me(client):
    depts, p = company()
    make_action(p["agent"], depts["cs"], title="Mine to do")
    make_action(p["designer"], depts["prd"], title="Not mine")
    client.login("agent@example.com")
    assert listed(client.text("/actions/mine")) == ["Mine to do"]
    assert listed(client.text("/actions/?owner=me")) == ["Mine to do"]
    other = client.application.test_client()
    other.login("hr@example.com")
    assert "You have no open actions." in other.text("/actions/mine")


def test_overdue_rows_are_flagged_on_the_list_the_page_and_home(client):
    depts, p = company()
    late = make_action(p["agent"], depts["cs"], due_on=TODAY - timedelta(days=5), title="Late one")
    make_action(p["agent"], depts["cs"], title="On time")
    client.login("agent@example.com")
    page = client.text("/actions/")
    assert page.count('class="act-row-overdue"') == 1 and "5 days overdue" in page
    assert "Overdue by 5 days" in client.text(f"/actions/{late.id}")
    home = client.text("/")
    assert "My actions" in home and "Late one" in home and "On time" in home and "1 overdue" in home


def test_adding_an_action_and_its_history(client):
    depts, p = company()
    client.login("lead.cs@example.com")
    assert client.get("/actions/new").status_code == 200
    response = client.submit("/actions/new", form(p["agent"], depts["cs"]))
    assert response.status_code == 302
    action = db.session.scalar(sa.select(ActionItem))
    assert (action.owner_id, action.department_id, action.status, action.source, action.created_by_id) == (
        p["agent"].id, depts["cs"].id, "open", "manual", p["cs_lead"].id)
    page = html.unescape(client.text(response.location))
    assert "Call back every poor rating within 2 h" in page and "高飞 Gao Fei" in page and "Added by hand" in page
    history = page[page.index("History"):]
    assert f"· {p['cs_lead'].name}" in history and "lead.cs@example.com" not in history  # who, by name


def test_no_owner_or_a_bad_due_date_is_refused_and_nothing_written(client):
    depts, p = company()
    client.login("cxo@example.com")
    page = client.submit("/actions/new", form(None, depts["cs"])).get_data(as_text=True)
    assert "An action needs an owner." in page and "Nothing has been saved." in page
    page = client.submit("/actions/new", form(p["agent"], due_on="2026-02-30")).get_data(as_text=True)
    assert "Enter the due date as a date, e.g. 2026-12-31." in page
    page = client.submit("/actions/new", form(p["agent"], due_on="")).get_data(as_text=True)
    assert "An action needs a due date." in page
    page = client.submit("/actions/new", form(None, due_on="")).get_data(as_text=True)
    assert "An action needs an owner." in page and "An action needs a due date." in page  # both at once
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    page = client.submit("/actions/new", form(p["agent"], due_on=yesterday)).get_data(as_text=True)
    assert "The due date cannot be before" in page
    assert count() == 0


def test_a_stale_edit_is_refused_showing_the_newer_values(client):
    depts, p = company()
    action = make_action(p["agent"], depts["cs"], title="First title")
    client.login("lead.cs@example.com")
    opened = form(p["agent"], depts["cs"], title="My change", version=str(action.version))
    operations.update_action(action, {"title": "Their change"}, action.version)  # someone saves meanwhile
    db.session.commit()
    response = client.submit(f"/actions/{action.id}/edit", opened)
    assert response.status_code == 302 and response.location.endswith(f"/actions/{action.id}/edit")
    page = html.unescape(client.text(response.location))
    assert "Someone else saved this action after you opened it" in page and "Their change" in page
    assert 'value="Their change"' in page
    assert db.session.get(ActionItem, action.id).title == "Their change"
    fresh = db.session.get(ActionItem, action.id)
    assert client.submit(f"/actions/{action.id}/edit", form(p["agent"], depts["cs"], title="My change",
                                                              version=str(fresh.version))).status_code == 302
    assert db.session.get(ActionItem, action.id).title == "My change"


def test_moving_an_action_along_and_dropping_needs_a_reason(client):
    depts, p = company()
    action = make_action(p["agent"], depts["cs"])
    client.login("agent@example.com")  # the owner
    client.submit(f"/actions/{action.id}/status", {"status": "in_progress", "version": str(action.version)})
    assert db.session.get(ActionItem, action.id).status == "in_progress"
    version = db.session.get(ActionItem, action.id).version
    again = client.submit(f"/actions/{action.id}/status", {"status": "in_progress", "version": str(version)})
    assert "The action is already In progress." in client.text(again.location)
    assert db.session.get(ActionItem, action.id).version == version
    response = client.submit(f"/actions/{action.id}/status", {"status": "dropped", "reason": " ", "version": version})
    assert "Say why the action is dropped." in client.text(response.location)
    assert db.session.get(ActionItem, action.id).status == "in_progress"
    client.submit(f"/actions/{action.id}/status", {"status": "dropped", "reason": "Merged into the hotline project",
                                                   "version": version})
    dropped = db.session.get(ActionItem, action.id)
    assert (dropped.status, dropped.dropped_reason) == ("dropped", "Merged into the hotline project")
    page = client.text(f"/actions/{action.id}")
    assert "Merged into the hotline project" in page and "In progress" in page  # history shows the steps
    client.submit(f"/actions/{action.id}/status", {"status": "done", "version": dropped.version})
    done = db.session.get(ActionItem, action.id)
    assert (done.status, done.done_on, done.dropped_reason) == ("done", TODAY, "")


def test_a_stale_status_change_is_refused(client):
    depts, p = company()
    action = make_action(p["agent"], depts["cs"])
    client.login("agent@example.com")
    operations.set_status(action, "done", TODAY, expected_version=action.version)
    db.session.commit()
    response = client.submit(f"/actions/{action.id}/status", {"status": "dropped", "reason": "x", "version": "1"})
    assert "Someone else saved this action" in client.text(response.location)
    assert db.session.get(ActionItem, action.id).status == "done"


def test_who_may_edit_and_move_an_action(client):
    depts, p = company()
    action = make_action(p["agent"], depts["cs"])
    allowed = {"lead.cs@example.com": (200, 302), "cxo@example.com": (200, 302), "agent@example.com": (403, 302),
               "lead.prd@example.com": (403, 403), "designer@example.com": (403, 403), "hr@example.com": (403, 403),
               "viewer@example.com": (403, 403)}
    for email, (edit, move) in allowed.items():
        other = client.application.test_client()
        other.login(email)
        assert other.get(f"/actions/{action.id}/edit").status_code == edit, email
        response = other.submit(f"/actions/{action.id}/status", {"status": "open"})
        assert response.status_code == move, email
        page = other.text(f"/actions/{action.id}")
        assert ("Update status" in page) == (move == 302), email
    assert db.session.get(ActionItem, action.id).status == "open"
    for email in ("agent@example.com", "viewer@example.com"):
        other = client.application.test_client()
        other.login(email)
        assert other.get("/actions/new").status_code == 403
        assert other.submit("/actions/new", form(p["agent"])).status_code == 403
    assert count() == 1


def test_export_the_filtered_list_as_csv_and_xlsx(client):
    depts, p = company()
    make_action(p["agent"], depts["cs"], title="客服回电 Call back", due_on=TODAY - timedelta(days=2))
    make_action(p["designer"], depts["prd"], title="PRD thing")
    client.login("viewer@example.com")
    response = client.get(f"/actions/export.csv?department={depts['cs'].id}")
    assert response.mimetype == "text/csv" and response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["ID", "Title", "Description", "Owner"] and rows[1][:4] == ["id", "title", "description",
                                                                                      "owner"]
    assert len(rows) == 3 and rows[2][1] == "客服回电 Call back" and rows[2][5] == "CS" and rows[2][8] == "Yes"
    book = load_workbook(io.BytesIO(client.get("/actions/export.xlsx").data))
    values = list(book.active.iter_rows(values_only=True))
    assert values[1][1] == "title" and sorted(v[1] for v in values[2:]) == ["PRD thing", "客服回电 Call back"]
    assert client.get("/actions/export.pdf").status_code == 404


def test_an_idea_becomes_an_action_linked_both_ways(client):
    from cxgov.workshops import operations as workshops
    from tests.web.test_workshops import workshop

    depts, p = company()
    people = {"hr": p["hr"]}
    held = workshop(people)
    idea = workshops.add_idea(held, {"kind": "improvement", "title": "夜间值班 Night rota", "description": "在线预诊断",
                                     "stage": "service", "touchpoint": "", "department_id": depts["cs"].id}, p["hr"])
    db.session.commit()
    client.login("hr@example.com")
    assert "Create an action" in client.text(f"/workshops/ideas/{idea.id}")
    page = html.unescape(client.text(f"/workshops/ideas/{idea.id}/action"))
    assert 'value="夜间值班 Night rota"' in page and "在线预诊断" in page
    assert f'<option selected value="{p["cs_lead"].id}"' in page or f'value="{p["cs_lead"].id}" selected' in page
    response = client.submit(f"/workshops/ideas/{idea.id}/action", form(p["cs_lead"], depts["cs"],
                                                                        title="夜间值班试运行 Trial the night rota"))
    assert response.status_code == 302
    action = db.session.scalar(sa.select(ActionItem))
    assert (action.source, action.source_id, action.created_by_id) == ("workshop_idea", idea.id, p["hr"].id)
    assert db.session.get(type(idea), idea.id).decision == "shortlisted"  # no longer waiting to be screened
    idea_page = html.unescape(client.text(f"/workshops/ideas/{idea.id}"))
    assert f"/actions/{action.id}" in idea_page and "夜间值班试运行 Trial the night rota" in idea_page
    action_page = html.unescape(client.text(f"/actions/{action.id}"))
    assert f'href="/workshops/ideas/{idea.id}"' in action_page and "夜间值班 Night rota" in action_page
    refused = client.submit(f"/workshops/ideas/{idea.id}/action", form(None, depts["cs"]))
    assert "An action needs an owner." in refused.get_data(as_text=True) and count() == 1


def test_source_links_need_no_query(app):
    from cxgov.actions.sources import source_link

    with app.test_request_context():
        assert source_link("manual", None) is None
        assert source_link("workshop_idea", 5) == ("/workshops/ideas/5", "Workshop idea")
        assert source_link("assessment", 2).url == "/assessments/2/results"
        assert source_link("review", 9).url == "/reviews/decisions/9"
        assert source_link("alignment", 3).url == "/alignment/areas/3"


def test_a_page_number_past_the_end_or_not_a_number_still_shows_rows(client, monkeypatch):
    from cxgov.actions import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    depts, people = company()
    for n in range(5):  # three pages of two
        make_action(people["agent"], department=depts["cs"], created_by=people["cxo"], title=f"Action {n}")
    db.session.commit()
    client.login("cxo@example.com")
    last = listed(client.text("/actions/?page=3"))
    assert len(last) == 1
    assert listed(client.text("/actions/?page=99999")) == last  # beyond the end: the last page
    first = listed(client.text("/actions/"))
    assert len(first) == 2
    middle = client.text(f"/actions/?department={depts['cs'].id}&page=2")
    assert "Page 2 of 3" in middle  # the links keep the filter
    assert f'href="/actions/?department={depts["cs"].id}&amp;page=1"' in middle
    assert f'href="/actions/?department={depts["cs"].id}&amp;page=3"' in middle
    for raw in ("0", "-1", "abc", "²", "9" * 25):
        response = client.get(f"/actions/?page={raw}")
        assert response.status_code == 200, raw
        assert listed(response.get_data(as_text=True)) == first, raw
