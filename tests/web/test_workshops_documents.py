"""The files a workshop hands out: the printable sign-in sheet (PDF, Chinese names) and the .ics invitation."""
from __future__ import annotations

import subprocess
from datetime import timedelta

import icalendar

from cxgov.extensions import db
from tests.web.test_workshops import company, workshop


def pdf_of(client, workshop_id: int, tmp_path):
    """Download the sign-in sheet into tmp_path."""
    response = client.get(f"/workshops/{workshop_id}/sign-in-sheet.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "sheet.pdf"
    path.write_bytes(response.data)
    return path


def test_the_sign_in_sheet_is_a_pdf_with_the_chinese_names_in_an_embedded_cjk_font(client, tmp_path):
    _depts, people = company()
    item = workshop(people, invite=("agent", "agent2", "designer"), title="共创 <b>送装</b> & 安装 Workshop")
    client.login("hr@example.com")
    path = pdf_of(client, item.id, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for name in ("李娜 Li Na", "高飞 Gao Fei", "孙浩 Sun Hao"):
        assert name in text
    assert "共创 <b>送装</b> & 安装 Workshop" in text  # user text is escaped, printed as typed
    assert "Signature" in text and "walk-in" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert cjk and all(" yes " in line for line in cjk), fonts  # embedded (emb = yes)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                   check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 5000 and png.read_bytes()[:4] == b"\x89PNG"


def test_the_sign_in_sheet_is_in_the_readers_language(client, tmp_path):
    _depts, people = company()
    people["hr"].locale = "zh"
    item = workshop(people, invite=("agent",))
    db.session.commit()
    client.login("hr@example.com")
    text = subprocess.run(["pdftotext", str(pdf_of(client, item.id, tmp_path)), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "李娜 Li Na" in text and "年" in text  # the date in Chinese


def test_members_cannot_print_the_sheet(client):
    _depts, people = company()
    item = workshop(people, invite=("agent",))
    client.login("agent@example.com")
    assert client.get(f"/workshops/{item.id}/sign-in-sheet.pdf").status_code == 403


def test_the_calendar_file_parses_with_times_in_utc(client):
    _depts, people = company()
    item = workshop(people, hours_from_now=72, invite=("agent",), online_url="https://meet.example.com/cx",
                    topic="客户之声 Voice of the customer")
    client.login("agent@example.com")
    response = client.get(f"/workshops/{item.id}/invite.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.data)
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["SUMMARY"]) == item.title
    assert event.decoded("DTSTART") == item.starts_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert str(event["LOCATION"]) == "Room 1" and "客户之声" in str(event["DESCRIPTION"])
    assert "https://meet.example.com/cx" in str(event["DESCRIPTION"])
    assert str(event["ORGANIZER"]) == "mailto:hr@example.com" and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["UID"]).startswith(f"workshop-{item.id}@")


def test_a_cancelled_workshop_sends_a_cancellation(client):
    from cxgov.workshops import operations

    _depts, people = company()
    item = workshop(people, hours_from_now=72)
    operations.cancel_workshop(item, "reason")
    db.session.commit()
    client.login("agent@example.com")
    calendar = icalendar.Calendar.from_ical(client.get(f"/workshops/{item.id}/invite.ics").data)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(next(iter(calendar.walk("VEVENT")))["STATUS"]) == "CANCELLED"
