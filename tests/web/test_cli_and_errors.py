"""Administration commands, the demo loader, and the error pages."""
from cxgov import create_app, demo
from cxgov.auth.models import User
from cxgov.config import TestConfig
from cxgov.extensions import db
from cxgov.org.models import Department


def test_create_admin_creates_a_user_who_can_sign_in(app):
    result = app.test_cli_runner().invoke(args=["cxgov", "create-admin", "--email", "Boss@Example.com",
                                                "--password", "a-strong-password"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "boss@example.com"))
    assert user.roles == {"admin"}
    assert app.test_client().login("boss@example.com", "a-strong-password").status_code == 302


def test_create_admin_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(args=["cxgov", "create-admin", "--email", "a@example.com",
                                                "--password", "short"])
    assert result.exit_code != 0 and "at least 10 characters" in result.output
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_demo_loads_every_role_and_eight_or_more_departments_once(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["cxgov", "demo"]).exit_code == 0
    codes = set(db.session.scalars(db.select(Department.code)))
    assert {"PRD", "MKT", "SAL", "CS", "SCM", "FIN", "HR", "IT"} <= codes
    roles = set().union(*(u.roles for u in db.session.scalars(db.select(User))))
    assert roles == {"admin", "executive", "cx_office", "dept_lead", "hr", "member", "viewer"}
    for code in ("prd", "cs", "it"):
        assert db.session.scalar(db.select(User).where(User.email == f"lead.{code}@{demo.DEMO_DOMAIN}"))
    assert "demo not loaded" in runner.invoke(args=["cxgov", "demo", "--if-empty"]).output
    assert runner.invoke(args=["cxgov", "demo"]).exit_code != 0
    assert app.test_client().login(f"ceo@{demo.DEMO_DOMAIN}", demo.DEMO_PASSWORD).status_code == 302


def test_an_unexpected_error_shows_the_translated_500_page_and_no_traceback(database_url):
    app = create_app(TestConfig(database_url))
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom", headers={"Accept-Language": "zh-CN"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "出错了" in page and "secret internals" not in page


def test_healthz_says_when_the_database_is_down():
    app = create_app(TestConfig("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unavailable"}
