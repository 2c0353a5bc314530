"""A department lead answers the whole questionnaire in Chinese; the cycle is published; the CEO reads the results."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_journey_ceo import sign_in

pytestmark = pytest.mark.browser


def test_lead_answers_in_chinese_cycle_is_published_ceo_sees_heatmap_and_radar(new_page, live_server):
    lead = new_page(locale="zh-CN")
    sign_in(lead, live_server, "lead.hr@demo.cxgov.example")
    lead.get_by_role("link", name="成熟度评估").click()
    todo = lead.locator(".todo-row", has_text="2026 秋季评估")
    todo.get_by_role("link").click()
    expect(lead.locator("h1")).to_contain_text("2026 秋季评估")
    practices = lead.locator("fieldset.practice")
    count = practices.count()
    assert count >= 24
    for index in range(count):
        # Pick a level by clicking its description card, as a person would; every fourth one is level 4.
        practices.nth(index).locator(".level-option").nth(3 if index % 4 == 0 else 2).click()
    lead.get_by_role("button", name="提交答卷").click()
    expect(lead.locator(".flash-success").first).to_have_text("答卷已提交，谢谢！")
    expect(lead.locator(".progress + .small")).to_have_text(f"{count}/{count}")

    office = new_page(locale="zh-CN")
    office.on("dialog", lambda dialog: dialog.accept())
    sign_in(office, live_server, "cxo@demo.cxgov.example")
    office.goto(f"{live_server}/assessments/")
    office.get_by_role("link", name=re.compile("2026 秋季评估")).click()
    office.get_by_role("button", name="关闭作答并进入校准").click()
    expect(office.locator(".flash-success")).to_contain_text("作答已关闭")
    office.get_by_role("button", name="发布结果").click()
    expect(office.locator(".flash-success")).to_contain_text("结果已发布")

    ceo = new_page(locale="zh-CN")
    sign_in(ceo, live_server, "ceo@demo.cxgov.example")
    ceo.goto(f"{live_server}/assessments/")
    ceo.locator("tr", has_text="2026 秋季评估").get_by_role("link", name="结果").click()
    heatmap = ceo.locator("table.heatmap")
    expect(heatmap).to_be_visible()
    hr_row = heatmap.locator("tr", has_text="人力资源部")
    expect(hr_row.locator("td").first).to_have_text(re.compile(r"^\d\.\d"))
    expect(ceo.locator(".chart-card svg").first).to_be_visible()
    hr_row.get_by_role("link", name="人力资源部").click()
    radar = ceo.locator(".chart-card svg")
    expect(radar).to_be_visible()
    expect(radar).to_have_attribute("aria-label", re.compile("成熟度画像"))
    expect(ceo.locator(".kpi-value").first).to_have_text(re.compile(r"^\d\.\d$"))
