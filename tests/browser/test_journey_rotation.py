"""The CX office plans a quarterly rotation for five department leads, one goes on leave, the schedule shows
the skip, and the CEO sees the current and the next director on the home page."""
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from cxgov.teams import rotation
from tests.browser.test_journey_ceo import sign_in

pytestmark = pytest.mark.browser

# The demo's heads of Product, Marketing, Sales, Customer Service and Supply Chain, in the order they serve.
LEADS = ("刘洋 Liu Yang", "周婷 Zhou Ting", "黄志强 Huang Zhiqiang", "李娜 Li Na", "陈刚 Chen Gang")
PLAN = "Rotation of five department heads"


def director_of(row) -> str:
    """Which of the five leads directs the term on a schedule row."""
    text = row.locator("td").nth(2).inner_text()
    return next(name for name in LEADS if name in text)


def test_cx_office_plans_a_quarterly_rotation_records_leave_and_the_ceo_sees_who_directs(new_page, live_server):
    office = new_page(locale="en-GB")
    sign_in(office, live_server, "cxo@demo.cxgov.example")
    office.goto(f"{live_server}/team/rotation")
    current = office.locator(".kpi-name").first.inner_text().strip()  # the demo plan's current director
    assert current not in ("", "–")

    # A new plan takes over from the demo's plan on the first day after the current term (the date offered).
    office.get_by_role("link", name="New plan").click()
    expect(office.locator("h1")).to_have_text("New rotation plan")
    expect(office.locator(".flash-info")).to_contain_text("The new plan takes over from")
    office.fill("input[name=name]", PLAN)
    office.select_option("select[name=cadence]", label="Quarterly")
    starts_on = date.fromisoformat(office.input_value("input[name=starts_on]"))
    for box in office.locator("input[type=checkbox][name^=pool-]").all():
        if box.is_checked():
            box.uncheck()  # department leads come ticked; keep only the five
    for order, name in enumerate(LEADS, start=1):
        office.get_by_label(name, exact=True).check()
        office.get_by_label(f"Order of {name}").fill(str(order))
    office.get_by_role("button", name="Create the plan").click()
    expect(office.locator(".flash-success")).to_contain_text(f"The rotation plan “{PLAN}” starts on")

    planned = office.locator("table.schedule tr.term-planned")
    expect(planned.first).to_be_visible()
    expect(office.locator("table.schedule tr.group", has_text=PLAN)).to_have_count(1)
    first, away = director_of(planned.nth(0)), director_of(planned.nth(1))
    assert first != away and {first, away} <= set(LEADS)

    # The director of the plan's second term is away for all of it.
    leave_from, leave_until = rotation.term_dates("quarterly", starts_on, 1)
    office.get_by_role("link", name="Record leave").click()
    office.select_option("select[name=user_id]", label=away)
    office.fill("input[name=starts_on]", leave_from.isoformat())
    office.fill("input[name=ends_on]", leave_until.isoformat())
    office.fill("input[name=note]", "Parental leave")
    office.get_by_role("button", name="Save").click()
    expect(office.locator(".flash-success")).to_have_text(
        f"Leave recorded for {away}; the planned terms have been rescheduled.")

    second, third = planned.nth(1), planned.nth(2)
    expect(second).to_contain_text(f"{away} skipped: on leave")
    assert director_of(second) != away
    assert director_of(third) == away  # served at the first term back
    assert director_of(planned.nth(0)) == first
    leaves = office.locator("div.card", has=office.get_by_role("heading", name="Leave periods"))
    expect(leaves).to_contain_text(f"{away}")
    expect(leaves).to_contain_text("Parental leave")

    ceo = new_page(locale="en-GB")
    sign_in(ceo, live_server, "ceo@demo.cxgov.example")
    card = ceo.locator(".rotation-card")
    expect(card.locator(".rotation-now")).to_contain_text(current)
    expect(card.locator(".rotation-now")).to_contain_text(re.compile(r"\d+ days? left"))
    expect(card.locator(".rotation-next")).to_contain_text(first)
