"""E-mail digests and reminders, received by a real SMTP server on loopback and read as a mail client would."""
from __future__ import annotations

import re
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.operations import set_active
from cxgov.rhythm import due
from cxgov.rhythm.mail import MailError, send_digests
from cxgov.rhythm.mail_models import SentReminder
from cxgov.rhythm.mail_operations import save_preferences
from cxgov.rules import word
from tests.factories import make_cycle, make_department, make_organisation, make_user
from tests.web.smtp_server import SmtpServer, free_port

THURSDAY, MONDAY = date(2026, 12, 3), date(2026, 12, 7)
BASE = "https://cxgov.example.test/gov"


@pytest.fixture
def smtp():
    """A running SMTP server; its `inbox` keeps what arrives."""
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def mail_app(app, smtp):
    """The app sending through the loopback server, with links under BASE."""
    app.config.update(CXGOV_SMTP_HOST="127.0.0.1", CXGOV_SMTP_PORT=str(smtp.port), CXGOV_SMTP_SECURITY="none",
                      CXGOV_SMTP_FROM="cxgov <cxgov@example.test>", CXGOV_SMTP_TIMEOUT="5", CXGOV_BASE_URL=BASE,
                      CXGOV_SMTP_USER="", CXGOV_SMTP_PASSWORD="")
    return app


@pytest.fixture
def people(mail_app, on_day):
    """An open cycle of one department: English and Chinese readers, one gone, one off, one weekly on Monday."""
    on_day(THURSDAY)
    make_organisation(default_locale="en")
    dept = make_department("CS", name_zh="客服部")
    users = {
        "ann": make_user("ann@example.com", department=dept, name="Ann", locale="en"),
        "li": make_user("li@example.com", department=dept, name="李雷", locale="zh"),
        "gone": make_user("gone@example.com", department=dept),
        "off": make_user("off@example.com", department=dept),
        "weekly": make_user("weekly@example.com", department=dept),
        "done": make_user("done@example.com", department=dept),
        "cx": make_user("cx@example.com", roles=["cx_office"]),
    }
    cycle = make_cycle([dept], state="open", name="Autumn 2026", opens_on=date(2026, 11, 20),
                       due_on=date(2026, 12, 10))
    next(r for r in cycle.respondents if r.user_id == users["done"].id).submitted_at = utcnow()
    set_active(users["gone"], False)
    save_preferences(users["off"], due.KINDS, "off", None)
    save_preferences(users["weekly"], due.KINDS, "weekly", 0)
    db.session.commit()
    return users, cycle


def _parts(message) -> tuple[str, str]:
    """The plain-text and the HTML part of a message."""
    return (message.get_body(preferencelist=("plain",)).get_content(),
            message.get_body(preferencelist=("html",)).get_content())


def _answer_url(cycle, user) -> str:
    respondent = next(r for r in cycle.respondents if r.user_id == user.id)
    return f"{BASE}/assessments/{cycle.id}/answer/{respondent.id}"


def test_each_person_gets_one_digest_in_their_language(people, smtp):
    users, cycle = people
    counts = send_digests(THURSDAY)
    assert counts["sent"] == 2 and counts["failed"] == 0
    assert smtp.inbox.recipients == ["ann@example.com", "li@example.com"]  # not gone, off, weekly, done

    [english] = smtp.inbox.to("ann@example.com")
    text, html = _parts(english)
    assert english["To"].addresses[0].display_name == "Ann" and "cxgov@example.test" in english["From"]
    assert "Answer the questionnaire “Autumn 2026” for Department CS" in text
    assert "Dec 10, 2026" in text and _answer_url(cycle, users["ann"]) in text
    assert f'href="{_answer_url(cycle, users["ann"])}"' in html and '<html lang="en">' in html
    assert f"{BASE}/account/reminders" in text and f"{BASE}/inbox" in text

    [chinese] = smtp.inbox.to("li@example.com")
    text, html = _parts(chinese)
    assert chinese["Content-Language"] == "zh-CN" and '<html lang="zh-CN">' in html
    assert "客服部" in text and "2026年12月10日" in text  # the department's Chinese name, a Chinese date
    assert _answer_url(cycle, users["li"]) in text and "Department CS" not in text


def test_a_second_run_the_same_day_sends_nothing(people, smtp):
    send_digests(THURSDAY)
    again = send_digests(THURSDAY)
    assert again["sent"] == 0 and again["skipped"] == 2
    assert len(smtp.inbox.received) == 2
    assert db.session.scalar(sa.select(sa.func.count(SentReminder.id))) == 2


def test_weekly_only_on_its_weekday_and_nothing_for_whom_nothing_is_due(people, smtp, on_day):
    users, cycle = people
    send_digests(THURSDAY)
    assert smtp.inbox.to("weekly@example.com") == []
    on_day(MONDAY)
    send_digests(MONDAY)
    assert len(smtp.inbox.to("weekly@example.com")) == 1
    assert smtp.inbox.to("done@example.com") == [] and smtp.inbox.to("cx@example.com") == []
    assert smtp.inbox.to("gone@example.com") == [] and smtp.inbox.to("off@example.com") == []


def test_only_the_chosen_kinds_are_sent(people, smtp):
    users, _cycle = people
    save_preferences(users["ann"], [due.ACTION], "daily", None)
    db.session.commit()
    send_digests(THURSDAY)
    assert smtp.inbox.to("ann@example.com") == []


def test_a_snoozed_item_is_not_mailed_until_it_returns(people, smtp, on_day):
    from cxgov.rhythm import inbox

    users, cycle = people
    respondent = next(r for r in cycle.respondents if r.user_id == users["ann"].id)
    inbox.snooze(users["ann"], f"answer:{respondent.id}", date(2026, 12, 8), THURSDAY)
    db.session.commit()
    send_digests(THURSDAY)
    assert smtp.inbox.to("ann@example.com") == []
    on_day(date(2026, 12, 8))
    send_digests(date(2026, 12, 8))
    assert len(smtp.inbox.to("ann@example.com")) == 1


def test_two_senders_at_once_send_each_digest_once(people, smtp, mail_app):
    results = []

    def run():
        with mail_app.app_context():
            results.append(send_digests(THURSDAY))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(r["sent"] for r in results) == 2
    assert smtp.inbox.recipients == ["ann@example.com", "li@example.com"]


def test_a_refused_recipient_is_counted_and_retried_later_that_day(people, smtp):
    smtp.inbox.refuse.add("li@example.com")
    counts = send_digests(THURSDAY)
    assert counts["sent"] == 1 and counts["failed"] == 1
    row = db.session.scalar(sa.select(SentReminder).where(SentReminder.status == "failed"))
    assert "550" in row.error
    smtp.inbox.refuse.clear()
    assert send_digests(THURSDAY)["sent"] == 1
    assert smtp.inbox.recipients == ["ann@example.com", "li@example.com"]


def test_an_unreachable_server_is_one_clear_error_and_nothing_is_recorded(people, mail_app):
    mail_app.config["CXGOV_SMTP_PORT"] = str(free_port())
    with pytest.raises(MailError) as raised:
        send_digests(THURSDAY)
    assert "could not be reached" in str(raised.value) and "could not be reached" in word(raised.value)
    assert "Traceback" not in word(raised.value)
    assert db.session.scalar(sa.select(sa.func.count(SentReminder.id))) == 0


@pytest.mark.parametrize("setting,value,named", [
    ("CXGOV_SMTP_PORT", "twenty-five", "CXGOV_SMTP_PORT"),
    ("CXGOV_SMTP_PORT", "70000", "CXGOV_SMTP_PORT"),
    ("CXGOV_SMTP_SECURITY", "tls", "CXGOV_SMTP_SECURITY"),
    ("CXGOV_SMTP_TIMEOUT", "soon", "CXGOV_SMTP_TIMEOUT"),
    ("CXGOV_SMTP_FROM", "nobody", "CXGOV_SMTP_FROM"),
    ("CXGOV_BASE_URL", "", "CXGOV_BASE_URL"),
    ("CXGOV_SMTP_HOST", "", "CXGOV_SMTP_HOST"),
])
def test_a_malformed_setting_is_named_and_nothing_is_sent(people, smtp, mail_app, setting, value, named):
    mail_app.config[setting] = value
    with pytest.raises(MailError) as raised:
        send_digests(THURSDAY)
    assert named in word(raised.value) and named in str(raised.value)
    assert smtp.inbox.received == []


def _cycle_page(client, cycle) -> str:
    return client.text(f"/assessments/{cycle.id}")


def test_remind_those_who_have_not_answered_once_a_day(people, smtp, app):
    users, cycle = people
    client = app.test_client()
    client.login("cx@example.com")
    assert "Remind those who have not answered" in _cycle_page(client, cycle)

    page = client.submit(f"/assessments/{cycle.id}/remind", follow_redirects=True).get_data(as_text=True)
    assert "A reminder went to 4 people who have not answered." in page
    # everyone still missing and active, whatever their digest preference; not who submitted, not who left
    assert smtp.inbox.recipients == ["ann@example.com", "li@example.com", "off@example.com", "weekly@example.com"]
    [to_li] = smtp.inbox.to("li@example.com")
    assert "Autumn 2026" in to_li["Subject"] and _answer_url(cycle, users["li"]) in _parts(to_li)[0]
    assert "Remind those who have not answered" not in page and "Today's reminder went to 4 people" in page

    again = client.submit(f"/assessments/{cycle.id}/remind", follow_redirects=True).get_data(as_text=True)
    assert "already went out" in again
    assert len(smtp.inbox.received) == 4



def test_remind_is_refused_to_a_member_and_not_offered(people, smtp, app):
    _users, cycle = people
    client = app.test_client()
    client.login("ann@example.com")
    assert "Remind those who have not answered" not in _cycle_page(client, cycle)
    assert client.submit(f"/assessments/{cycle.id}/remind").status_code == 403
    assert smtp.inbox.received == []


def test_remind_with_the_server_down_says_so_and_can_be_pressed_again(people, app):
    _users, cycle = people
    app.config["CXGOV_SMTP_PORT"] = str(free_port())
    client = app.test_client()
    client.login("cx@example.com")
    response = client.submit(f"/assessments/{cycle.id}/remind", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "could not be reached" in page and "Traceback" not in page
    assert [(r.key, r.status) for r in db.session.scalars(sa.select(SentReminder))] == []
    assert "Remind those who have not answered" in page


def test_reminders_page_saves_weekly_on_a_day(people, smtp, app, on_day):
    users, _cycle = people
    client = app.test_client()
    client.login("ann@example.com")
    assert "Reminders" in client.text("/account/reminders")
    assert "/account/reminders" in client.text("/account/preferences")
    page = client.submit("/account/reminders", {"frequency": "weekly", "weekday": "3", "kinds": [due.ANSWER]},
                         follow_redirects=True).get_data(as_text=True)
    assert "Your reminder settings have been saved." in page
    assert re.search(r'<input checked[^>]*value="weekly"', page)
    send_digests(THURSDAY)  # a Thursday: weekday 3
    assert len(smtp.inbox.to("ann@example.com")) == 1


def test_turning_reminders_off_keeps_the_kinds_for_when_they_come_back_on(people, app):
    from cxgov.rhythm.mail_models import MailPreference

    users, _cycle = people
    client = app.test_client()
    client.login("ann@example.com")
    client.submit("/account/reminders", {"frequency": "daily", "weekday": "0", "kinds": [due.ANSWER, due.ACTION]})
    client.submit("/account/reminders", {"frequency": "off", "weekday": "0"})
    stored = db.session.get(MailPreference, users["ann"].id)
    assert (stored.frequency, stored.kinds) == ("off", [due.ACTION, due.ANSWER])


def test_reminders_page_refuses_no_kind_and_keeps_the_old_choice(people, app):
    client = app.test_client()
    client.login("ann@example.com")
    page = client.submit("/account/reminders", {"frequency": "daily", "weekday": "0"}).get_data(as_text=True)
    assert "Choose at least one kind of reminder, or choose never." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(sa.text("mail_preferences"))) == 2  # off, weekly


@pytest.mark.parametrize("posted, wording", [
    ({"frequency": "daily", "weekday": "0", "kinds": ["bogus"]}, "Choose reminders from the list."),
    ({"frequency": "hourly", "weekday": "0", "kinds": [due.ANSWER]}, "Choose every day, once a week or never."),
    ({"frequency": "weekly", "weekday": "9", "kinds": [due.ANSWER]}, "Choose a day of the week."),
    ({"frequency": "weekly", "weekday": "abc", "kinds": [due.ANSWER]}, "Choose a day of the week."),
])
def test_reminders_page_edited_in_the_browser_is_refused_in_its_own_words(people, app, posted, wording):
    client = app.test_client()
    client.login("ann@example.com")
    before = db.session.execute(sa.text("select * from mail_preferences order by user_id")).all()
    page = client.submit("/account/reminders", posted).get_data(as_text=True)
    assert wording in page and "not a valid choice" not in page and "coerce" not in page
    db.session.rollback()
    assert db.session.execute(sa.text("select * from mail_preferences order by user_id")).all() == before


def test_the_command_sends_once_and_says_so(people, smtp, app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["cxgov", "send-reminders", "--date", "2026-12-03"])
    assert first.exit_code == 0 and "sent 2" in first.output, first.output
    runner.invoke(args=["cxgov", "send-reminders", "--date", "2026-12-03"])
    assert smtp.inbox.recipients == ["ann@example.com", "li@example.com"]


def test_the_command_with_the_server_down_fails_in_one_clear_line(people, app):
    app.config["CXGOV_SMTP_PORT"] = str(free_port())
    result = app.test_cli_runner().invoke(args=["cxgov", "send-reminders", "--date", "2026-12-03"])
    assert result.exit_code == 1 and "could not be reached" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)  # an exit, no crash


def routes(api):
    """The e-mail part's rows of the role × URL table (tests/web/test_access.py)."""
    from tests.web.test_access import EVERYONE, MANAGERS

    return {
        ("GET", "/account/reminders"): (lambda d: "/account/reminders", EVERYONE),
        ("POST", "/account/reminders"): (lambda d: "/account/reminders", EVERYONE),
        # d.cycle is published: a manager is told it is not open (302), anyone else is refused (403)
        ("POST", "/assessments/<int:cycle_id>/remind"): (lambda d: f"/assessments/{d.cycle.id}/remind", MANAGERS),
    }


def test_a_name_or_cycle_with_a_line_break_is_sent_on_one_line(people, smtp, app):
    users, cycle = people
    users["ann"].name = "Ann\r\nBcc: eve@example.com"
    cycle.name = "Autumn\n2026"
    db.session.commit()
    assert send_digests(THURSDAY)["sent"] == 2  # not "failed" for whoever typed a line break
    [digest] = smtp.inbox.to("ann@example.com")
    assert digest["To"].addresses[0].display_name == "Ann Bcc: eve@example.com"
    assert "eve@example.com" not in smtp.inbox.recipients
    client = app.test_client()
    client.login("cx@example.com")
    response = client.submit(f"/assessments/{cycle.id}/remind", follow_redirects=True)
    assert response.status_code == 200 and "A reminder went to 4 people" in response.get_data(as_text=True)
    assert any(m["Subject"] and "Autumn 2026" in m["Subject"] for m in smtp.inbox.to("li@example.com"))
