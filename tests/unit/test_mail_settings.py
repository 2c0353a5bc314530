"""The e-mail settings as read from the environment, and which digests a preference lets through (no app)."""
from datetime import date, timedelta

import pytest

from cxgov.rhythm import due
from cxgov.rhythm.mail_models import DAILY, OFF, WEEKLY, allows, wanted
from cxgov.rhythm.mail_transport import MailError, read_settings

GOOD = {"CXGOV_SMTP_HOST": "mail.example.com", "CXGOV_SMTP_FROM": "cxgov <cxgov@example.com>",
        "CXGOV_BASE_URL": "https://cxgov.example.com/"}


def test_defaults_follow_the_security():
    assert read_settings(GOOD).port == 587
    assert read_settings({**GOOD, "CXGOV_SMTP_SECURITY": "ssl"}).port == 465
    assert read_settings({**GOOD, "CXGOV_SMTP_SECURITY": "NONE", "CXGOV_SMTP_PORT": " 2525 "}).port == 2525
    settings = read_settings(GOOD)
    assert settings.base_url == "https://cxgov.example.com" and settings.timeout == 10.0


@pytest.mark.parametrize("changes,named", [
    ({"CXGOV_SMTP_HOST": ""}, "CXGOV_SMTP_HOST"),
    ({"CXGOV_SMTP_PORT": "0"}, "CXGOV_SMTP_PORT"),
    ({"CXGOV_SMTP_PORT": "25a"}, "CXGOV_SMTP_PORT"),
    ({"CXGOV_SMTP_SECURITY": "tls"}, "CXGOV_SMTP_SECURITY"),
    ({"CXGOV_SMTP_TIMEOUT": "-1"}, "CXGOV_SMTP_TIMEOUT"),
    ({"CXGOV_SMTP_FROM": "cxgov@example.com\r\nBcc: all@example.com"}, "CXGOV_SMTP_FROM"),
    ({"CXGOV_SMTP_USER": "mailer"}, "CXGOV_SMTP_PASSWORD"),
    ({"CXGOV_SMTP_PASSWORD": "secret"}, "CXGOV_SMTP_USER"),
    ({"CXGOV_BASE_URL": "cxgov.example.com"}, "CXGOV_BASE_URL"),
    ({"CXGOV_BASE_URL": "ftp://cxgov.example.com"}, "CXGOV_BASE_URL"),
])
def test_a_malformed_setting_is_refused_by_name(changes, named):
    with pytest.raises(MailError) as raised:
        read_settings({**GOOD, **changes})
    assert named in str(raised.value)


def test_a_password_never_appears_in_the_message():
    with pytest.raises(MailError) as raised:
        read_settings({**GOOD, "CXGOV_SMTP_PASSWORD": "hunter2-secret"})
    assert "hunter2" not in str(raised.value) and "hunter2" not in repr(raised.value)


def test_daily_weekly_off():
    monday = date(2026, 12, 7)
    week = [monday + timedelta(days=n) for n in range(7)]
    assert all(allows(DAILY, 0, day) for day in week)
    assert [day for day in week if allows(WEEKLY, 2, day)] == [date(2026, 12, 9)]
    assert not any(allows(OFF, 0, day) for day in week)


def _item(kind: str) -> due.Item:
    return due.Item(person_id=1, kind=kind, key=f"{kind}:1", deadline=None, urgency=due.LATER, endpoint="x")


def test_kinds_chosen_keep_only_their_items_and_no_choice_keeps_all():
    items = [_item(due.ANSWER), _item(due.ACTION), _item(due.RSVP)]
    assert [i.kind for i in wanted(items, [due.ACTION, due.RSVP])] == [due.ACTION, due.RSVP]
    assert wanted(items, []) == items and wanted(items, None) == items
