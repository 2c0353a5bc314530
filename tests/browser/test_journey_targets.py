"""A lead sets three targets for next month and posts an update; the CEO sees the company grid."""
import re

import pytest
from playwright.sync_api import expect

from cxgov import clock
from tests.browser.test_journey_ceo import sign_in
from tests.factories import next_month, open_target_window

pytestmark = pytest.mark.browser


def test_lead_sets_three_targets_posts_an_update_and_the_ceo_sees_the_grid(new_page, live_server):
    open_target_window()  # whatever day the suite runs, next month is open for drafting
    month = next_month()
    lead = new_page(locale="en-GB")
    sign_in(lead, live_server, "lead.cs@demo.cxgov.example")
    lead.get_by_role("link", name="Targets", exact=True).click()
    for title, baseline, target in (("Callbacks within 1 hour", "61", "75"), ("First-contact resolution", "70", "78"),
                                    ("Repeat contacts per 100 orders", "9", "6")):
        lead.goto(f"{live_server}/targets/new?month={month}")
        lead.fill("input[name=title]", title)
        lead.select_option("select[name=kind]", "numeric")
        lead.select_option("select[name=direction]", "lower" if "Repeat" in title else "higher")
        lead.fill("input[name=unit]", "%")
        lead.fill("input[name=baseline]", baseline)
        lead.fill("input[name=target_value]", target)
        lead.get_by_role("button", name="Save").click()
        expect(lead.locator(".flash-success")).to_contain_text(f"has been drafted for {month}")
    section = lead.locator("section.dept-targets", has_text="Customer Service")
    expect(section.locator("tbody tr")).to_have_count(3)

    this_month = clock.today().strftime("%Y-%m")
    lead.goto(f"{live_server}/targets/?month={this_month}")
    cs_now = lead.locator("section.dept-targets", has_text="Customer Service")
    cs_now.locator("tbody tr", has_text="higher is better").first.locator("a").click()  # a numeric target
    lead.fill("input[name=value]", "99")
    lead.fill("textarea[name=note]", "Measured from the ticket system")
    lead.get_by_role("button", name="Record update").click()
    expect(lead.locator(".flash-success")).to_have_text("Update recorded.")
    expect(lead.locator("table").last).to_contain_text("Measured from the ticket system")

    ceo = new_page(locale="en-GB")
    sign_in(ceo, live_server, "ceo@demo.cxgov.example")
    ceo.goto(f"{live_server}/targets/company")
    grid = ceo.locator("table.targets-heat")
    expect(grid).to_be_visible()
    expect(grid.locator("tr", has_text="Customer Service").locator("td").first).to_have_text(re.compile(r"\d+%|·"))
    expect(ceo.get_by_role("heading", name=re.compile("Points leaderboard"))).to_be_visible()
