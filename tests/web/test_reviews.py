"""Quarterly reviews through the pages: planning, the frozen pack, decisions and actions, minutes, PDFs, agenda."""
import html
import json
import re
import subprocess
from datetime import timedelta

import sqlalchemy as sa

from cxgov import clock
from cxgov.actions.models import ActionItem
from cxgov.extensions import db
from cxgov.reviews import operations
from cxgov.reviews.models import Decision, QuarterlyReview
from cxgov.reviews.pack import previous_quarter, quarter_months, quarter_of
from cxgov.targets.models import Target
from tests.factories import make_department, make_target, make_user

YEAR, QUARTER = previous_quarter(*quarter_of(clock.today()))
MONTH = quarter_months(YEAR, QUARTER)[1]


def company():
    """A marketing department with a lead and a target last quarter, a CEO, the CX office, a member, a viewer."""
    mkt = make_department("MKT", name_en="Marketing", name_zh="市场部")
    people = {
        "ceo": make_user("ceo@example.com", roles=["executive"], name="王建国 Wang Jianguo"),
        "cxo": make_user("cxo@example.com", roles=["cx_office"]),
        "lead": make_user("lead.mkt@example.com", roles=["dept_lead"], department=mkt, name="周婷 Zhou Ting"),
        "member": make_user("member@example.com", department=mkt),
        "viewer": make_user("viewer@example.com", roles=["viewer"]),
    }
    mkt.lead_id = people["lead"].id
    make_target(mkt, MONTH, approved=True, title="NPS promoters", owner_id=people["lead"].id)
    db.session.commit()
    return mkt, people


def plan(people, meeting_on=None, **extra):
    data = {"year": str(YEAR), "quarter": str(QUARTER), "chair_id": str(people["ceo"].id),
            "meeting_on": (meeting_on or clock.today()).isoformat(), "place": "Room 3",
            "attendee_ids": [str(people["lead"].id), str(people["cxo"].id)]}
    data.update(extra)
    return data


def planned_review(people, meeting_on=None) -> QuarterlyReview:
    review = operations.create_review(YEAR, QUARTER, {"chair_id": people["ceo"].id,
                                                      "meeting_on": meeting_on or clock.today(), "place": ""},
                                      [people["lead"].id], people["cxo"], clock.today())
    db.session.commit()
    return review


def review_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(QuarterlyReview.id)))


def test_the_cx_office_plans_a_review_and_the_pack_shows_the_quarters_targets(client):
    mkt, people = company()
    client.login("cxo@example.com")
    response = client.submit("/reviews/new", plan(people))
    review = db.session.scalar(sa.select(QuarterlyReview))
    assert response.location == f"/reviews/{review.id}"
    assert review.state == "planned" and review.chair_id == people["ceo"].id
    assert {u.email for u in review.attendees} == {"ceo@example.com", "lead.mkt@example.com", "cxo@example.com"}
    page = client.text(f"/reviews/{review.id}")
    assert f"{YEAR} Q{QUARTER}" in page and "Marketing" in page
    row = review.pack["targets"]["rows"][0]
    assert row["code"] == "MKT" and row["quarter"]["total"] == 1


def test_a_second_review_for_the_same_quarter_is_refused_and_nothing_is_written(client):
    _mkt, people = company()
    planned_review(people)
    client.login("cxo@example.com")
    page = client.submit("/reviews/new", plan(people), follow_redirects=True).get_data(as_text=True)
    assert f"There is already a review for {YEAR} Q{QUARTER}" in page
    assert review_count() == 1


def test_the_chair_must_be_an_executive(client):
    _mkt, people = company()
    client.login("cxo@example.com")
    page = client.submit("/reviews/new", plan(people, chair_id=str(people["lead"].id))).get_data(as_text=True)
    assert "Not a valid choice" in page or "The chair must be an active executive." in page
    assert review_count() == 0


def test_the_pack_refreshes_before_the_meeting_and_stays_frozen_after_it_starts(client):
    mkt, people = company()
    review = planned_review(people)
    make_target(mkt, MONTH, approved=True, title="Ads promise only what delivery keeps")
    client.login("ceo@example.com")
    client.submit(f"/reviews/{review.id}/refresh")
    assert db.session.get(QuarterlyReview, review.id).pack["targets"]["rows"][0]["quarter"]["total"] == 2

    client.submit(f"/reviews/{review.id}/start")
    frozen = db.session.get(QuarterlyReview, review.id)
    assert frozen.state == "in_meeting" and frozen.started_at is not None
    snapshot = frozen.pack_json
    before = client.text(f"/reviews/{review.id}")

    make_target(mkt, MONTH, approved=True, title="A third target after the start")
    db.session.execute(sa.update(Target).values(points=99))  # and every target's points change
    db.session.commit()
    page = client.submit(f"/reviews/{review.id}/refresh", follow_redirects=True).get_data(as_text=True)
    assert "The meeting has started: the pack is frozen" in page
    assert db.session.get(QuarterlyReview, review.id).pack_json == snapshot
    assert json.loads(snapshot)["targets"]["rows"][0]["quarter"]["total"] == 2
    after = client.text(f"/reviews/{review.id}")
    assert _pack_part(after) == _pack_part(before)


def _pack_part(page: str) -> str:
    """The pack's sections of a review page (from the first section to the decisions)."""
    return page[page.index('id="pack-targets"'):page.index('id="decisions"')]


def test_a_decision_with_an_action_for_the_marketing_lead(client):
    mkt, people = company()
    review = planned_review(people)
    operations.start_meeting(review, clock.today())
    db.session.commit()
    client.login("ceo@example.com")
    due = clock.today() + timedelta(days=30)
    response = client.submit(f"/reviews/{review.id}/decisions", {
        "text": "Marketing checks delivery promises with Supply Chain before a campaign.",
        "action_title": "Sign-off step for campaign delivery claims", "owner_id": str(people["lead"].id),
        "department_id": str(mkt.id), "due_on": due.isoformat()}, follow_redirects=True)
    assert "The decision has been recorded." in response.get_data(as_text=True)
    decision = db.session.scalar(sa.select(Decision))
    action = db.session.scalar(sa.select(ActionItem))
    assert (action.source, action.source_id, action.owner_id, action.due_on) == ("review", decision.id,
                                                                                 people["lead"].id, due)
    page = client.text(f"/reviews/{review.id}")
    assert "Sign-off step for campaign delivery claims" in page and "周婷 Zhou Ting" in page
    assert client.get(f"/reviews/decisions/{decision.id}").location == f"/reviews/{review.id}#decision-{decision.id}"


def test_an_action_without_an_owner_or_due_before_the_meeting_writes_nothing(client):
    _mkt, people = company()
    review = planned_review(people, meeting_on=clock.today())
    operations.start_meeting(review, clock.today())
    db.session.commit()
    client.login("ceo@example.com")
    base = {"text": "Decide something", "action_title": "Do it", "department_id": "0"}
    page = client.submit(f"/reviews/{review.id}/decisions", {
        **base, "owner_id": "0", "due_on": clock.today().isoformat()}, follow_redirects=True).get_data(as_text=True)
    assert "An action needs an owner." in page
    early = (clock.today() - timedelta(days=1)).isoformat()
    page = client.submit(f"/reviews/{review.id}/decisions", {
        **base, "owner_id": str(people["lead"].id), "due_on": early}, follow_redirects=True).get_data(as_text=True)
    assert "The due date cannot be before" in page
    assert db.session.scalar(sa.select(sa.func.count(Decision.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_published_minutes_can_no_longer_change(client):
    _mkt, people = company()
    review = planned_review(people)
    operations.start_meeting(review, clock.today())
    operations.add_decision(review, "Keep the 2-hour promise", people["ceo"])
    db.session.commit()
    client.login("ceo@example.com")
    client.submit(f"/reviews/{review.id}/notes", {"notes": "Good meeting", "version": str(review.version)})
    version = db.session.get(QuarterlyReview, review.id).version
    client.submit(f"/reviews/{review.id}/publish")
    published = db.session.get(QuarterlyReview, review.id)
    assert published.state == "published" and published.published_by_id == people["ceo"].id

    page = client.submit(f"/reviews/{review.id}/decisions", {"text": "Sneak one in", "owner_id": "0",
                                                             "department_id": "0"},
                         follow_redirects=True).get_data(as_text=True)
    assert "The minutes are published and can no longer change." in page
    client.submit(f"/reviews/{review.id}/notes", {"notes": "Rewritten", "version": str(version + 1)})
    db.session.expire_all()
    assert [d.text for d in db.session.get(QuarterlyReview, review.id).decisions] == ["Keep the 2-hour promise"]
    assert db.session.get(QuarterlyReview, review.id).notes == "Good meeting"


def test_notes_saved_from_an_older_version_are_refused(client):
    _mkt, people = company()
    review = planned_review(people)
    other = client.application.test_client()
    client.login("ceo@example.com")
    other.login("cxo@example.com")
    loaded = str(review.version)  # both opened the page at this version
    client.submit(f"/reviews/{review.id}/notes", {"notes": "CEO's notes", "version": loaded})
    page = other.submit(f"/reviews/{review.id}/notes", {"notes": "CX office notes", "version": loaded},
                        follow_redirects=True).get_data(as_text=True)
    assert "your change was not saved" in page
    assert db.session.get(QuarterlyReview, review.id).notes == "CEO's notes"


def test_who_sees_a_review_before_and_after_publication(client):
    _mkt, people = company()
    review = planned_review(people)
    for email, status in (("viewer@example.com", 403), ("member@example.com", 403), ("lead.mkt@example.com", 200)):
        reader = client.application.test_client()
        reader.login(email)
        assert reader.get(f"/reviews/{review.id}").status_code == status, email
    lead = client.application.test_client()
    lead.login("lead.mkt@example.com")
    assert lead.submit(f"/reviews/{review.id}/start").status_code == 403  # attendees read, the chair runs
    operations.start_meeting(review, clock.today())
    operations.publish(review, people["ceo"])
    db.session.commit()
    viewer = client.application.test_client()
    viewer.login("viewer@example.com")
    assert viewer.get(f"/reviews/{review.id}").status_code == 200
    assert f"{YEAR} Q{QUARTER}" in viewer.text("/reviews/")


def test_user_text_is_escaped_in_the_page_and_printed_literally_in_the_pdf(client, tmp_path):
    _mkt, people = company()
    review = planned_review(people)
    operations.start_meeting(review, clock.today())
    operations.add_decision(review, "<script>alert('x')</script> 客户无需重复讲述问题", people["ceo"])
    db.session.commit()
    client.login("ceo@example.com")
    page = client.text(f"/reviews/{review.id}")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    text = _pdf_text(client, f"/reviews/{review.id}/minutes.pdf?lang=zh", tmp_path)
    assert "<script>alert('x')</script>" in text and "客户无需重复讲述问题" in text


def _pdf_text(client, url, tmp_path, name="doc.pdf") -> str:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / name
    path.write_bytes(response.data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_pack_pdf_in_chinese_and_english_with_an_embedded_cjk_font(client, tmp_path):
    _mkt, people = company()
    review = planned_review(people)
    client.login("ceo@example.com")
    chinese = _pdf_text(client, f"/reviews/{review.id}/pack.pdf?lang=zh", tmp_path, "zh.pdf")
    english = _pdf_text(client, f"/reviews/{review.id}/pack.pdf?lang=en", tmp_path, "en.pdf")
    assert "季度客户体验评审" in chinese and "市场部" in chinese
    assert "Quarterly CX review" in english and "Marketing" in english and "市场部" not in english
    fonts = subprocess.run(["pdffonts", str(tmp_path / "zh.pdf")], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts or "CJK" in fonts
    embedded = [line for line in fonts.splitlines()[2:] if "WenQuanYi" in line or "CJK" in line]
    assert embedded and all(" yes " in line for line in embedded)


def test_the_agenda_template_orders_and_chooses_the_sections(client):
    _mkt, people = company()
    review = planned_review(people)
    client.login("cxo@example.com")
    conf = operations.settings()
    db.session.commit()
    client.submit("/reviews/agenda", {"version": str(conf.version), "on_actions": "1", "pos_actions": "1",
                                      "on_targets": "1", "pos_targets": "2", "pos_maturity": "3"})
    assert operations.settings().sections == ["actions", "targets"]
    page = client.text(f"/reviews/{review.id}")
    assert 'id="pack-maturity"' not in page
    assert page.index('id="pack-actions"') < page.index('id="pack-targets"')
    refused = client.submit("/reviews/agenda", {"version": str(operations.settings().version)},
                            follow_redirects=True).get_data(as_text=True)
    assert "Choose at least one section." in refused
    assert operations.settings().sections == ["actions", "targets"]


def test_a_refused_decision_keeps_what_was_typed_and_the_meeting_is_dated_the_day_it_started(client):
    _mkt, people = company()
    review = planned_review(people, meeting_on=clock.today() + timedelta(days=20))
    client.login("ceo@example.com")
    client.submit(f"/reviews/{review.id}/start")
    assert db.session.get(QuarterlyReview, review.id).meeting_on == clock.today()
    page = client.submit(f"/reviews/{review.id}/decisions", {
        "text": "Answer every complaint within 2 hours", "action_title": "Pilot in the East region",
        "owner_id": str(people["lead"].id), "department_id": "0",
        "due_on": (clock.today() - timedelta(days=1)).isoformat()}).get_data(as_text=True)
    assert "The due date cannot be before" in page
    assert "Answer every complaint within 2 hours</textarea>" in page and 'value="Pilot in the East region"' in page
    assert db.session.scalar(sa.select(sa.func.count(Decision.id))) == 0


def test_the_cx_office_changes_a_planned_reviews_date_place_and_attendees(client):
    _mkt, people = company()
    review = planned_review(people)
    client.login("cxo@example.com")
    page = client.text(f"/reviews/{review.id}/edit")
    assert 'name="year"' not in page  # the quarter is not the edit form's to change
    response = client.submit(f"/reviews/{review.id}/edit", {
        "chair_id": str(people["ceo"].id), "meeting_on": (clock.today() + timedelta(days=7)).isoformat(),
        "place": "Board room 2", "attendee_ids": [str(people["lead"].id)], "others": "Member@Example.com",
        "version": str(review.version)}, follow_redirects=True)
    assert "The review has been saved." in response.get_data(as_text=True)
    db.session.expire_all()
    stored = db.session.get(QuarterlyReview, review.id)
    assert stored.place == "Board room 2" and stored.chair_id == people["ceo"].id
    assert stored.meeting_on == clock.today() + timedelta(days=7)
    # the chair attends too
    assert {u.id for u in stored.attendees} == {people["ceo"].id, people["lead"].id, people["member"].id}
    assert (stored.year, stored.quarter) == (YEAR, QUARTER)


def test_attendees_are_ticked_in_a_list_that_cannot_drop_them_and_anyone_else_is_added_by_e_mail(client):
    _mkt, people = company()
    review = planned_review(people)
    client.login("cxo@example.com")
    page = client.text(f"/reviews/{review.id}/edit")
    boxes = {value: checked for checked, value in re.findall(
        r'<input (checked )?id="attendee_ids-\d+" name="attendee_ids" type="checkbox" value="(\d+)"', page)}
    assert boxes == {str(people["ceo"].id): "checked ", str(people["lead"].id): "checked ",
                     str(people["cxo"].id): ""}  # who usually attends, ticked as planned; no member listed
    before = review.version
    response = client.submit(f"/reviews/{review.id}/edit", {
        "chair_id": str(people["ceo"].id), "meeting_on": clock.today().isoformat(), "place": "",
        "attendee_ids": [str(people["lead"].id)], "others": "member@example.com, nobody@example.com",
        "version": str(review.version)})
    assert "Nobody active has the e-mail nobody@example.com." in html.unescape(response.get_data(as_text=True))
    db.session.expire_all()
    stored = db.session.get(QuarterlyReview, review.id)
    assert stored.version == before and {u.id for u in stored.attendees} == {people["ceo"].id, people["lead"].id}
