"""The CEO opens this year's alignment review from the demo, changes a rating, signs the review off,
publishes the annual report and downloads its PDF."""
import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.test_journey_ceo import sign_in

pytestmark = pytest.mark.browser


def test_ceo_rates_signs_off_publishes_and_downloads_the_annual_report(new_page, live_server, tmp_path):
    page = new_page(locale="en-GB")
    page.on("dialog", lambda dialog: dialog.accept())  # "Sign off the alignment review of …?"
    sign_in(page, live_server, "ceo@demo.cxgov.example")
    page.locator("nav.mainnav").get_by_role("link", name="Annual review").click()
    page.locator("table tbody tr", has_text="In review").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=re.compile(r"Annual alignment review · \d{4}"))).to_be_visible()
    expect(page.locator(".al-promise")).to_contain_text("48 hours")
    training = page.locator("table.al-areas tbody tr", has_text="Training")
    expect(training).to_contain_text("Partly aligned")
    expect(page.locator("table.al-areas tbody tr", has_text="Operating expenditure")).to_contain_text("Worse")

    training.get_by_role("link", name="Change the rating").click()
    expect(page.get_by_role("heading", name="Training")).to_be_visible()
    page.select_option("select[name=rating]", label="Aligned")
    page.fill("textarea[name=evidence]", "All agents and installers trained on the customer view by November.")
    page.get_by_role("button", name="Save the rating").click()
    expect(page.locator(".flash-success")).to_have_text("Training has been rated.")
    training = page.locator("table.al-areas tbody tr", has_text="Training")
    expect(training).to_contain_text("Aligned")
    expect(training).to_contain_text("Improved")
    expect(training).to_contain_text("All agents and installers trained")

    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".flash-success")).to_have_text(re.compile(r"The alignment review of \d{4} is signed off\."))
    expect(page.locator(".al-signed-off")).to_contain_text("Signed off by 王建国 Wang Jianguo")
    expect(page.get_by_role("button", name="Sign off")).to_have_count(0)
    expect(page.locator(".al-rate-link")).to_have_count(0)

    page.get_by_role("link", name="Annual CX report").click()
    expect(page.get_by_role("heading", name=re.compile(r"Annual CX report · \d{4}"))).to_be_visible()
    expect(page.locator("#alignment")).to_contain_text("Signed off")
    expect(page.locator("#alignment")).to_contain_text("All agents and installers trained")
    page.locator("input[name=lang_en]").uncheck()  # Chinese only: one PDF to render
    page.get_by_role("button", name="Publish a new version").click(timeout=90000)  # the PDF renders in the request
    expect(page.locator(".flash-success")).to_have_text("Published.", timeout=90000)
    link = page.get_by_role("link", name=re.compile(r"Annual CX report \d{4}, 中文, version 1"))
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "客户体验年度报告" in text and "已签批" in text
    assert "All agents and installers trained" in " ".join(text.split())  # the evidence typed above
