"""Monthly targets through the pages: drafting rules, updates, status, locking, concurrency, import, export."""
import html
import io
import re
from datetime import date

import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from cxgov import clock
from cxgov.audit.models import AuditEntry
from cxgov.extensions import db
from cxgov.rules import Refusal
from cxgov.targets import operations, progress
from cxgov.targets.models import MonthClose, Target, TargetUpdate
from tests.factories import make_department, make_target, make_user, next_month, open_target_window


def company():
    cs, prd = make_department("CS"), make_department("PRD", kind="functional")
    people = {
        "cs_lead": make_user("lead.cs@example.com", roles=["dept_lead"], department=cs),
        "prd_lead": make_user("lead.prd@example.com", roles=["dept_lead"], department=prd),
        "agent": make_user("agent@example.com", department=cs),
        "cxo": make_user("cxo@example.com", roles=["cx_office"]),
        "ceo": make_user("ceo@example.com", roles=["executive"]),
    }
    open_target_window()
    return cs, prd, people


def form(department, month, **overrides):
    data = {"department_id": str(department.id), "month": month, "title": "Answer within 2 hours",
            "description": "", "kind": "numeric", "unit": "%", "direction": "higher", "baseline": "78",
            "target_value": "88", "owner_id": "0", "dimension_code": "", "points": "20", "evidence": ""}
    data.update(overrides)
    return data


def count(**where):
    query = sa.select(sa.func.count(Target.id))
    for key, value in where.items():
        query = query.where(getattr(Target, key) == value)
    return db.session.scalar(query)


def test_a_lead_drafts_three_targets_for_next_month(client):
    cs, _prd, _people = company()
    client.login("lead.cs@example.com")
    month = next_month()
    for title in ("Answer within 2 hours", "Resolve within 24 hours", "No repeated stories"):
        assert client.submit("/targets/new", form(cs, month, title=title)).status_code == 302
    page = client.text(f"/targets/?month={month}&department={cs.id}")
    assert page.count("Draft") >= 3 and "Resolve within 24 hours" in page
    assert count(department_id=cs.id, month=month) == 3


def test_a_lead_cannot_set_another_departments_targets(client):
    cs, prd, _people = company()
    client.login("lead.cs@example.com")
    page = client.submit("/targets/new", form(prd, next_month())).get_data(as_text=True)
    assert "Not a valid choice" in page
    assert count(department_id=prd.id) == 0
    target = make_target(prd)
    assert client.submit(f"/targets/{target.id}/edit", form(prd, target.month, title="Hijack")).status_code == 403
    assert client.submit(f"/targets/{target.id}/updates", {"on_date": clock.today().isoformat(),
                                                           "value": "99"}).status_code == 403
    assert db.session.get(Target, target.id).title == "Raise NPS"


def test_outside_the_drafting_window_a_lead_is_refused(client):
    cs, _prd, _people = company()
    client.login("lead.cs@example.com")
    far = next_month(3)
    page = client.submit("/targets/new", form(cs, far)).get_data(as_text=True)
    assert f"Targets for {far} can be drafted from" in page
    assert count(department_id=cs.id) == 0


def test_the_cx_office_may_add_outside_the_window(client):
    cs, _prd, _people = company()
    client.login("cxo@example.com")
    assert client.submit("/targets/new", form(cs, next_month(3))).status_code == 302
    assert count(department_id=cs.id) == 1


def test_one_target_over_the_maximum_is_refused(client):
    cs, _prd, _people = company()
    month = next_month()
    for index in range(5):
        make_target(cs, month, title=f"T{index}")
    client.login("lead.cs@example.com")
    page = client.submit("/targets/new", form(cs, month)).get_data(as_text=True)
    assert f"A department may have at most 5 targets in {month}." in page
    assert count(department_id=cs.id, month=month) == 5


def test_numeric_targets_need_sensible_numbers(client):
    cs, _prd, _people = company()
    client.login("lead.cs@example.com")
    page = client.submit("/targets/new", form(cs, next_month(), baseline="", target_value="abc")) \
        .get_data(as_text=True)
    assert "Enter an ordinary number, such as 42 or 3.5." in page
    page = client.submit("/targets/new", form(cs, next_month(), direction="lower", baseline="10",
                                              target_value="20")).get_data(as_text=True)
    assert "Lower is better, so the target must be below the baseline." in page
    assert count() == 0


def test_updates_keep_history_and_the_latest_is_the_actual(client):
    cs, _prd, people = company()
    month = clock.today().strftime("%Y-%m")
    target = make_target(cs, month, owner_id=people["agent"].id)
    client.login("agent@example.com")
    client.submit(f"/targets/{target.id}/updates", {"on_date": clock.today().replace(day=1).isoformat(),
                                                    "value": "33", "note": "first week"})
    client.submit(f"/targets/{target.id}/updates", {"on_date": clock.today().isoformat(), "value": "41"})
    values = db.session.scalars(sa.select(TargetUpdate.value).order_by(TargetUpdate.id)).all()
    assert values == [33.0, 41.0]
    page = client.text(f"/targets/{target.id}")
    assert "Achieved" in page and "41" in page and "first week" in page


def test_a_non_numeric_value_or_a_date_outside_the_month_is_refused(client):
    cs, _prd, people = company()
    month = clock.today().strftime("%Y-%m")
    target = make_target(cs, month, owner_id=people["agent"].id)
    client.login("agent@example.com")
    for typed in ("lots", "42，5"):  # a Chinese comma is ambiguous: refused, never read as 425
        page = client.submit(f"/targets/{target.id}/updates", {"on_date": clock.today().isoformat(), "value": typed},
                             follow_redirects=True).get_data(as_text=True)
        assert "Enter an ordinary number, such as 42 or 3.5." in page
    page = client.submit(f"/targets/{target.id}/updates", {"on_date": "2001-01-01", "value": "35"},
                         follow_redirects=True).get_data(as_text=True)
    assert f"The date must fall in {month}." in page
    assert db.session.scalar(sa.select(sa.func.count(TargetUpdate.id))) == 0


def test_a_past_month_closes_by_itself_and_then_needs_an_executive_override(client):
    cs, _prd, people = company()
    past = next_month(-2)
    target = make_target(cs, past)
    client.login("lead.cs@example.com")
    # Closed by its date even before the daily job records it; reading the pages writes nothing.
    assert f"{past} is closed: final statuses are set" in client.text(f"/targets/?month={past}")
    assert "Final: the month is closed" in client.text(f"/targets/{target.id}")
    assert db.session.get(MonthClose, past) is None
    page = client.submit(f"/targets/{target.id}/updates", {"on_date": f"{past}-10", "value": "45"},
                         follow_redirects=True).get_data(as_text=True)
    assert f"{past} is closed" in page
    operations.close_due_months(clock.today())  # the daily job records the close and the final statuses
    db.session.commit()
    assert db.session.get(MonthClose, past) is not None
    assert db.session.get(Target, target.id).final_status == "missed"
    assert "Final: the month is closed" in client.text(f"/targets/{target.id}")
    assert client.get(f"/targets/{target.id}/edit", follow_redirects=True).status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(TargetUpdate.id))) == 0
    ceo = client.application.test_client()
    ceo.login("ceo@example.com")
    page = ceo.submit(f"/targets/{target.id}/edit", form(cs, past, title="Raise NPS", baseline="30",
                                                          target_value="35", version=str(target.version)))
    assert "Give the reason for changing a closed month." in page.get_data(as_text=True)
    ceo.submit(f"/targets/{target.id}/edit", form(cs, past, title="Raise NPS", baseline="30", target_value="35",
                                                  version=str(target.version), override_reason="Target was a typo"))
    assert db.session.get(Target, target.id).target_value == 35.0
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.table_name == "targets")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.reason == "Target was a typo"


def test_a_missed_target_is_carried_over_and_linked(client):
    cs, _prd, _people = company()
    past = next_month(-1)
    target = make_target(cs, past)
    operations.close_month(past, None)
    db.session.commit()
    client.login("lead.cs@example.com")
    client.submit(f"/targets/{target.id}/carry")
    carried = db.session.scalar(sa.select(Target).where(Target.carried_from_id == target.id))
    assert carried.month == next_month(0) and carried.title == "Raise NPS"
    assert f"/targets/{target.id}" in client.text(f"/targets/{carried.id}")


def test_two_people_saving_the_same_target_the_second_is_refused_with_the_newer_value(app):
    cs, _prd, _people = company()
    target = make_target(cs)
    lead, office = app.test_client(), app.test_client()
    lead.login("lead.cs@example.com")
    office.login("cxo@example.com")
    version = str(target.version)
    lead.submit(f"/targets/{target.id}/edit", form(cs, target.month, title="Lead's title", version=version))
    page = office.submit(f"/targets/{target.id}/edit", form(cs, target.month, title="Office title", version=version),
                         follow_redirects=True).get_data(as_text=True)
    assert "Someone else saved this target" in page and "Lead&#39;s title" in page
    assert db.session.get(Target, target.id).title == "Lead's title"


def test_managers_approve_with_a_comment(client):
    cs, _prd, _people = company()
    target = make_target(cs)
    client.login("cxo@example.com")
    client.submit(f"/targets/{target.id}/review", {"comment": "Good, measurable", "approve": "1"})
    stored = db.session.get(Target, target.id)
    assert stored.approval == "approved" and stored.review_comment == "Good, measurable"
    lead = client.application.test_client()
    lead.login("lead.cs@example.com")
    assert lead.submit(f"/targets/{target.id}/review", {"approve": "1"}).status_code == 403


def test_copy_last_month_as_drafts(client):
    cs, _prd, _people = company()
    last = next_month(0)
    make_target(cs, last, title="Keep going")
    client.login("lead.cs@example.com")
    client.submit(f"/targets/departments/{cs.id}/copy", {"month": next_month()})
    assert db.session.scalar(sa.select(Target.title).where(Target.month == next_month())) == "Keep going"


def test_company_grid_and_leaderboard(client):
    cs, prd, _people = company()
    month = next_month(-1)
    make_target(cs, month, points=20)
    achieved = make_target(prd, month, points=15)
    progress.post_update(achieved, date.fromisoformat(f"{month}-05"), 45.0, None, "", _people["prd_lead"],
                         today=date.fromisoformat(f"{month}-05"))
    db.session.commit()
    client.login("agent@example.com")
    page = client.text(f"/targets/company?year={month[:4]}")
    assert "100%" in page and "Points leaderboard" in page
    assert page.index("Department PRD") < page.index("Department CS", page.index("Points leaderboard"))


def upload(client, name, body):
    return client.submit("/targets/import", {"file": (io.BytesIO(body), name)}, content_type="multipart/form-data")


def test_import_xlsx_all_or_nothing_with_row_numbers(client):
    cs, prd, _people = company()
    client.login("lead.cs@example.com")
    month = next_month()
    book = Workbook()
    sheet = book.active
    sheet.append(["department_code", "month", "title", "kind", "baseline", "target_value", "points"])
    sheet.append(["CS", month, "Answer fast", "numeric", 70, 80, 10])
    sheet.append(["PRD", month, "Not mine", "numeric", 1, 2, 10])
    sheet.append(["CS", "2026-13", "", "wish", "x", 2, 10])
    buffer = io.BytesIO()
    book.save(buffer)
    page = upload(client, "targets.xlsx", buffer.getvalue()).get_data(as_text=True)
    assert "Nothing was imported" in page
    for fragment in ['<td class="num">3</td><td>You may not set the targets of PRD',
                     '<td class="num">4</td><td>“Month” is not a month such as 2026-11: “2026-13”.',
                     '<td class="num">4</td><td>“Baseline” is not a number: “x”.']:
        assert fragment in page
    assert count() == 0
    good = f"department_code,month,title,kind,baseline,target_value\nCS,{month},Answer fast,numeric,70,80\n"
    assert upload(client, "t.csv", good.encode()).status_code == 302
    assert count(department_id=cs.id, month=month) == 1


def test_export_filtered_list_as_xlsx_and_csv(client):
    cs, prd, _people = company()
    make_target(cs, title="CS target")
    make_target(prd, title="PRD target")
    client.login("agent@example.com")
    csv_text = client.get(f"/targets/export.csv?month={next_month()}&department={cs.id}").get_data(as_text=True)
    assert "CS target" in csv_text and "PRD target" not in csv_text
    rows = list(load_workbook(io.BytesIO(client.get(f"/targets/export.xlsx?month={next_month()}").data))
                .active.iter_rows(values_only=True))
    assert rows[0][:3] == ("ID", "Department", "Month") and rows[1][:3] == ("id", "department_code", "month")
    assert len(rows) == 4


# --- review fixes: the drafting window for edits, closed months, shared validation, the minimum -------------------

def set_window(opens: int, closes: int):
    conf = operations.stored_settings()
    conf.window_opens_day, conf.window_closes_day = opens, closes
    db.session.commit()


def test_a_lead_edits_a_target_only_while_drafting_is_open_and_before_approval(client):
    cs, _prd, people = company()
    later = make_target(cs, next_month(3))  # drafting for that month opens two months from now
    client.login("lead.cs@example.com")
    page = client.get(f"/targets/{later.id}/edit", follow_redirects=True).get_data(as_text=True)
    assert f"A department lead may change the targets of {later.month} only while drafting is open" in page
    client.submit(f"/targets/{later.id}/edit", form(cs, later.month, title="Sneaky", version=str(later.version)))
    assert db.session.get(Target, later.id).title == "Raise NPS"
    approved = make_target(cs)
    operations.approve(approved, people["cxo"], "")
    db.session.commit()
    page = client.submit(f"/targets/{approved.id}/edit", form(cs, approved.month, target_value="99",
                                                              version=str(approved.version)),
                         follow_redirects=True).get_data(as_text=True)
    assert "“Raise NPS” has been approved: only the CX office or an executive may change it now." in page
    assert db.session.get(Target, approved.id).target_value == 40.0
    assert f"/targets/{approved.id}/edit" not in client.text(f"/targets/{approved.id}")
    office = client.application.test_client()
    office.login("cxo@example.com")
    assert office.submit(f"/targets/{approved.id}/edit", form(cs, approved.month, baseline="30", target_value="45",
                                                              version=str(approved.version))).status_code == 302
    assert db.session.get(Target, approved.id).target_value == 45.0


def test_progress_updates_are_not_bound_to_the_drafting_window(client):
    cs, _prd, people = company()
    set_window(20, 1)  # closed for the current month from the 2nd on; updates still go in
    target = make_target(cs, next_month(0), owner_id=people["cs_lead"].id)
    operations.approve(target, people["cxo"], "")
    db.session.commit()
    client.login("lead.cs@example.com")
    client.submit(f"/targets/{target.id}/updates", {"on_date": clock.today().replace(day=1).isoformat(),
                                                    "value": "33"})
    assert db.session.scalar(sa.select(TargetUpdate.value)) == 33.0


def test_reviews_of_a_closed_month_are_refused_except_for_executives(client):
    cs, _prd, _people = company()
    past = next_month(-2)
    target = make_target(cs, past)
    client.login("cxo@example.com")
    page = client.submit(f"/targets/{target.id}/review", {"comment": "Late", "approve": "1"},
                         follow_redirects=True).get_data(as_text=True)
    assert f"{past} is closed" in page
    stored = db.session.get(Target, target.id)
    assert (stored.approval, stored.review_comment) == ("draft", "")
    client.submit(f"/targets/{target.id}/review", {"comment": "Late note", "comment_only": "1"})
    assert db.session.get(Target, target.id).review_comment == ""
    ceo = client.application.test_client()
    ceo.login("ceo@example.com")
    ceo.submit(f"/targets/{target.id}/review", {"comment": "Noted for the record", "comment_only": "1"})
    assert db.session.get(Target, target.id).review_comment == "Noted for the record"


def test_writing_operations_close_a_due_month_themselves(app):
    cs, _prd, people = company()
    past = next_month(-2)
    target = make_target(cs, past)
    try:
        progress.post_update(target, date.fromisoformat(f"{past}-10"), 45.0, None, "", people["cs_lead"])
    except Refusal as error:
        assert error.code == "month_closed"
    else:
        raise AssertionError("an update of a due month was accepted")
    assert operations.is_closed(past) and db.session.get(Target, target.id).final_status == "missed"


def test_a_lead_promotes_an_idea_only_within_the_drafting_window(app):
    from cxgov.workshops import operations as workshops
    from tests.web.test_workshops import workshop

    cs, _prd, people = company()
    hr = make_user("hr@example.com", roles=["hr"])
    item = workshop({"hr": hr})
    ideas = [workshops.add_idea(item, {"kind": "improvement", "title": title, "stage": "use",
                                       "department_id": cs.id}, hr) for title in ("Call back", "Text back")]
    db.session.commit()
    data = {"title": "Call back", "kind": "milestone", "points": 10}
    try:
        workshops.promote_to_target(ideas[0], cs, next_month(3), data, people["cs_lead"])
    except Refusal as error:
        assert error.code == "outside_window"
    else:
        raise AssertionError("a lead promoted outside the drafting window")
    db.session.rollback()
    assert count() == 0
    try:  # HR runs workshops but sets no targets (it used to add them to any department, any time)
        workshops.promote_to_target(ideas[1], cs, next_month(3), dict(data, title="Text back"), hr)
    except Refusal as error:
        assert error.code == "targets_not_yours"
    else:
        raise AssertionError("HR promoted an idea to a target")
    db.session.rollback()
    workshops.promote_to_target(db.session.get(type(ideas[1]), ideas[1].id), cs, next_month(3),
                                dict(data, title="Text back"), people["cxo"])
    workshops.promote_to_target(db.session.get(type(ideas[0]), ideas[0].id), cs, next_month(), data,
                                people["cs_lead"])
    db.session.commit()
    assert count(department_id=cs.id) == 2


def test_import_checks_the_direction_and_refuses_fractional_points(client):
    cs, _prd, _people = company()
    client.login("lead.cs@example.com")
    month = next_month()
    body = ("department_code,month,title,kind,direction,baseline,target_value,points\n"
            f"CS,{month},Fewer complaints,numeric,lower,10,20,10\n"
            f"CS,{month},Faster answers,numeric,higher,70,80,2.5\n"
            f"CS,{month},Fine,numeric,higher,70,80,10\n")
    page = upload(client, "t.csv", body.encode()).get_data(as_text=True)
    assert "Nothing was imported" in page
    assert "Lower is better, so the target must be below the baseline." in page
    assert "Incentive points must be a whole number from 0 to 1000." in page
    assert count() == 0


def test_a_department_below_the_minimum_is_flagged(client):
    cs, prd, _people = company()
    conf = operations.stored_settings()
    conf.min_per_department = 3
    db.session.commit()
    month = next_month()
    make_target(cs, month, title="One")
    make_target(cs, month, title="Two")
    for index in range(3):
        make_target(prd, month, title=f"P{index}")
    client.login("agent@example.com")
    page = client.text(f"/targets/?month={month}")
    assert "2 of at least 3 expected" in page and "No target yet" not in page
    assert "3 of at least 3 expected" not in page
    assert "Departments below the expected minimum <strong>1</strong>" in page


def test_nan_or_infinity_is_refused_and_the_pages_keep_working(client):
    cs, _prd, people = company()
    month = clock.today().strftime("%Y-%m")
    target = make_target(cs, month, owner_id=people["agent"].id)
    client.login("agent@example.com")
    for odd in ("nan", "1e400", "-inf"):
        page = client.submit(f"/targets/{target.id}/updates", {"on_date": clock.today().isoformat(), "value": odd},
                             follow_redirects=True).get_data(as_text=True)
        assert "Enter an ordinary number" in page, odd
    assert db.session.scalar(sa.select(sa.func.count(TargetUpdate.id))) == 0
    lead = client.application.test_client()
    lead.login("lead.cs@example.com")
    new = lead.submit("/targets/new", form(cs, next_month(), baseline="nan"), follow_redirects=True)
    assert "Enter an ordinary number" in new.get_data(as_text=True)
    assert client.get(f"/targets/{target.id}").status_code == 200
    assert client.get("/targets/").status_code == 200


def test_a_viewer_cannot_own_a_target_and_so_never_posts_progress(client):
    cs, _prd, _people = company()
    viewer = make_user("board@example.com", roles=["viewer"])
    client.login("lead.cs@example.com")
    assert f'value="{viewer.id}"' not in client.text("/targets/new")
    page = client.submit("/targets/new", form(cs, next_month(), owner_id=str(viewer.id))).get_data(as_text=True)
    assert count() == 0 and ("Not a valid choice" in page or "may make changes" in page)


# --- points you can trust, corrections with a trail, settings that ask first (issue 11) ------------------------

def test_the_cx_office_sets_the_points_scale_and_a_lead_cannot_exceed_it(client):
    cs, _prd, _people = company()
    office = client.application.test_client()
    office.login("cxo@example.com")
    conf = operations.settings()
    settings_form = {"max_per_department": "5", "min_per_department": "1", "window_opens_day": "1",
                     "window_closes_day": "28", "close_day": str(conf.close_day), "points_cap": "30",
                     "points_cap_month": "40", "points_allowed": "5, 10，20 30", "version": str(conf.version)}
    assert office.submit("/targets/settings", settings_form).status_code == 302
    assert (conf.points_cap, conf.points_cap_month, conf.points_allowed) == (30, 40, "5, 10, 20, 30")
    client.login("lead.cs@example.com")
    month = next_month()
    page = client.submit("/targets/new", form(cs, month, points="1000")).get_data(as_text=True)
    assert "The points must be one of 5, 10, 20, 30 (the CX office&#39;s points scale)." in page
    assert client.submit("/targets/new", form(cs, month, points="30")).status_code == 302
    page = client.submit("/targets/new", form(cs, month, title="Second", points="20")).get_data(as_text=True)
    assert f"A department&#39;s targets of {month} may carry at most 40 points in all; 10 are left." in page
    assert client.submit("/targets/new", form(cs, month, title="Second", points="10")).status_code == 302
    assert db.session.scalars(sa.select(Target.points).order_by(Target.id)).all() == [30, 10]
    bad = dict(settings_form, points_allowed="5, 50", version=str(operations.settings().version))
    page = office.submit("/targets/settings", bad).get_data(as_text=True)
    assert "An allowed value is above the cap per target." in page
    assert operations.settings().points_allowed == "5, 10, 20, 30"
    bad = dict(settings_form, points_cap_month="20", version=str(operations.settings().version))
    page = office.submit("/targets/settings", bad).get_data(as_text=True)
    assert "A department&#39;s month may not carry fewer points than one target may." in page
    assert operations.settings().points_cap_month == 40
    # A draft set under a larger scale is not approved past the smaller one.
    lower = dict(settings_form, points_cap="20", points_allowed="", version=str(operations.settings().version))
    assert office.submit("/targets/settings", lower).status_code == 302
    big = db.session.scalar(sa.select(Target).where(Target.points == 30))
    page = office.submit(f"/targets/{big.id}/review", {"approve": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "A target may carry at most 20 points" in page
    db.session.expire_all()
    assert db.session.get(Target, big.id).approval == "draft"


def test_only_approved_targets_of_closed_months_earn_points_per_department_and_per_person(client):
    cs, prd, people = company()
    month = next_month(-1)
    # The bug: a lead's own draft "0 → 1" target with 1,000 points put the department first.
    draft = make_target(prd, month, title="0 → 1", baseline=0.0, target_value=1.0, points=1000,
                        owner_id=people["prd_lead"].id)
    won = make_target(cs, month, approved=True, points=20, owner_id=people["agent"].id)
    for target, value in ((draft, 1.0), (won, 45.0)):
        target.updates.append(TargetUpdate(on_date=date.fromisoformat(f"{month}-05"), value=value, note=""))
    operations.close_month(month, None)
    db.session.commit()
    client.login("agent@example.com")
    page = client.text(f"/targets/company?year={month[:4]}")
    board = page[page.index("Points leaderboard"):page.index("Points per person")]
    assert "Department CS" in board and "1000" not in board and "<strong>20</strong>" in board
    people_table = page[page.index("Points per person"):]
    assert "Agent" in people_table and "<strong>20</strong>" in people_table and "Lead.Prd" not in people_table
    assert "Achievement counts the approved targets of closed months" in page
    assert "1 target left out" in page


def test_a_wrong_update_is_corrected_with_a_reason_and_stays_struck_through(client):
    cs, _prd, people = company()
    month = clock.today().strftime("%Y-%m")
    target = make_target(cs, month, approved=True, owner_id=people["agent"].id)
    client.login("agent@example.com")
    first = clock.today().replace(day=1).isoformat()
    client.submit(f"/targets/{target.id}/updates", {"on_date": first, "value": "380"})  # meant 38
    wrong = db.session.scalar(sa.select(TargetUpdate))
    assert operations.current_status(db.session.get(Target, target.id), clock.today()) == "achieved"
    fix = {"fix-on_date": first, "fix-value": "38", "corrects": str(wrong.id)}  # the correction form's fields
    page = client.submit(f"/targets/{target.id}/updates", fix, follow_redirects=True).get_data(as_text=True)
    assert "Give the reason for correcting or withdrawing an update." in page
    client.submit(f"/targets/{target.id}/updates", dict(fix, **{"fix-reason": "Typed 380 for 38"}))
    db.session.expire_all()
    stored = db.session.get(Target, target.id)
    assert [(u.value, u.withdrawn_at is not None) for u in stored.updates] == [(380.0, True), (38.0, False)]
    assert stored.actual_update.value == 38.0 and stored.actual_update.corrects_id == wrong.id
    assert operations.current_status(stored, clock.today()) != "achieved"
    page = client.text(f"/targets/{target.id}")
    assert "<s>380 pts</s>" in page and "Correction: Typed 380 for 38" in page
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.table_name == "target_updates")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.reason == "Typed 380 for 38"


def test_a_withdrawn_update_no_longer_counts_and_says_why(client):
    cs, _prd, people = company()
    month = clock.today().strftime("%Y-%m")
    target = make_target(cs, month, owner_id=people["agent"].id)
    client.login("agent@example.com")
    client.submit(f"/targets/{target.id}/updates", {"on_date": clock.today().replace(day=1).isoformat(), "value": "33"})
    client.submit(f"/targets/{target.id}/updates", {"on_date": clock.today().isoformat(), "value": "45"})
    wrong = db.session.scalars(sa.select(TargetUpdate).order_by(TargetUpdate.id.desc())).first()
    client.submit(f"/targets/{target.id}/updates/{wrong.id}/withdraw", {"reason": "Posted on the wrong target"})
    db.session.expire_all()
    stored = db.session.get(Target, target.id)
    assert stored.actual_update.value == 33.0 and len(stored.updates) == 2
    page = client.text(f"/targets/{target.id}")
    assert "Withdrawn by Agent" in page and "Posted on the wrong target" in page and "<s>45 pts</s>" in page
    page = client.submit(f"/targets/{target.id}/updates/{wrong.id}/withdraw", {"reason": "Again"},
                         follow_redirects=True).get_data(as_text=True)
    assert "That update has already been withdrawn or corrected." in page


def test_after_the_close_only_an_executive_records_a_late_actual_with_a_reason(client):
    cs, _prd, people = company()
    past = next_month(-1)
    target = make_target(cs, past, approved=True, owner_id=people["cs_lead"].id)
    operations.close_month(past, None)
    db.session.commit()
    assert db.session.get(Target, target.id).final_status == "missed"
    client.login("lead.cs@example.com")
    late = {"on_date": f"{past}-28", "value": "45", "reason": "Sent on time, lost in an outage"}
    page = client.submit(f"/targets/{target.id}/updates", late, follow_redirects=True).get_data(as_text=True)
    assert f"{past} is closed" in page
    ceo = client.application.test_client()
    ceo.login("ceo@example.com")
    assert "Record a late actual" in ceo.text(f"/targets/{target.id}")
    page = ceo.submit(f"/targets/{target.id}/updates", dict(late, reason=""), follow_redirects=True) \
        .get_data(as_text=True)
    assert f"{past} is closed: give the reason for recording a late actual." in page
    ceo.submit(f"/targets/{target.id}/updates", late)
    db.session.expire_all()
    stored = db.session.get(Target, target.id)
    assert stored.final_status == "achieved" and stored.actual_update.reason == "Sent on time, lost in an outage"
    assert "Recorded after the month closed: Sent on time, lost in an outage" in ceo.text(f"/targets/{target.id}")


def _settings_form(**changes) -> dict:
    conf = operations.settings()
    values = {key: getattr(conf, key) for key in operations.SETTINGS_FIELDS} | changes
    return {key: "" if value is None else str(value) for key, value in values.items()} | {"version": str(conf.version)}


def test_a_close_day_that_closes_or_reopens_months_says_which_and_asks_to_confirm(client, on_day):
    cs, _prd, _people = company()
    on_day(date(2026, 12, 3))
    make_target(cs, "2026-11", title="November")
    client.login("cxo@example.com")
    client.get("/targets/")  # nothing is due yet: November closes on 5 December
    assert db.session.get(MonthClose, "2026-11") is None
    page = client.submit("/targets/settings", _settings_form(close_day=2)).get_data(as_text=True)
    assert "These months close at once" in page and "2026-11" in page and "Confirm and save" in page
    assert db.session.get(MonthClose, "2026-11") is None and operations.settings().close_day == 5
    token = "close:2026-11;reopen:"
    assert client.submit("/targets/settings", _settings_form(close_day=2, confirm=token)).status_code == 302
    assert db.session.get(MonthClose, "2026-11") is not None and operations.settings().close_day == 2
    page = client.submit("/targets/settings", _settings_form(close_day=9)).get_data(as_text=True)
    assert "These months open again" in page and "2026-11" in page
    assert db.session.get(MonthClose, "2026-11") is not None
    client.submit("/targets/settings", _settings_form(close_day=9, confirm="close:;reopen:2026-11"))
    assert db.session.get(MonthClose, "2026-11") is None
    assert db.session.scalar(sa.select(Target.final_status)) is None
    assert client.submit("/targets/settings", _settings_form(min_per_department=2)).status_code == 302


def test_carry_over_never_duplicates(client):
    cs, _prd, _people = company()
    past = next_month(-1)
    target, other = make_target(cs, past), make_target(cs, past, title="Copied already")
    operations.close_month(past, None)
    db.session.commit()
    client.login("lead.cs@example.com")
    client.submit(f"/targets/{target.id}/carry")
    page = client.submit(f"/targets/{target.id}/carry", follow_redirects=True).get_data(as_text=True)
    assert f"“Raise NPS” is already in {next_month(0)}: it is not carried over twice." in page
    make_target(cs, next_month(0), title="Copied already")  # copied from last month before anyone carried it
    page = client.submit(f"/targets/{other.id}/carry", follow_redirects=True).get_data(as_text=True)
    assert "is already in" in page
    assert count(month=next_month(0)) == 2


def test_copying_last_month_skips_what_the_month_already_has(client):
    cs, _prd, _people = company()
    make_target(cs, next_month(0), title="Keep going")
    make_target(cs, next_month(0), title="And this")
    make_target(cs, next_month(), title="Keep going")
    client.login("lead.cs@example.com")
    client.submit(f"/targets/departments/{cs.id}/copy", {"month": next_month()})
    assert sorted(db.session.scalars(sa.select(Target.title).where(Target.month == next_month()))) == [
        "And this", "Keep going"]
    page = client.submit(f"/targets/departments/{cs.id}/copy", {"month": next_month()}, follow_redirects=True) \
        .get_data(as_text=True)
    assert f"Every target of last month is already in {next_month()}: nothing to copy." in page


def test_one_achievement_figure_on_the_company_page_in_the_pack_and_in_the_annual_report(client, on_day):
    from cxgov import months
    from cxgov.reports import annual
    from cxgov.reviews import building
    from tests.factories import make_organisation

    make_organisation()
    cs, prd, people = company()
    on_day(date(2026, 11, 20))
    for title, approved, value in (("Won", True, 45.0), ("Lost", True, 31.0), ("Draft won", False, 45.0)):
        target = make_target(cs, "2026-09", approved=approved, title=title)
        target.updates.append(TargetUpdate(on_date=date(2026, 9, 20), value=value, note=""))
    running = make_target(prd, "2026-11", approved=True, title="Running, achieved so far")
    running.updates.append(TargetUpdate(on_date=date(2026, 11, 2), value=45.0, note=""))
    operations.close_due_months(date(2026, 11, 20))
    db.session.commit()
    client.login("agent@example.com")
    page = client.text("/targets/company?year=2026")
    assert '<td class="agg strong">50%</td><td></td></tr>' in page  # the company's year: 1 of 2
    assert "1 of 2 targets achieved, 10 points." in page and "2 targets left out" in page
    with client.application.test_request_context():
        year = building.build(2026, 4, date(2026, 11, 20))["targets"]["year"]
        report = annual.build(2026, "en", date(2026, 11, 20))["targets"]
    assert (year["rate"], year["achieved"], year["total"], year["points"]) == (0.5, 1, 2, 10)
    assert (report["rate"], report["achieved_decided"], report["decided"], report["points"]) == (0.5, 1, 2, 10)
    assert months.month_of(date(2026, 11, 20)) in report["open_months"]
    rows = list(load_workbook(io.BytesIO(client.get("/targets/export.xlsx?year=2026").data)).active
                .iter_rows(values_only=True))
    earned = {row[3]: row[rows[1].index("points_earned")] for row in rows[2:]}
    assert earned == {"Won": 10, "Lost": 0, "Draft won": 0, "Running, achieved so far": 0}  # the export adds up too


def test_the_month_page_offers_a_new_target_only_to_who_may_draft_and_its_table_scrolls_in_its_card(client):
    cs, _prd, people = company()
    make_user("hr@example.com", roles=["hr"])
    make_target(cs, clock.today().strftime("%Y-%m"), owner_id=people["agent"].id)
    for email, offered in (("lead.cs@example.com", True), ("cxo@example.com", True), ("hr@example.com", False),
                           ("agent@example.com", False)):
        client.submit("/logout")
        client.login(email)
        page = client.text("/targets/")
        assert ('href="/targets/new' in page) is offered, email  # HR and members would only meet a 403 there
        assert '<div class="table-wrap flat">' in page  # at 390 px the page itself never scrolls sideways
        assert client.get("/targets/new").status_code == (200 if offered else 403)


def test_a_corrected_update_says_corrected_and_a_withdrawn_one_withdrawn(client):
    cs, _prd, people = company()
    target = make_target(cs, clock.today().strftime("%Y-%m"), owner_id=people["agent"].id)
    client.login("agent@example.com")
    first = clock.today().replace(day=1).isoformat()
    for value in ("380", "40"):
        client.submit(f"/targets/{target.id}/updates", {"on_date": first, "value": value})
    wrong, extra = db.session.scalars(sa.select(TargetUpdate).order_by(TargetUpdate.id)).all()
    client.submit(f"/targets/{target.id}/updates", {"fix-on_date": first, "fix-value": "38", "corrects": str(wrong.id),
                                                    "fix-reason": "Typed 380 for 38"})
    client.submit(f"/targets/{target.id}/updates/{extra.id}/withdraw", {"reason": "Posted twice"})
    page = client.text(f"/targets/{target.id}")
    assert re.search(r"Corrected by Agent on [^<]*?: Typed 380 for 38", page)
    assert re.search(r"Withdrawn by Agent on [^<]*?: Posted twice", page)
    assert page.count("Corrected by") == 1 and page.count("Withdrawn by") == 1


def test_copying_an_empty_last_month_says_so(client):
    """A department without targets last month is told that, not that everything was copied already."""
    cs, _prd, _people = company()
    client.login("lead.cs@example.com")
    page = html.unescape(client.submit(f"/targets/departments/{cs.id}/copy", {"month": next_month()},
                                       follow_redirects=True).get_data(as_text=True))
    assert f"The department had no targets in {next_month(0)}: there is nothing to copy." in page
    assert db.session.scalar(sa.select(sa.func.count(Target.id))) == 0
