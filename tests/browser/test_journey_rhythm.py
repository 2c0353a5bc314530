"""The monthly rhythm in Chromium: a member on a phone, in Chinese, answers the invitation waiting on their home
page and watches it leave the inbox badge; the CX office approves two draft targets from its queue."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_journey_ceo import sign_in

pytestmark = pytest.mark.browser


def badge(page) -> int:
    """The header's count of open items (no number shown when nothing waits)."""
    shown = page.locator(".inbox-badge")
    return int(shown.inner_text()) if shown.count() else 0


def test_a_member_answers_the_invitation_waiting_on_the_home_page_and_the_badge_drops(new_page, live_server):
    member = new_page(locale="zh-CN")
    member.set_viewport_size({"width": 390, "height": 844})
    sign_in(member, live_server, "fin.1@demo.cxgov.example")
    card = member.locator("section.due-home")
    expect(card.get_by_role("heading", name=re.compile("待您处理"))).to_be_visible()
    before = badge(member)
    assert before == int(card.locator("h2 .count").inner_text()) and before >= 1
    invitation = card.locator("li.due-item", has_text="工作坊").filter(has_text="邀请").first
    expect(invitation).to_contain_text(re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"))  # the date in Chinese style
    invitation.get_by_role("link").click()
    expect(member.locator("#rsvp")).to_be_visible()
    member.locator("#rsvp button[value=yes]").click()
    expect(member.locator(".flash-success")).to_be_visible()
    member.goto(live_server + "/")
    assert badge(member) == before - 1
    expect(member.locator("section.due-home h2 .count")).to_have_text(str(before - 1))
    member.goto(live_server + "/inbox")
    expect(member.locator("main li.due-item")).to_have_count(before - 1)


def test_the_cx_office_approves_two_drafts_from_its_queue(new_page, live_server):
    office = new_page(locale="en-GB")
    sign_in(office, live_server, "cxo@demo.cxgov.example")
    office.locator("section.due-home").get_by_role("link", name="Review and approve").click()
    queue = office.locator("form.approval-queue")
    boxes = queue.locator("input[name=target_id]")
    waiting = boxes.count()
    assert waiting >= 2
    office.get_by_role("button", name=re.compile("Approve the ticked")).click()
    expect(office.locator(".flash")).to_contain_text("Tick the targets to approve.")
    expect(boxes).to_have_count(waiting)  # nothing approved
    boxes.nth(0).check()
    boxes.nth(1).check()
    office.get_by_role("button", name=re.compile("Approve the ticked")).click()
    expect(office.locator(".flash-success")).to_have_text("2 targets approved.")
    expect(office.locator("form.approval-queue input[name=target_id]")).to_have_count(waiting - 2)
