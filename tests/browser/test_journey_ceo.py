"""The CEO signs in with a Chinese browser, reads the home page in Chinese, switches to English, signs out."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def sign_in(page, base, email, password="cxgov-demo"):
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def test_ceo_reads_home_in_chinese_then_switches_to_english_and_signs_out(new_page, live_server):
    page = new_page(locale="zh-CN")
    page.goto(live_server)
    expect(page.locator("h1")).to_have_text("登录")
    sign_in(page, live_server, "ceo@demo.cxgov.example")

    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator(".hero h1")).to_have_text("我们对客户的承诺")
    expect(page.locator(".hero")).to_contain_text("欢迎，王建国 Wang Jianguo")
    page.locator("details.usermenu summary").click()
    expect(page.locator(".usermenu-panel")).to_contain_text("审计日志")  # executives see the audit trail
    expect(page.locator(".usermenu-panel")).not_to_contain_text("用户")  # but not user administration
    page.locator("details.usermenu summary").click()
    expect(page.get_by_role("link", name="客户服务部", exact=True)).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".hero h1")).to_have_text("Our customer promise")
    expect(page.get_by_role("link", name="Customer Service", exact=True)).to_be_visible()

    page.locator("details.usermenu summary").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator(".flash")).to_have_text("You have signed out.")
    expect(page.locator("h1")).to_have_text("Sign in")
    page.goto(live_server + "/audit")
    expect(page).to_have_url(live_server + "/login?next=%2Faudit")


def test_admin_creates_a_department_and_sees_it_in_the_directory(new_page, live_server):
    page = new_page()
    sign_in(page, live_server, "admin@demo.cxgov.example")
    page.locator("details.usermenu summary").click()
    page.get_by_role("link", name="Manage departments").first.click()
    page.get_by_role("link", name="New department").click()
    page.fill("input[name=code]", "qa")
    page.fill("input[name=name_zh]", "质量保证部")
    page.fill("input[name=name_en]", "Quality Assurance")
    page.select_option("select[name=kind]", "support")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash-success")).to_have_text("Department QA has been created.")
    page.get_by_role("link", name="Departments", exact=True).click()
    expect(page.locator(".dept-card", has_text="Quality Assurance")).to_be_visible()


def test_ceo_reads_the_open_cycle_as_partial_and_the_company_figure_from_the_last_full_cycle(new_page, live_server):
    """The demo's autumn cycle has no answers from Finance yet: it reads 8 of 9 and never becomes the headline."""
    page = new_page(locale="en")
    sign_in(page, live_server, "ceo@demo.cxgov.example")
    expect(page.locator("main")).to_contain_text("Company maturity · 2026 春季评估 Spring 2026")
    page.goto(f"{live_server}/assessments/")
    page.get_by_role("link", name="2026 秋季评估 Autumn 2026").first.click()
    page.get_by_role("link", name=re.compile("results", re.IGNORECASE)).first.click()
    expect(page.locator("main")).to_contain_text("Partial cycle: it covered 8 of 9 departments")
    expect(page.locator("main")).to_contain_text("Not covered: Finance.")
