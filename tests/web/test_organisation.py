"""The organisation profile: read by everyone, edited by admins and executives."""
from cxgov.extensions import db
from cxgov.org.models import Organisation
from tests.factories import make_organisation, make_user


def profile_form(org, **overrides):
    data = {"name": org.name, "vision": org.vision, "mission": org.mission, "values": org.values,
            "brand_promise": org.brand_promise, "fiscal_year_start_month": "4", "default_locale": "en",
            "version": str(org.version)}
    data.update(overrides)
    return data


def test_an_executive_edits_the_intended_experience(client):
    org = make_organisation()
    make_user("ceo@example.com", roles=["executive"])
    client.login("ceo@example.com")
    response = client.submit("/organisation/edit", profile_form(org, brand_promise="Installed within 48 hours."))
    assert response.status_code == 302
    stored = db.session.scalar(db.select(Organisation))
    assert stored.brand_promise == "Installed within 48 hours." and stored.fiscal_year_start_month == 4
    assert "Installed within 48 hours." in client.text("/")


def test_bad_profile_input_is_refused_and_nothing_changes(client):
    org = make_organisation(name="Acme")
    make_user("ceo@example.com", roles=["executive"])
    client.login("ceo@example.com")
    page = client.submit("/organisation/edit", profile_form(org, name="", fiscal_year_start_month="13",
                                                            vision="x" * 4001)).get_data(as_text=True)
    assert "This field is required." in page
    assert "Not a valid choice." in page
    assert "Field cannot be longer than 4000 characters." in page
    assert db.session.scalar(db.select(Organisation.name)) == "Acme"


def test_a_stale_profile_save_does_not_overwrite_a_newer_one(client):
    org = make_organisation()
    stale = str(org.version)
    make_user("ceo@example.com", roles=["executive"])
    client.login("ceo@example.com")
    client.submit("/organisation/edit", profile_form(org, mission="First"))
    page = client.submit("/organisation/edit", profile_form(org, mission="Second", version=stale),
                         follow_redirects=True).get_data(as_text=True)
    assert "Someone else saved the profile after you opened it" in page
    assert db.session.scalar(db.select(Organisation.mission)) == "First"


def test_a_member_reads_but_cannot_edit_the_profile(client):
    org = make_organisation(mission="Serve well")
    make_user("m@example.com")
    client.login("m@example.com")
    assert "Serve well" in client.text("/organisation")
    assert client.submit("/organisation/edit", profile_form(org, mission="Hacked")).status_code == 403
    assert db.session.scalar(db.select(Organisation.mission)) == "Serve well"
