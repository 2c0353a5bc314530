"""Every upload door reads through one checked reader: its size, its rows and its content are checked before it is
parsed, hostile workbooks are refused with little memory, long imports run in the background (all or nothing), and
text a spreadsheet would run comes back from an export unchanged."""
import functools
import html
import io
import re
import tracemalloc
import zipfile

import pytest
import sqlalchemy as sa
from defusedxml import EntitiesForbidden
from openpyxl import load_workbook
from openpyxl.xml import DEFUSEDXML

from cxgov import uploads
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.targets.models import Target
from tests.factories import make_target, make_user
from tests.web.conftest import run_queued
from tests.web.test_api import bearer, new_token
from tests.web.test_import_targets_doors import MONTH, as_file, exported, good, setup_company, table, upload, xlsx

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def departments(count: int) -> bytes:
    return ("code,name_en,name_zh,kind\n"
            + "".join(f"D{i},Dept {i},部门{i},support\n" for i in range(count))).encode()


def post_departments(client, body: bytes, name: str = "departments.csv"):
    return client.submit("/admin/departments/import", {"file": (io.BytesIO(body), name)},
                         content_type="multipart/form-data")


def sign_in_admin(client, email="admin@example.com"):
    make_user(email, roles=["admin"])
    client.login(email)


def stored_departments() -> int:
    return db.session.scalar(sa.select(sa.func.count(Department.id)))


def replaced(workbook: bytes, member: str, chunks) -> bytes:
    """The workbook with one member's content replaced (written chunk by chunk, so a bomb is cheap to make)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            with target.open(item.filename, "w") as written:
                for chunk in (chunks if item.filename == member else [source.read(item)]):
                    written.write(chunk)
    return out.getvalue()


@functools.cache
def zip_bomb() -> bytes:
    """A real workbook whose sheet unpacks to 40 MB from about 40 KB."""
    return replaced(xlsx(table([good()])), "xl/worksheets/sheet1.xml", (b" " * (1 << 20) for _ in range(40)))


def test_a_file_over_the_row_limit_is_refused_naming_the_limit_in_both_languages_and_nothing_is_written(app, client):
    app.config["CXGOV_MAX_UPLOAD_ROWS"] = 3
    sign_in_admin(client)
    page = post_departments(client, departments(4)).get_data(as_text=True)
    assert "The file has more than 3 data rows, the most one import takes." in page and stored_departments() == 0
    client.submit("/language/zh")
    page = post_departments(client, departments(4)).get_data(as_text=True)
    assert "文件的数据行超过 3 行" in page and stored_departments() == 0
    assert post_departments(client, departments(3)).status_code == 302 and stored_departments() == 3


def test_an_upload_over_the_size_limit_is_answered_413_on_a_page_and_in_json_not_500(client):
    sign_in_admin(client)
    too_big = b"x" * (5 * 1024 * 1024 + 1)
    page = post_departments(client, too_big)
    assert page.status_code == 413 and "File too large" in page.get_data(as_text=True)
    assert "The file is larger than 5 MB, the most an upload may be." in page.get_data(as_text=True)
    api = client.post("/api/v1/targets", data=too_big, content_type="application/json",
                      headers=bearer(new_token(db.session.scalar(sa.select(User)))))
    assert api.status_code == 413 and api.get_json()["error"]["code"] == "payload_too_large"
    assert stored_departments() == 0


def test_a_csv_that_is_not_text_and_a_workbook_that_is_not_a_zip_are_refused_in_words(client):
    setup_company()
    client.login("lead.cs@example.com")
    before = db.session.scalar(sa.select(sa.func.count(Target.id)))
    assert "not text in UTF-8 or GB18030" in upload(client, "t.csv", b"\x81\x30\xff\xfe\x00").get_data(as_text=True)
    assert "not a readable .xlsx workbook" in upload(client, "t.xlsx", b"PK\x03\x04 not a zip").get_data(as_text=True)
    missing_members = io.BytesIO()
    with zipfile.ZipFile(missing_members, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    page = upload(client, "t.xlsx", missing_members.getvalue()).get_data(as_text=True)
    assert "not a readable .xlsx workbook" in page
    assert db.session.scalar(sa.select(sa.func.count(Target.id))) == before


def test_a_zip_bomb_is_refused_unread_with_little_memory(app, client):
    bomb = zip_bomb()
    assert len(bomb) < 100_000
    tracemalloc.start()
    with pytest.raises(uploads.FileProblem, match="refused unread"):
        uploads.grid(bomb, "targets.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5 * len(bomb) + (1 << 20)  # a few copies of the upload, never the 40 MB it would unpack to
    setup_company()
    client.login("lead.cs@example.com")
    page = upload(client, "targets.xlsx", bomb).get_data(as_text=True)
    assert "The workbook would unpack to 40 MB (at most 30 MB" in page and "Nothing was imported." in page


def test_xml_entity_expansion_in_a_workbook_is_refused_by_defusedxml_with_little_memory(client):
    laughs = replaced(xlsx(table([good()])), "xl/worksheets/sheet1.xml", [LAUGHS.encode()])
    assert DEFUSEDXML is True
    with pytest.raises(ValueError) as refused:  # openpyxl's words around defusedxml's refusal
        load_workbook(io.BytesIO(laughs), read_only=True)
    assert isinstance(refused.value.__cause__ or refused.value.__context__, EntitiesForbidden)
    tracemalloc.start()
    with pytest.raises(uploads.FileProblem, match="not a readable .xlsx workbook"):
        uploads.grid(laughs, "targets.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 << 20  # 10⁹ "lol"s would be 3 GB
    setup_company()
    client.login("lead.cs@example.com")
    assert "not a readable .xlsx workbook" in upload(client, "targets.xlsx", laughs).get_data(as_text=True)


@pytest.mark.parametrize("good_file", [True, False])
def test_a_long_import_runs_in_the_background_all_or_nothing_on_a_page_that_reloads(app, client, worker_queue,
                                                                                       good_file):
    app.config["CXGOV_IMPORT_BACKGROUND_ROWS"] = 2
    sign_in_admin(client)
    body = departments(3) + (b"" if good_file else b"bad code,,,galaxy\n")
    response = post_departments(client, body)
    assert response.status_code == 302 and "/imports/" in response.location
    page = client.text(response.location)
    assert "Importing…" in page and 'http-equiv="refresh"' in page and stored_departments() == 0
    assert run_queued(worker_queue) == 1
    page = client.text(response.location)
    assert 'http-equiv="refresh"' not in page
    if good_file:
        assert "Imported: 3 created, 0 updated." in page and stored_departments() == 3
    else:
        assert "The file was rejected: 4 problems. Nothing was imported." in page and stored_departments() == 0
        assert '<td class="num">5</td>' in page and "not “galaxy”" in page
    other = app.test_client()
    sign_in_admin(other, "other.admin@example.com")
    assert other.get(response.location).status_code == 403
    assert client.get("/imports/" + "0" * 32).status_code == 404


TRICKY = ["=1+2", "+86 call-backs", "-5 complaints", "@team lunch", "'=quoted by the user", "''+two quotes"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_text_is_neutralised_in_an_export_and_comes_back_unchanged(client, fmt):
    cs, _prd, _people, _existing = setup_company()
    for title in TRICKY:
        make_target(cs, MONTH, title=title, description=title)
    db.session.commit()
    client.login("lead.cs@example.com")
    grid = exported(client, fmt)
    names = grid[1]
    cells = [row[names.index(column)] for row in grid[2:] for column in ("title", "description")]
    assert sorted(c for c in cells if c and c != "Raise NPS") == sorted("'" + t for t in TRICKY * 2)
    response = upload(client, *as_file(fmt, grid))
    assert response.status_code == 302
    db.session.expire_all()
    stored = {(t.title, t.description or t.title, t.version) for t in db.session.scalars(sa.select(Target))}
    assert {(title, d, v) for title, d, v in stored if title != "Raise NPS"} == {(t, t, 1) for t in TRICKY}


def test_a_user_imported_without_a_password_cannot_sign_in_until_an_administrator_resets_it(app, client):
    sign_in_admin(client)
    body = b"email,name,roles\nnew@example.com,New,member\n"
    response = client.submit("/admin/users/import", {"file": (io.BytesIO(body), "users.csv")},
                             content_type="multipart/form-data")
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "new@example.com"))
    assert not any(user.check_password(attempt) for attempt in ("!", "", "correct-horse-1", user.password_hash))
    assert app.test_client().login("new@example.com", "!").status_code != 302
    page = client.submit(f"/admin/users/{user.id}/reset-password").get_data(as_text=True)
    db.session.expire_all()
    shown = html.unescape(re.search(r'id="new-password">([^<]+)<', page).group(1))
    assert app.test_client().login("new@example.com", shown).status_code == 302


@pytest.mark.parametrize("name", ["deep.json", "deep.yaml"])
def test_a_framework_file_nested_past_any_framework_is_refused_in_words_not_500(client, name):
    make_user("cx@example.com", roles=["cx_office"])
    client.login("cx@example.com")
    body = ("[" * 5_000 + "]" * 5_000).encode()
    response = client.submit("/assessments/frameworks/import", {"file": (io.BytesIO(body), name)},
                             content_type="multipart/form-data")
    assert response.status_code == 200 and "cannot be read as" in response.get_data(as_text=True)
