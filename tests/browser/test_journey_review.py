"""The CEO opens the quarter's review, sees the pack, records a decision with an action for the marketing lead,
publishes the minutes and downloads the PDF."""
import re
import subprocess
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cxgov import clock
from tests.browser.test_journey_ceo import sign_in

pytestmark = pytest.mark.browser


def test_ceo_runs_the_quarterly_review(new_page, live_server, tmp_path):
    page = new_page(locale="en-GB")
    page.on("dialog", lambda dialog: dialog.accept())  # "Start the meeting now?" and "Publish the minutes?"
    sign_in(page, live_server, "ceo@demo.cxgov.example")
    page.locator("nav.mainnav").get_by_role("link", name="Reviews").click()
    page.locator("table tbody tr", has_text="Planned").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=re.compile(r"1\. Targets achievement by department"))).to_be_visible()
    expect(page.locator("#pack-targets table")).to_contain_text("Marketing")
    expect(page.locator("#pack-maturity")).to_contain_text("Latest published cycle")

    page.get_by_role("button", name="Start the meeting").click()
    expect(page.locator(".flash-success")).to_have_text("The meeting has started; the pack is frozen.")

    decision = "Marketing checks every delivery promise with Supply Chain before a campaign goes live."
    form = page.locator("form.decision-form")
    form.locator("textarea[name=text]").fill(decision)
    form.locator("input[name=action_title]").fill("Sign-off step for campaign delivery claims")
    form.locator("select[name=owner_id]").select_option(label="周婷 Zhou Ting")
    form.locator("select[name=department_id]").select_option(label="Marketing")
    form.locator("input[name=due_on]").fill((clock.today() + timedelta(days=150)).isoformat())
    form.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".flash-success")).to_have_text("The decision has been recorded.")
    expect(page.locator("li.decision").last).to_contain_text("Sign-off step for campaign delivery claims")
    expect(page.locator("li.decision").last).to_contain_text("周婷 Zhou Ting")

    page.get_by_role("button", name="Publish the minutes").click()
    expect(page.locator(".flash-success")).to_have_text("The minutes have been published.")
    expect(page.locator("form.decision-form")).to_have_count(0)

    href = page.get_by_role("link", name="Minutes (PDF)").first.get_attribute("href")
    response = page.request.get(live_server + href + "?lang=zh")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    path = tmp_path / "minutes.pdf"
    path.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert decision in text.replace("\n", " ") or "Marketing checks every delivery promise" in text
    assert "周婷 Zhou Ting" in text
