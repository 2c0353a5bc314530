"""HR schedules a brainstorming workshop for three departments, takes attendance and records two ideas; the CX
office promotes one to a target of the product department (HR sets no targets)."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cxgov import clock
from tests.browser.test_journey_ceo import sign_in

pytestmark = pytest.mark.browser


def test_hr_runs_a_brainstorming_workshop_and_turns_an_idea_into_a_product_target(new_page, live_server):
    page = new_page(locale="en-GB")
    sign_in(page, live_server, "hr@demo.cxgov.example")
    page.locator("nav.mainnav").get_by_role("link", name="Workshops").click()
    page.get_by_role("link", name="New workshop").click()

    # Held yesterday: HR records it the day after, which also lets attendance be taken now.
    page.get_by_label("Title").fill("头脑风暴：安装当天 Brainstorming installation day")
    page.get_by_label("Topic").fill("客户在安装当天最担心什么？What worries customers on installation day?")
    page.get_by_label("Date").fill((clock.today() - timedelta(days=1)).isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_label("Place").fill("总部 3 楼共创室 HQ 3F")
    page.get_by_label("Co-creation method").select_option("brainstorming")
    page.get_by_label("Customers").fill("2")
    page.get_by_label("Capacity (seats)").fill("40")
    for name in ("Customer Service", "Product", "Supply Chain"):
        page.get_by_role("checkbox", name=name, exact=True).check()
    page.get_by_role("button", name="Schedule the workshop").click()
    expect(page.locator(".flash-success")).to_contain_text("has been scheduled; 10 people are invited")
    expect(page.locator("h1")).to_have_text("头脑风暴：安装当天 Brainstorming installation day")

    # Attendance on one screen: search narrows the list, select all marks everyone shown.
    page.get_by_role("link", name="Take attendance").click()
    people = page.locator(".ws-person")
    expect(people).to_have_count(10)
    search = page.get_by_placeholder("Name, e-mail or department")
    search.fill("supply")
    expect(page.locator(".ws-person:visible")).to_have_count(3)
    page.get_by_role("button", name="Select all shown").click()
    search.fill("")
    expect(page.locator(".ws-person:visible")).to_have_count(10)
    expect(page.locator("[data-present-count]")).to_have_text("3")
    page.locator(".ws-person", has_text="李娜 Li Na").click()
    page.locator(".ws-person", has_text="刘洋 Liu Yang").click()
    expect(page.locator("[data-present-count]")).to_have_text("5")
    page.get_by_label("Person").select_option(label="陈思远 Chen Siyuan · Executive Office")
    page.get_by_label("Walk-in: came without an invitation").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".flash-success")).to_contain_text("Attendance saved: 6 present")
    expect(page.locator(".ws-walk-in")).to_contain_text("陈思远 Chen Siyuan")

    # Two ideas, captured one after the other.
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Add an idea").click()
    page.get_by_label("Pain point").check()
    page.get_by_label("Title").fill("说明书太厚，找不到第一步 The manual hides the first step")
    page.get_by_label("Journey stage").select_option("use")
    page.get_by_label("Department concerned").select_option(label="Product")
    page.get_by_role("button", name="Save and add another").click()
    expect(page.locator(".flash-success")).to_contain_text("has been recorded")
    page.get_by_label("Improvement idea").check()
    page.get_by_label("Title").fill("一页快速上手卡和视频二维码 A quick-start card with a video QR code")
    page.get_by_label("Touchpoint").fill("包装内卡片 In-box card")
    page.get_by_label("Department concerned").select_option(label="Product")
    page.get_by_role("button", name="Save", exact=True).click()
    ideas = page.locator("#ideas")
    expect(ideas.locator("tbody tr")).to_have_count(2)

    # HR runs the workshop but sets no targets: the CX office promotes the improvement, prefilled from the idea.
    ideas.get_by_role("link", name=re.compile("quick-start card")).click()
    expect(page.get_by_role("link", name="Promote to a department target")).to_have_count(0)
    idea_url = page.url
    page = new_page(locale="en-GB")
    sign_in(page, live_server, "cxo@demo.cxgov.example")
    page.goto(idea_url)
    page.get_by_role("link", name="Promote to a department target").click()
    expect(page.get_by_label("Department")).to_have_value(re.compile(r"\d+"))
    expect(page.locator("#department_id option:checked")).to_have_text("Product")
    expect(page.get_by_label("Title")).to_have_value(re.compile("^一页快速上手卡和视频二维码 A quick-start card"))
    page.get_by_role("button", name="Create the draft target").click()
    expect(page.locator(".flash-success")).to_contain_text("is now a draft target of Product")
    follow_up = page.locator("#follow-up")
    expect(follow_up).to_contain_text("Department target")
    follow_up.get_by_role("link", name=re.compile("quick-start card")).click()
    expect(page).to_have_url(re.compile(r"/targets/\d+$"))
    expect(page.locator("h1")).to_contain_text("quick-start card")
