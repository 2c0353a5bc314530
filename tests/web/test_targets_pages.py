"""The target pages of a company of 30 departments: the month board and the company grid show a page of
departments at a time, say which ones and link to the others, while the counts, the company row and the year's
totals still count every department (by the one roll-up, whether a month's close is recorded or not); a company of
a few departments sees one page with no page links; the statements per request do not grow with the departments."""
from __future__ import annotations

import html
import re
from datetime import date

import sqlalchemy as sa

from cxgov.extensions import db
from cxgov.targets import operations as targets
from cxgov.targets import progress, queries, rollup
from cxgov.targets.views import DEPARTMENTS_PER_PAGE
from tests.conftest import _empty_tables
from tests.factories import make_department, make_organisation, make_target, make_user

DAY = date(2026, 12, 3)
RECORDED, BY_DATE, RUNNING, CURRENT = "2026-09", "2026-10", "2026-11", "2026-12"  # 2026-10 closed on 5 November
PER_PAGE = DEPARTMENTS_PER_PAGE  # the company grid's too


def company(size: int, with_updates: bool = True):
    """`size` departments D01…, each with an owner and, in three months, an achieved target (10 + k points) and
    a missed one (5 points), all approved; one target a department this month, not updated yet. September's close
    is recorded by the job, October's only by its date."""
    make_organisation()
    ceo = make_user("ceo@example.com", roles=("executive",))
    make_user("cxo@example.com", roles=("cx_office",))
    depts = [make_department(f"D{k:02d}") for k in range(1, size + 1)]
    for k, dept in enumerate(depts, start=1):
        owner = make_user(f"d{k:02d}@example.com", department=dept)
        for month in (RECORDED, BY_DATE, RUNNING):
            day = date.fromisoformat(f"{month}-02")
            for title, value, points in (("Answer faster", 45.0, 10 + k), ("Fewer repeats", 35.0, 5)):
                target = make_target(dept, month, approved=True, title=f"{title} {k}", owner_id=owner.id,
                                     points=points)
                if with_updates:
                    progress.post_update(target, day, value, None, "", ceo, today=day)
        make_target(dept, CURRENT, approved=True, title=f"Survey the callers {k}", owner_id=owner.id)
    targets.close_month(RECORDED, None, DAY)
    db.session.commit()
    return depts


def shown(page: str) -> str:
    """The page's text as a reader sees it (entities decoded)."""
    return html.unescape(page)


def cards(page: str) -> list[str]:
    """The departments whose cards the month board shows."""
    return re.findall(r'<section class="card dept-targets">\s*<div class="dept-targets-head">\s*<h2>Department (D\d\d)',
                      page)


def grid_rows(page: str) -> list[str]:
    """The departments heading the company grid's rows."""
    table = re.search(r'<table class="heatmap targets-heat">(.*?)</table>', page, re.S).group(1)
    return re.findall(r'<th class="rowhead"><a [^>]*>Department (D\d\d)</a>', table)


def test_a_department_archived_since_keeps_its_row_on_the_grid_of_the_years_it_had_targets(client, on_day):
    from cxgov import clock

    on_day(DAY)
    depts = company(30)
    depts[-1].archived_at = clock.now()  # closed down after its targets of the year
    db.session.commit()
    client.login("ceo@example.com")
    second = shown(client.text("/targets/company?year=2026&page=2"))
    assert grid_rows(second)[-1] == "D30" and "Department D30</a> <span class=\"muted small\">archived</span>" in second
    assert "all 30 departments" in second and "The 10 departments with the most points, of 30." in second


def chip(page: str, label: str) -> int:
    """The number on a status chip."""
    return int(re.search(rf"{label} <strong>(\d+)</strong>", page).group(1))


def test_the_month_board_shows_a_page_of_departments_and_counts_every_one(client, on_day):
    on_day(DAY)
    company(30)
    client.login("cxo@example.com")
    first, second = (shown(client.text(f"/targets/?month={RUNNING}&page={n}")) for n in (1, 2))
    assert cards(first) == [f"D{k:02d}" for k in range(1, PER_PAGE + 1)]
    assert cards(second) == [f"D{k:02d}" for k in range(PER_PAGE + 1, 31)]
    assert f"Departments {PER_PAGE + 1}–30 of 30, by code, below; the counts are over all 30." in second
    assert "Page 2 of 2" in second and "Page 1 of 2" in first
    assert f'href="/targets/?month={RUNNING}&amp;page=1"' in client.text(f"/targets/?month={RUNNING}&page=2")
    assert "Next ›" not in second and "‹ Previous" in second and "Next ›" in first
    # The chips count the month's 60 targets of all 30 departments on either page.
    assert chip(first, "Achieved") == chip(second, "Achieved") == 30
    assert chip(second, "On track") + chip(second, "At risk") == 30


def test_someone_in_a_department_opens_the_board_on_their_own_departments_page(client, on_day):
    on_day(DAY)
    company(30)
    client.login("d25@example.com")  # the owner of D25's targets, a member of D25
    page = shown(client.text(f"/targets/?month={RUNNING}"))
    assert "D25" in cards(page) and f"Departments {PER_PAGE + 1}–30 of 30" in page
    assert "D01" in cards(shown(client.text(f"/targets/?month={RUNNING}&page=1")))  # the links still go anywhere
    office = client.application.test_client()
    office.login("cxo@example.com")  # in no department: the first page
    assert cards(shown(office.text(f"/targets/?month={RUNNING}")))[0] == "D01"


def test_the_board_lists_who_has_not_updated_on_the_departments_page_and_counts_them_all(client, on_day):
    on_day(DAY)
    company(30)
    client.login("cxo@example.com")
    page = shown(client.text(f"/targets/?month={CURRENT}&page=2"))
    callout = re.search(r'<section class="card callout">(.*?)</section>', page, re.S).group(1)
    assert re.search(r'No update this month yet <span class="count">30</span>', callout)
    assert f"Listed here: {30 - PER_PAGE} of them" in callout
    assert "Survey the callers 30" in callout and "Survey the callers 1<" not in callout


def test_a_department_chosen_on_the_board_is_shown_alone_without_page_links(client, on_day):
    on_day(DAY)
    depts = company(30)
    client.login("cxo@example.com")
    page = shown(client.text(f"/targets/?month={RUNNING}&department={depts[26].id}"))
    assert cards(page) == ["D27"] and "Departments " not in page and chip(page, "Achieved") == 1


def test_the_company_grid_shows_a_page_of_departments_under_the_whole_companys_figures(client, on_day):
    on_day(DAY)
    company(30)
    client.login("ceo@example.com")
    first, second = (shown(client.text(f"/targets/company?year=2026&page={n}")) for n in (1, 2))
    assert grid_rows(first) == [f"D{k:02d}" for k in range(1, PER_PAGE + 1)]
    assert grid_rows(second) == [f"D{k:02d}" for k in range(PER_PAGE + 1, 31)]
    assert f"Departments {PER_PAGE + 1}–30 of 30, by code; the company row" in second and "Page 2 of 2" in second
    assert "all 30 departments" in second and 'href="/targets/company?year=2026&page=1"' in second
    # September and October count (closed, recorded or by date), November runs: 120 targets, half achieved.
    points = sum(10 + k for k in range(1, 31)) * 2
    for page in (first, second):
        assert f"60 of 120 targets achieved, {points} points." in page
        assert "90 targets left out" in page  # November's 60 and this month's 30
    assert "The 10 departments with the most points, of 30." in second
    assert "The 10 people with the most points, of 30;" in second


def test_the_grid_totals_are_the_roll_up_of_every_target(client, on_day, app):
    on_day(DAY)
    depts = company(30)
    # Added to September after its close: one with a late actual (its final status set then), one without any.
    late = make_target(depts[0], RECORDED, approved=True, title="Found in the archive", points=7)
    progress.post_update(late, date(2026, 9, 3), 50.0, None, "", make_user("cfo@example.com", roles=("executive",)),
                         today=DAY, reason="Measured on time, entered late")
    make_target(depts[1], RECORDED, approved=True, title="Never measured", points=9)
    db.session.commit()
    client.login("ceo@example.com")
    page = shown(client.text("/targets/company?year=2026&page=2"))
    with app.test_request_context():
        year = rollup.achievement(queries.achievement_facts([f"2026-{m:02d}" for m in range(1, 13)], DAY))
    assert (year.counted, year.achieved) == (122, 61)
    assert f"{year.achieved} of {year.counted} targets achieved, {year.points} points." in page
    leaders = re.search(r"Points leaderboard.*?<tbody>(.*?)</tbody>", page, re.S).group(1)
    assert re.findall(r"Department (D\d\d)", leaders)[:3] == ["D30", "D29", "D28"]


def test_a_small_company_sees_every_department_on_one_page(client, on_day):
    on_day(DAY)
    company(3)
    client.login("ceo@example.com")
    board = shown(client.text(f"/targets/?month={RUNNING}"))
    grid = shown(client.text("/targets/company?year=2026"))
    assert cards(board) == grid_rows(grid) == ["D01", "D02", "D03"]
    for page in (board, grid):
        assert "Departments 1–3" not in page and "Page 1 of" not in page and "of 3." not in page
    assert "all 3 departments" not in grid and "Next ›" not in board + grid


def count_statements(client, url: str) -> int:
    """How many SQL statements a GET of the page sends (after one GET to warm what a server keeps)."""
    assert client.get(url).status_code == 200
    seen = []

    def one(*_args):
        seen.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", one)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", one)
    return len(seen)


def test_each_page_of_departments_costs_the_same_statements_as_a_company_half_the_size(app, on_day):
    on_day(DAY)
    sizes = {}
    for size in (PER_PAGE + 5, 2 * PER_PAGE + 5):
        _empty_tables()
        db.session.remove()
        company(size, with_updates=False)
        client = app.test_client()
        client.login("ceo@example.com")
        sizes[size] = [count_statements(client, url) for url in (
            f"/targets/?month={RUNNING}", f"/targets/?month={RUNNING}&page=2", f"/targets/?month={CURRENT}&page=2",
            "/targets/company?year=2026", "/targets/company?year=2026&page=2")]
    small, large = sizes.values()
    assert small == large


def test_a_target_of_a_month_still_to_come_is_not_started_rather_than_missing_its_update(client, on_day):
    on_day(date(2026, 11, 20))
    make_organisation()
    dept = make_department("CS")
    make_user("cxo@example.com", roles=["cx_office"])
    make_target(dept, "2026-12", approved=True, title="Next month's")
    make_target(dept, "2026-11", approved=True, title="This month's")
    client.login("cxo@example.com")
    december, november = client.text("/targets/?month=2026-12"), client.text("/targets/?month=2026-11")
    assert "not started yet" in december and "no update yet" not in december
    assert "no update yet" in november and "not started yet" not in november
    zh = client.get("/targets/?month=2026-12", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    assert "尚未开始" in zh
