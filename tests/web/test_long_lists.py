"""A company of 30 departments: the results heatmap, the culture page and the review page show 25 departments
a page, say which ones and link to the others; the company's figures stay over every department; the review's
PDF still shows them all; a company of a few departments sees one page with no page links, as before."""
from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from cxgov import clock
from cxgov.assessments import operations as assessments
from cxgov.assessments.models import Practice, Respondent
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.reports import pdf
from cxgov.reviews import operations as reviews
from cxgov.reviews import queries as review_queries
from cxgov.reviews.pack import previous_quarter, quarter_months, quarter_of
from cxgov.reviews.views import pack_context
from cxgov.workshops import operations as workshops
from tests.conftest import _empty_tables
from tests.factories import make_cycle, make_department, make_organisation, make_target, make_user

YEAR, QUARTER = previous_quarter(*quarter_of(clock.today()))
MONTH = quarter_months(YEAR, QUARTER)[1]


def company(size: int):
    """`size` departments D01… with one member each, a CEO, the CX office and HR."""
    make_organisation()
    depts = [make_department(f"D{k:02d}") for k in range(1, size + 1)]
    members = [make_user(f"d{k:02d}@example.com", department=d) for k, d in enumerate(depts, start=1)]
    for email, role in (("ceo@example.com", "executive"), ("cxo@example.com", "cx_office"), ("hr@example.com", "hr")):
        make_user(email, roles=(role,))
    return depts, members


def shown(page: str) -> str:
    """The page's text as a reader sees it (entities decoded)."""
    return html.unescape(page)


def rows_of(page: str, table_class: str) -> list[str]:
    """The department names heading the rows of the first table of a class."""
    table = re.search(rf'<table class="[^"]*{table_class}[^"]*">(.*?)</table>', page, re.S).group(1)
    return re.findall(r"<th[^>]*>(?:<a [^>]*>)?Department (D\d\d)", table)


# --- the results heatmap --------------------------------------------------------------------------

def published_cycle(depts, members):
    """A published cycle where the member of department k answered every practice at level 1 + k % 5."""
    cycle = make_cycle(depts, state="open")
    practices = db.session.scalars(sa.select(Practice.id).join(Practice.dimension)
                                   .where(Practice.dimension.has(framework_id=cycle.framework_id))).all()
    for k, person in enumerate(members, start=1):
        respondent = db.session.scalar(sa.select(Respondent).where(Respondent.cycle_id == cycle.id,
                                                                   Respondent.user_id == person.id))
        assessments.save_answers(respondent, {p: (1 + k % 5, False, "") for p in practices}, submit=True, by=person)
    cycle.state, cycle.published_at = "published", datetime(2026, 4, 2, tzinfo=UTC)
    db.session.commit()
    return cycle


def test_page_two_of_the_heatmap_shows_departments_26_to_30_and_the_company_over_all_30(client):
    cycle = published_cycle(*company(30))
    client.login("cxo@example.com")
    first = shown(client.text(f"/assessments/{cycle.id}/results"))
    second = shown(client.text(f"/assessments/{cycle.id}/results?page=2"))
    assert rows_of(first, "heatmap") == [f"D{k:02d}" for k in range(1, 26)]
    assert rows_of(second, "heatmap") == [f"D{k:02d}" for k in range(26, 31)]
    assert "Departments 26–30 of 30, by code. The company, target and walls rows are over all 30." in second
    assert "Page 2 of 2" in second and "Next ›" not in second
    assert f'href="/assessments/{cycle.id}/results?page=1#heatmap"' in second and "‹ Previous" in second
    assert f'href="/assessments/{cycle.id}/results?page=2#heatmap"' in first and "Departments 1–25 of 30" in first
    # The company's figures are the whole company's on every page: 30 covered, 30 people answered.
    for page in (first, second):
        assert "30 of 30" in page and "30 people answered" in page
        assert re.search(r'<tr class="company"><th class="rowhead">Company</th>', page)
    # Levels 1 + k % 5 over k = 1…30: every level six times, so the company's overall score is 3.0.
    company_row = re.search(r'<tr class="company">(.*?)</tr>', second, re.S).group(1)
    assert re.findall(r"<td>([\d.]+)</td>", company_row)[-1] == "3.0"


def test_a_page_beyond_the_last_shows_the_last_and_a_small_company_sees_no_page_links(client):
    cycle = published_cycle(*company(30))
    client.login("cxo@example.com")
    assert rows_of(shown(client.text(f"/assessments/{cycle.id}/results?page=9")), "heatmap")[0] == "D26"
    assert rows_of(shown(client.text(f"/assessments/{cycle.id}/results?page=x")), "heatmap")[0] == "D01"


def test_a_small_company_sees_every_department_on_one_page_without_page_links(client):
    cycle = published_cycle(*company(3))
    client.login("cxo@example.com")
    page = shown(client.text(f"/assessments/{cycle.id}/results"))
    assert rows_of(page, "heatmap") == ["D01", "D02", "D03"]
    assert "Page 1 of" not in page and "rows-shown" not in page and 'class="pagination' not in page


# --- the culture page -----------------------------------------------------------------------------

def held_workshop(members, came):
    """A workshop that ended yesterday, every member invited, `came` attended."""
    hr = db.session.scalar(sa.select(User).where(User.email == "hr@example.com"))
    start = utcnow().replace(microsecond=0) - timedelta(hours=26)
    data = {"title": "Co-creation", "topic": "", "starts_at": start, "ends_at": start + timedelta(hours=2),
            "location": "Room 1", "online_url": "", "facilitator_id": hr.id, "method": "brainstorming",
            "method_note": "", "employees_count": 0, "customers_count": 0, "experts_count": 0, "core_users_count": 0,
            "cocreator_notes": "", "capacity": 60}
    item = workshops.create_workshop(data, [], members, hr)
    workshops.record_attendance(item, {p.id for p in came}, set(), hr)
    db.session.commit()
    return item


def test_page_two_of_the_culture_page_shows_departments_26_to_30_and_the_company_over_all(client):
    _depts, members = company(30)
    held_workshop(members, came=members[::2])  # D01, D03, … D29: 15 of 30
    client.login("hr@example.com")
    first = shown(client.text("/workshops/culture"))
    second = shown(client.text("/workshops/culture?page=2"))
    table = re.search(r"<h2>By department</h2>(.*?)</table>", second, re.S).group(1)
    # The CEO, the CX office and HR belong to no department: their row is one more, after the named ones.
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == [f"Department D{k}" for k in range(26, 31)] + [
        "No department"]
    assert "departments 26–31 of 31, by name" in second and "Page 2 of 2" in second
    assert 'href="/workshops/culture?page=1#departments"' in second
    assert "Department D01" not in second.split("By department:")[1]  # not in the charts or the table
    assert "Department D01" in first and "Department D26" not in first.split("By department:")[1]
    for page in (first, second):  # the whole company's figures
        assert "15 of 30 invitees came" in page
        assert "15 of 33 employees attended at least once" in page  # 30 members, CEO, CX office and HR


def test_a_small_company_sees_the_culture_page_as_before(client):
    _depts, members = company(3)
    held_workshop(members, came=members[:2])
    client.login("hr@example.com")
    page = shown(client.text("/workshops/culture"))
    assert "2 of 3 invitees came" in page and "Department D03" in page
    assert "Page 1 of" not in page and "rows-shown" not in page


# --- the review page and its pack -----------------------------------------------------------------

def published_review(depts):
    """Last quarter's review with a missed target in each department (approved, never reported)."""
    for dept in depts:
        make_target(dept, MONTH, approved=True, title=f"Target of {dept.code}")
    ceo = db.session.scalar(sa.select(User).where(User.email == "ceo@example.com"))
    review = reviews.create_review(YEAR, QUARTER, {"chair_id": ceo.id, "meeting_on": clock.today(), "place": ""},
                                   [ceo.id], ceo, clock.today())
    reviews.start_meeting(review, clock.today())
    reviews.publish(review, ceo)
    db.session.commit()
    return review


def test_page_two_of_the_review_shows_departments_26_to_30_and_the_missed_targets_page_by_page(client):
    depts, _members = company(30)
    review = published_review(depts)
    client.login("ceo@example.com")
    first = shown(client.text(f"/reviews/{review.id}"))
    second = shown(client.text(f"/reviews/{review.id}?page=2"))
    assert rows_of(first, "pack-lights") == [f"D{k:02d}" for k in range(1, 26)]
    assert rows_of(second, "pack-lights") == [f"D{k:02d}" for k in range(26, 31)]
    assert "Departments 26–30 of 30 in the table and the chart; the company row is over all 30." in second
    assert f'href="/reviews/{review.id}?page=1#pack-targets"' in second
    # The missed targets have their own pages; the departments' page is kept when turning them.
    assert "Targets 1–25 of 30: missed first" in second
    missed = shown(client.text(f"/reviews/{review.id}?page=2&missed=2"))
    assert "Targets 26–30 of 30" in missed and rows_of(missed, "pack-lights")[0] == "D26"
    assert "Target of D30" in missed and "Target of D01" not in missed
    assert f'href="/reviews/{review.id}?page=2&amp;missed=1#pack-missed"' in client.text(
        f"/reviews/{review.id}?page=2&missed=2")


def test_the_pack_pdf_still_shows_every_department_and_every_missed_target(client, app):
    depts, _members = company(30)
    review = published_review(depts)
    with app.test_request_context():
        context = pack_context(review_queries.load_review(review.id), "en")
        page = shown(pdf.render_html("reports/review.html", "en", **context, with_minutes=False, organisation=None))
    assert rows_of(page, "pack-lights") == [f"D{k:02d}" for k in range(1, 31)]
    assert all(f"Target of D{k:02d}" in page for k in range(1, 31))
    assert "Page 1 of" not in page and "rows-shown" not in page


def test_a_small_company_sees_its_review_as_before(client):
    depts, _members = company(3)
    review = published_review(depts)
    client.login("ceo@example.com")
    page = shown(client.text(f"/reviews/{review.id}"))
    assert rows_of(page, "pack-lights") == ["D01", "D02", "D03"]
    assert "Target of D03" in page and "Page 1 of" not in page and "rows-shown" not in page


# --- the same statements at 3 and at 30 departments -------------------------------------------------

def statements_of(client, urls: list[str]) -> list[int]:
    """The SQL statements each GET sends (each page opened once before, to warm what a server keeps)."""
    counts = []
    for url in urls:
        assert client.get(url).status_code == 200, url
        seen = []

        def count(_conn, _cursor, statement, *_args, seen=seen):
            seen.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200, url
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        counts.append(len(seen))
    return counts


def everything(app, size: int) -> list[int]:
    """A company of `size` departments with a published cycle, a held workshop and a published review; the
    statements of the three pages, first and second page, as the CEO."""
    depts, members = company(size)
    cycle = published_cycle(depts, members)
    held_workshop(members, came=members[::2])
    review = published_review(depts)
    client = app.test_client()
    client.login("ceo@example.com")
    return statements_of(client, [f"/assessments/{cycle.id}/results", f"/assessments/{cycle.id}/results?page=2",
                                  "/workshops/culture", "/workshops/culture?page=2", f"/reviews/{review.id}",
                                  f"/reviews/{review.id}?page=2&missed=2"])


def test_the_pages_send_as_many_statements_at_30_departments_as_at_3(app):
    small = everything(app, 3)
    _empty_tables()
    db.session.remove()
    assert everything(app, 30) == small


def test_the_home_page_names_a_few_departments_ones_own_first_and_the_directory_pages_through_all(client):
    depts, members = company(30)
    client.login(members[29].email)  # in D30, the last by code
    home = shown(client.text("/"))
    named = re.findall(r">Department (D\d\d)</a>", home)
    assert named == ["D30", "D01", "D02", "D03", "D04", "D05", "D06", "D07"]
    assert "All 30 departments ›" in home
    first, second = shown(client.text("/departments")), shown(client.text("/departments?page=2"))
    assert "Departments 1–25 of 30, by code." in first and "Departments 26–30 of 30, by code." in second
    assert re.findall(r"<h2>Department (D\d\d)</h2>", second) == ["D26", "D27", "D28", "D29", "D30"]
    assert "1 person" in second  # each department's member counted on the page it is on


def test_a_small_company_sees_every_department_at_home_and_no_page_links(client):
    depts, members = company(3)
    client.login("ceo@example.com")
    home, directory = shown(client.text("/")), shown(client.text("/departments"))
    assert re.findall(r">Department (D\d\d)</a>", home) == ["D01", "D02", "D03"]
    assert "All 3 departments" not in home and "rows-nav" not in directory and "Departments 1–" not in directory
