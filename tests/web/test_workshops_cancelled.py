"""A cancelled workshop's page asks nobody for ideas or ratings it will never take."""
from __future__ import annotations

from tests.web.test_workshops import company, workshop


def test_a_cancelled_workshop_does_not_ask_for_ideas_or_feedback(client):
    _depts, people = company()
    planned = workshop(people, hours_from_now=24 * 7)
    cancelled = workshop(people, hours_from_now=24 * 8)
    client.login("hr@example.com")
    client.submit(f"/workshops/{cancelled.id}/cancel", {"reason": "春节 Spring Festival"})

    page = client.text(f"/workshops/{cancelled.id}")
    assert "No idea recorded yet." in page
    assert "Capture the pain points" not in page and "Each attendee can rate the workshop once" not in page

    page = client.text(f"/workshops/{planned.id}")  # a workshop still to come keeps both prompts
    assert "Capture the pain points" in page and "Each attendee can rate the workshop once" in page
