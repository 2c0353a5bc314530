"""The annual alignment review through the pages: start a year, shape it, rate, matrix, actions, sign-off."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from cxgov import clock
from cxgov.actions.models import ActionItem
from cxgov.alignment import operations, queries
from cxgov.alignment.models import AlignmentArea, AlignmentAttribute, AlignmentCell, AlignmentReview
from cxgov.extensions import db
from cxgov.rules import Refusal
from tests.factories import make_alignment_review, make_department, make_organisation, make_user

YEAR = 2031


@pytest.fixture
def people(app):
    """The organisation, a CEO, the CX office, a department lead and a viewer."""
    make_organisation(brand_promise="Installed within 48 hours; answered within 2 hours.")
    dept = make_department("CS", name_en="Customer Service", name_zh="客户服务部")
    return {"ceo": make_user("ceo@example.com", roles=["executive"], name="王建国 Wang Jianguo"),
            "cxo": make_user("cxo@example.com", roles=["cx_office"], name="Chen Siyuan"),
            "lead": make_user("lead@example.com", roles=["dept_lead"], department=dept, name="李娜 Li Na"),
            "viewer": make_user("viewer@example.com", roles=["viewer"]), "dept": dept}


def review_of(year: int = YEAR) -> AlignmentReview:
    db.session.expire_all()
    return db.session.scalar(sa.select(AlignmentReview).where(AlignmentReview.year == year))


def area_of(review: AlignmentReview, key: str) -> AlignmentArea:
    return next(a for a in review.areas if a.key == key)


def rate_all(review: AlignmentReview, rating: str = "partly") -> None:
    for area in review.areas:
        operations.rate_area(area, {"rating": rating, "evidence": "", "owner_id": None}, None)
    db.session.commit()


def rating_form(area: AlignmentArea, rating: str, evidence: str = "", owner=None, version=None) -> dict:
    return {"rating": rating, "evidence": evidence, "owner_id": str(owner.id if owner else 0),
            "version": str(version if version is not None else area.version)}


def test_the_cx_office_starts_a_year_with_the_brand_promise_and_the_standard_areas(client, people):
    client.login("cxo@example.com")
    response = client.submit("/alignment/new", {"year": str(YEAR)})
    assert response.location == f"/alignment/{YEAR}/setup"
    review = review_of()
    assert review.state == "draft" and review.intended_experience.startswith("Installed within 48 hours")
    assert [a.key for a in review.areas][:3] == ["vision", "mission", "values"] and len(review.areas) == 11
    page = client.text(f"/alignment/{YEAR}")
    assert "Incentives and rewards" in page and "Not rated" in page
    assert "Installed within 48 hours; answered within 2 hours." in page


def test_a_duplicate_year_is_refused_and_nothing_is_written(client, people):
    make_alignment_review(YEAR)
    client.login("cxo@example.com")
    page = client.submit("/alignment/new", {"year": str(YEAR)}, follow_redirects=True).get_data(as_text=True)
    assert f"There is already an alignment review for {YEAR}" in page
    assert db.session.scalar(sa.select(sa.func.count(AlignmentReview.id))) == 1


def test_the_next_year_copies_attributes_and_areas_and_shows_the_change_per_area(client, people):
    last = make_alignment_review(YEAR - 1, attributes=["Installed within 48 hours"])
    operations.add_area(last, "Store layout")
    rate_all(last, "partly")
    area_of(last, "opex").rating = "aligned"
    db.session.commit()
    review = make_alignment_review(YEAR)
    assert [a.name for a in review.attributes] == ["Installed within 48 hours"]
    assert [a.name for a in review.areas if a.key == "custom"] == ["Store layout"]
    operations.rate_area(area_of(review, "vision"), {"rating": "aligned"}, None)
    operations.rate_area(area_of(review, "opex"), {"rating": "misaligned"}, None)
    operations.rate_area(area_of(review, "mission"), {"rating": "partly"}, None)
    db.session.commit()
    client.login("viewer@example.com")
    page = client.text(f"/alignment/{YEAR}")
    row = _row(page, area_of(review, "vision").id)
    assert "Partly aligned" in row and "Aligned" in row and "Improved" in row
    assert "Worse" in _row(page, area_of(review, "opex").id)
    assert "Unchanged" in _row(page, area_of(review, "mission").id)
    assert f"Compared with {YEAR - 1}" in page


def _row(page: str, area_id: int) -> str:
    """The table row of one area."""
    start = page.index(f'id="area-{area_id}"')
    return page[start:page.index("</tr>", start)]


def test_the_ceo_rates_an_area_with_evidence_and_an_owner(client, people):
    review = make_alignment_review(YEAR)
    area = area_of(review, "opex")
    client.login("ceo@example.com")
    response = client.submit(f"/alignment/areas/{area.id}",
                             rating_form(area, "misaligned", "Installer budget cut by 12%", people["lead"]))
    assert response.location == f"/alignment/{YEAR}#area-{area.id}"
    saved = db.session.get(AlignmentArea, area.id)
    assert (saved.rating, saved.evidence, saved.owner_id) == ("misaligned", "Installer budget cut by 12%",
                                                              people["lead"].id)
    row = _row(client.text(f"/alignment/{YEAR}"), area.id)
    assert "Misaligned" in row and "Installer budget cut by 12%" in row and "李娜 Li Na" in row


def test_a_stale_rating_is_refused_and_the_newer_one_is_kept_and_shown(client, people):
    review = make_alignment_review(YEAR)
    area = area_of(review, "training")
    opened = area.version
    operations.rate_area(area, {"rating": "aligned", "evidence": "Newer evidence from the CX office",
                                "owner_id": people["cxo"].id}, opened)
    db.session.commit()
    client.login("ceo@example.com")
    response = client.submit(f"/alignment/areas/{area.id}", rating_form(area, "misaligned", "Older view",
                                                                         version=opened))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else rated this area after you opened it" in page and "Aligned" in page
    assert "Newer evidence from the CX office" in page and "Older view" in page  # theirs shown, yours kept
    saved = db.session.get(AlignmentArea, area.id)
    assert (saved.rating, saved.evidence) == ("aligned", "Newer evidence from the CX office")


def test_the_matrix_is_saved_in_one_form(client, people):
    review = make_alignment_review(YEAR, attributes=["48 hours", "Never repeat yourself"])
    opex, incentives = area_of(review, "opex"), area_of(review, "incentives_rewards")
    first, second = review.attributes
    client.login("cxo@example.com")
    client.submit(f"/alignment/{YEAR}/matrix", {f"cell-{opex.id}-{first.id}": "conflicts",
                                                f"cell-{incentives.id}-{second.id}": "conflicts",
                                                f"cell-{opex.id}-{second.id}": "supports"})
    cells = {(c.area_id, c.attribute_id): c.value for c in db.session.scalars(sa.select(AlignmentCell))}
    assert cells == {(opex.id, first.id): "conflicts", (incentives.id, second.id): "conflicts",
                     (opex.id, second.id): "supports"}
    page = client.text(f"/alignment/{YEAR}/matrix")
    assert "Conflicts: <strong>2</strong>" in page
    assert 'value="conflicts" selected' in page
    page = client.submit(f"/alignment/{YEAR}/matrix", {f"cell-{opex.id}-{first.id}": "<b>bad</b>"},
                         follow_redirects=True).get_data(as_text=True)
    assert "not supports, neutral or conflicts" in page
    assert db.session.scalar(sa.select(AlignmentCell.value).where(AlignmentCell.area_id == opex.id,
                                                                  AlignmentCell.attribute_id == first.id)) \
        == "conflicts"


def test_a_corrective_action_goes_into_the_tracker_and_links_back_to_its_area(client, people):
    review = make_alignment_review(YEAR)
    area = area_of(review, "incentives_rewards")
    client.login("ceo@example.com")
    due = clock.today() + timedelta(days=90)
    client.submit(f"/alignment/areas/{area.id}/actions", {
        "action-title": "Add installation satisfaction to sales bonuses", "action-owner_id": str(people["lead"].id),
        "action-department_id": str(people["dept"].id), "action-due_on": due.isoformat()})
    action = db.session.scalar(sa.select(ActionItem))
    assert (action.source, action.source_id, action.owner_id, action.due_on) == ("alignment", area.id,
                                                                                 people["lead"].id, due)
    tracker = client.text("/actions/?source=alignment")
    assert "Add installation satisfaction to sales bonuses" in tracker
    assert f'href="/alignment/areas/{area.id}"' in client.text(f"/actions/{action.id}")
    area_page = client.text(f"/alignment/areas/{area.id}")
    assert "Add installation satisfaction to sales bonuses" in area_page and "Open" in area_page
    assert "Add installation satisfaction to sales bonuses" in _row(client.text(f"/alignment/{YEAR}"), area.id)


def test_a_corrective_action_needs_an_owner_and_a_due_date_not_in_the_past(client, people):
    review = make_alignment_review(YEAR)
    area = area_of(review, "opex")
    client.login("ceo@example.com")
    page = client.submit(f"/alignment/areas/{area.id}/actions", {
        "action-title": "Restore installers", "action-owner_id": str(people["lead"].id), "action-department_id": "0",
        "action-due_on": (clock.today() - timedelta(days=1)).isoformat()}, follow_redirects=True).get_data(as_text=True)
    assert "The due date cannot be before" in page
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_submitting_is_refused_while_an_area_is_unrated(client, people):
    review = make_alignment_review(YEAR)
    for area in review.areas[1:]:
        operations.rate_area(area, {"rating": "aligned"}, None)
    db.session.commit()
    client.login("cxo@example.com")
    page = client.submit(f"/alignment/{YEAR}/submit", follow_redirects=True).get_data(as_text=True)
    assert "Rate every area first; still unrated: Vision." in page
    assert review_of().state == "draft"


def test_only_an_executive_signs_off_a_review_in_review(client, people):
    review = make_alignment_review(YEAR, rating="partly")
    client.login("cxo@example.com")
    client.submit(f"/alignment/{YEAR}/submit")
    assert review_of().state == "in_review"
    page = client.submit(f"/alignment/{YEAR}/sign-off", follow_redirects=True).get_data(as_text=True)
    assert "Only an executive can sign off the alignment review." in page
    assert review_of().state == "in_review" and review_of().signed_off_by_id is None
    lead = client.application.test_client()
    lead.login("lead@example.com")
    assert lead.submit(f"/alignment/{YEAR}/sign-off").status_code == 403

    ceo = client.application.test_client()
    ceo.login("ceo@example.com")
    page = ceo.text(f"/alignment/{YEAR}")
    assert "Sign off" in page and "data-confirm=" in page
    page = ceo.submit(f"/alignment/{YEAR}/sign-off", follow_redirects=True).get_data(as_text=True)
    assert f"The alignment review of {YEAR} is signed off." in page
    assert "Signed off by 王建国 Wang Jianguo" in page and "read-only" in page
    signed = review_of()
    assert signed.state == "signed_off" and signed.signed_off_by_id == people["ceo"].id and signed.signed_off_at
    assert review.id == signed.id


def test_every_write_after_sign_off_is_refused_and_nothing_is_written(client, people):
    review = make_alignment_review(YEAR, rating="partly", attributes=["48 hours"])
    operations.submit(review)
    operations.sign_off(review, people["ceo"])
    db.session.commit()
    area, attribute = review.areas[0], review.attributes[0]
    before = _snapshot()
    client.login("ceo@example.com")
    writes = [
        (f"/alignment/areas/{area.id}", rating_form(area, "aligned", "changed")),
        (f"/alignment/areas/{area.id}/actions", {"action-title": "Late", "action-owner_id": str(people["ceo"].id),
                                                 "action-department_id": "0",
                                                 "action-due_on": (clock.today() + timedelta(days=9)).isoformat()}),
        (f"/alignment/{YEAR}/matrix", {f"cell-{area.id}-{attribute.id}": "conflicts"}),
        (f"/alignment/{YEAR}/experience", {"intended_experience": "Changed", "version": str(review.version)}),
        (f"/alignment/{YEAR}/attributes", {"attr-name": "Another"}),
        (f"/alignment/attributes/{attribute.id}", {f"attr{attribute.id}-name": "Renamed"}),
        (f"/alignment/attributes/{attribute.id}/delete", {}),
        (f"/alignment/{YEAR}/areas", {"area-name": "Another area"}),
        (f"/alignment/areas/{area.id}/rename", {f"area{area.id}-name": "Renamed"}),
        (f"/alignment/areas/{area.id}/delete", {}),
        (f"/alignment/areas/{area.id}/move", {"direction": "down"}),
        (f"/alignment/{YEAR}/submit", {}),
        (f"/alignment/{YEAR}/send-back", {}),
        (f"/alignment/{YEAR}/sign-off", {}),
    ]
    for url, form in writes:
        page = client.submit(url, form, follow_redirects=True).get_data(as_text=True)
        assert "This review has been signed off and is read-only; nothing was changed." in page, url
    assert _snapshot() == before
    page = client.text(f"/alignment/areas/{area.id}")
    assert 'name="rating"' not in page and "Add a corrective action" not in page
    assert 'name="cell-' not in client.text(f"/alignment/{YEAR}/matrix")
    with pytest.raises(Refusal, match="alignment_signed_off"):
        operations.rate_area(db.session.get(AlignmentArea, area.id), {"rating": "aligned"}, None)


def _snapshot():
    """Everything the alignment review and the tracker hold, to compare before and after."""
    db.session.expire_all()
    return ([(r.year, r.state, r.intended_experience, r.version)
             for r in db.session.scalars(sa.select(AlignmentReview))],
            [(a.id, a.name, a.position) for a in db.session.scalars(sa.select(AlignmentAttribute))],
            [(a.id, a.name, a.position, a.rating, a.evidence, a.version)
             for a in db.session.scalars(sa.select(AlignmentArea).order_by(AlignmentArea.id))],
            [(c.area_id, c.attribute_id, c.value) for c in db.session.scalars(sa.select(AlignmentCell))],
            db.session.scalar(sa.select(sa.func.count(ActionItem.id))))


def test_html_in_evidence_and_names_is_escaped(client, people):
    review = make_alignment_review(YEAR, attributes=["<img src=x onerror=alert(1)>"])
    area = area_of(review, "values")
    client.login("ceo@example.com")
    client.submit(f"/alignment/areas/{area.id}", rating_form(area, "partly", "<script>alert('x')</script> & more"))
    client.submit(f"/alignment/{YEAR}/areas", {"area-name": "<b>Bold</b> area"})
    for url in (f"/alignment/{YEAR}", f"/alignment/areas/{area.id}", f"/alignment/{YEAR}/matrix",
                f"/alignment/{YEAR}/setup"):
        page = client.text(url)
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>Bold</b>" not in page, url
    page = client.text(f"/alignment/{YEAR}")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in page
    assert "&lt;b&gt;Bold&lt;/b&gt; area" in page


def test_viewers_read_but_cannot_rate(client, people):
    review = make_alignment_review(YEAR)
    area = review.areas[0]
    client.login("viewer@example.com")
    assert 'name="rating"' not in client.text(f"/alignment/areas/{area.id}")
    assert client.submit(f"/alignment/areas/{area.id}", rating_form(area, "aligned")).status_code == 403
    assert db.session.get(AlignmentArea, area.id).rating is None


def test_structure_is_shaped_in_draft_and_fixed_in_review(client, people):
    review = make_alignment_review(YEAR)
    client.login("cxo@example.com")
    client.submit(f"/alignment/{YEAR}/experience", {"intended_experience": "Installed in 48 hours, first time.",
                                                    "version": str(review.version)})
    client.submit(f"/alignment/{YEAR}/attributes", {"attr-name": "Installed in 48 hours", "attr-description": "Speed"})
    client.submit(f"/alignment/{YEAR}/areas", {"area-name": "Store layout"})
    review = review_of()
    custom = review.areas[-1]
    client.submit(f"/alignment/areas/{custom.id}/move", {"direction": "up"})
    client.submit(f"/alignment/areas/{area_of(review, 'vision').id}/rename", {
        f"area{area_of(review, 'vision').id}-name": ""})  # no name: the standard one, in each language
    client.submit(f"/alignment/areas/{area_of(review, 'capex').id}/delete")
    page = client.submit(f"/alignment/{YEAR}/areas", {"area-name": "store  LAYOUT"},
                         follow_redirects=True).get_data(as_text=True)
    assert "There is already an area called “store LAYOUT”." in page
    review = review_of()
    assert review.intended_experience == "Installed in 48 hours, first time."
    assert [(a.name, a.description) for a in review.attributes] == [("Installed in 48 hours", "Speed")]
    keys = [a.key for a in review.areas]
    assert "capex" not in keys and keys[-2:] == ["custom", "incentives_rewards"]
    assert area_of(review, "vision").name == ""
    assert [a.position for a in review.areas] == list(range(1, 12))

    rate_all(review)
    client.submit(f"/alignment/{YEAR}/submit")
    page = client.submit(f"/alignment/{YEAR}/areas", {"area-name": "Pricing"}, follow_redirects=True).get_data(
        as_text=True)
    assert "send it back to draft" in page and len(review_of().areas) == 11
    client.submit(f"/alignment/{YEAR}/send-back")
    assert review_of().state == "draft"


def test_report_data_is_plain_and_needs_a_fixed_number_of_queries(app, people):
    last = make_alignment_review(YEAR - 1, rating="misaligned", attributes=["48 hours", "Never repeat"])
    review = make_alignment_review(YEAR, rating="partly")
    for index, area in enumerate(review.areas[:4]):
        area.owner_id = people["lead"].id if index % 2 else people["ceo"].id
        operations.add_corrective_action(area, {"title": f"Fix {index}", "owner_id": people["lead"].id,
                                                "due_on": clock.today()}, people["cxo"], clock.today())
    operations.save_matrix(review, {(review.areas[0].id, review.attributes[0].id): "conflicts"})
    db.session.commit()
    assert last.year == YEAR - 1
    db.session.expire_all()
    statements = []
    sa.event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with app.test_request_context():
        data = queries.report_data(YEAR)
        missing = queries.report_data(YEAR + 5)
    # Reviews, areas, owners, attributes, cells, last year's review and areas, actions and their owners (users
    # load their roles), the organisation for the locale; the same for 11 areas as for one.
    assert len(statements) <= 14 and missing is None
    assert data["review"]["year"] == YEAR and data["review"]["state"] == "draft"
    assert data["previous_year"] == YEAR - 1
    assert [a["name"] for a in data["attributes"]] == ["48 hours", "Never repeat"]
    first = data["areas"][0]
    assert first["name"] == "Vision" and first["rating"] == "partly" and first["last_rating"] == "misaligned"
    assert first["change"] == "improved" and first["actions"][0]["owner"] == "李娜 Li Na"
    assert data["matrix"]["rows"][0]["cells"][0]["value"] == "conflicts"
    assert data["summary"]["partly"] == 11 and data["summary"]["conflicts"] == 1
    assert data["summary"]["improved"] == 11


def test_two_editors_of_the_matrix_never_lose_each_others_changes(client, people):
    review = make_alignment_review(YEAR, attributes=["48 hours", "Never repeat yourself"])
    opex, incentives = area_of(review, "opex"), area_of(review, "incentives_rewards")
    first, second = review.attributes
    ceo = client.application.test_client()
    client.login("cxo@example.com")
    ceo.login("ceo@example.com")
    seen = {f"was-{a.id}-{t.id}": "neutral" for a in (opex, incentives) for t in (first, second)}
    # Both opened the matrix with every cell neutral; the CX office saves first.
    client.submit(f"/alignment/{YEAR}/matrix", {**seen, f"cell-{opex.id}-{first.id}": "conflicts",
                                                f"cell-{incentives.id}-{second.id}": "neutral"})
    # The CEO changed another cell: it is saved, the CX office's cell stays.
    ceo.submit(f"/alignment/{YEAR}/matrix", {**seen, f"cell-{opex.id}-{first.id}": "neutral",
                                             f"cell-{incentives.id}-{second.id}": "supports"})
    cells = {(c.area_id, c.attribute_id): c.value for c in db.session.scalars(sa.select(AlignmentCell))}
    assert cells == {(opex.id, first.id): "conflicts", (incentives.id, second.id): "supports"}
    # The CEO now changes the very cell the CX office changed, from the stale page: refused, nothing written.
    page = ceo.submit(f"/alignment/{YEAR}/matrix", {**seen, f"cell-{opex.id}-{first.id}": "supports"},
                      follow_redirects=True).get_data(as_text=True)
    assert "Someone changed 1 of the cells you changed" in page
    assert db.session.scalar(sa.select(AlignmentCell.value).where(AlignmentCell.area_id == opex.id,
                                                                  AlignmentCell.attribute_id == first.id)) \
        == "conflicts"


def test_misaligned_areas_without_a_corrective_action_are_pointed_out(client, people):
    review = make_alignment_review(YEAR, rating="aligned")
    opex = area_of(review, "opex")
    operations.rate_area(opex, {"rating": "misaligned", "evidence": "Installer budget cut", "owner_id": None}, None)
    db.session.commit()
    client.login("ceo@example.com")
    page = client.text(f"/alignment/{YEAR}")
    assert "Misaligned without a corrective action: Operating expenditure." in page
