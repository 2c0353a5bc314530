"""Language: the user's setting, else Accept-Language, else the organisation default."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from cxgov.auth.models import User
from cxgov.extensions import db
from tests.factories import make_organisation, make_user

ROOT = Path(__file__).resolve().parents[2]
ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}


def test_a_chinese_browser_gets_the_chinese_sign_in_page(client):
    page = client.get("/login", headers=ZH).get_data(as_text=True)
    assert '<html lang="zh-CN">' in page
    assert "登录" in page and "电子邮箱" in page


def test_without_accept_language_the_organisation_default_applies(client):
    make_organisation(default_locale="zh")
    assert "电子邮箱" in client.get("/login", headers={"Accept-Language": ""}).get_data(as_text=True)


def test_the_users_setting_beats_the_browser(client):
    make_user("a@example.com", locale="en")
    client.login("a@example.com")
    page = client.get("/", headers=ZH).get_data(as_text=True)
    assert "Our customer promise" in page


def test_the_header_switcher_stores_the_choice_on_the_user(client):
    make_user("a@example.com")
    client.login("a@example.com")
    client.submit("/language/zh", {"next": "/departments"})
    assert db.session.scalar(db.select(User.locale).where(User.email == "a@example.com")) == "zh"
    assert "部门" in client.text("/departments")
    response = client.submit("/language/en", {"next": "https://elsewhere.example/"})
    assert response.location == "/"


def test_error_pages_are_translated(client):
    make_user("a@example.com", locale="zh")
    client.login("a@example.com")
    page = client.get("/no-such-page").get_data(as_text=True)
    assert "页面不存在" in page
    assert client.get("/audit").get_data(as_text=True).count("无权访问") >= 1


def test_dates_are_formatted_per_locale(client):
    make_user("admin@example.com", roles=["admin"], locale="zh")
    client.login("admin@example.com")
    make_organisation()
    page = client.text("/organisation")
    assert "年" in page and "月" in page  # e.g. 2026年11月22日


def test_every_message_in_the_code_has_a_chinese_translation():
    """A new _() string without a zh entry fails here (run `make extract-messages` and translate)."""
    method_map = [("cxgov/**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map=method_map, keywords=keywords, directory_filter=lambda d: ".venv" not in d):
        found.add(message[0] if isinstance(message, tuple) else message)
    with open(ROOT / "cxgov/translations/zh/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {}
    for m in catalog:
        if m.id and not m.fuzzy:
            key = m.id[0] if isinstance(m.id, tuple) else m.id
            value = m.string[0] if isinstance(m.string, tuple) else m.string
            if value:
                translated[key] = value
    missing = sorted(found - set(translated))
    assert len(found) > 200
    assert missing == [], f"untranslated: {missing[:10]}"
