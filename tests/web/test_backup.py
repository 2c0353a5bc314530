"""Backup and restore: `cxgov export` then `cxgov import` into an empty database of the other backend gives the
same data; bad files and non-empty databases are refused with nothing written; SQLite's online copy."""
import json
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask_migrate import upgrade

from cxgov import create_app
from cxgov.auth.models import User
from cxgov.config import TestConfig
from cxgov.extensions import db
from cxgov.reports import operations as reports
from cxgov.reports.models import RenderedPdf, ReportVersion
from tests import factories
from tests.conftest import _empty_tables

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4  # every byte value, as a stored file may hold


def _seed() -> dict:
    """A small company touching every kind of column: two published report versions and a rendered PDF (binary),
    targets (floats, dates), a cycle (JSON levels), the audit trail (JSON), departments and users that refer to
    each other, and a department whose parent comes after it."""
    factories.make_organisation(name="Acme 测试 \"quoted\"")
    child, parent = factories.make_department("CS"), factories.make_department("EXO")
    lead = factories.make_user("lead@example.com", roles=("dept_lead",), department=child, name="李娜 Li Na")
    child.lead_id, child.parent_id = lead.id, parent.id
    factories.make_user("member@example.com", department=parent)
    factories.make_cycle([child, parent], state="published")
    factories.make_target(child, approved=True, baseline=12.345678901234567)
    factories.make_action(lead, department=child)
    cutoff = datetime(2026, 1, 20, 2, 3, 4, 567890, tzinfo=UTC)
    for lang in ("zh", "en"):
        reports.publish("annual", 2025, lang, PDF + lang.encode(), cutoff, lead, 3)
    db.session.add(RenderedPdf(key="k" * 64, pages=1, size=len(PDF), pdf=PDF, render_seconds=0.1 + 0.2))
    db.session.commit()
    return {"users": 2, "report_versions": 2}


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["cxgov", *args])


def _header(path: Path) -> dict:
    tables = json.loads(path.read_text())["header"]["tables"]
    return {table["name"]: (table["rows"], table["sha256"]) for table in tables}


@pytest.fixture(scope="module")
def empty_databases(postgres_url):
    """One more empty, migrated database per backend, to import into."""
    import sqlalchemy as sa

    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql("DROP DATABASE IF EXISTS cxgov_restore")
        connection.exec_driver_sql("CREATE DATABASE cxgov_restore")
    admin.dispose()
    urls = {"sqlite": f"sqlite:///{Path(tempfile.mkdtemp(prefix='cxgov-restore-')) / 'restore.sqlite'}",
            "postgresql": postgres_url.rsplit("/", 1)[0] + "/cxgov_restore"}
    for url in urls.values():
        target = create_app(TestConfig(url))
        with target.app_context():
            upgrade()
            db.engine.dispose()
    return urls


@pytest.mark.xdist_group("backup")
def test_export_then_import_into_the_other_backend_gives_the_same_rows_and_files(app, empty_databases, tmp_path):
    expected = _seed()
    source = db.engine.dialect.name
    assert _cli(app, "export", "--out", str(tmp_path / "a.json")).exit_code == 0
    exported = _header(tmp_path / "a.json")
    assert exported["users"][0] == expected["users"] and exported["report_versions"][0] == 2

    target = create_app(TestConfig(empty_databases["sqlite" if source == "postgresql" else "postgresql"]))
    with target.app_context():
        try:
            result = _cli(target, "import", str(tmp_path / "a.json"))
            assert result.exit_code == 0, result.output
            assert "report_versions: 2\n" in result.output and "users: 2\n" in result.output
            assert _cli(target, "export", "--out", str(tmp_path / "b.json")).exit_code == 0
            stored = dict(db.session.execute(db.select(ReportVersion.lang, ReportVersion.pdf)).all())
            assert stored == {"zh": PDF + b"zh", "en": PDF + b"en"}
            assert db.session.get(RenderedPdf, "k" * 64).render_seconds == 0.1 + 0.2
            lead = db.session.scalar(db.select(User).where(User.email == "lead@example.com"))
            assert lead.name == "李娜 Li Na" and lead.department.lead_id == lead.id and lead.department.parent_id
            assert factories.make_user("new@example.com").id == 3  # the ids go on after the imported ones
        finally:
            db.session.rollback()
            _empty_tables()
            db.session.remove()
            db.engine.dispose()
    assert _header(tmp_path / "b.json") == exported  # every table: same row count, same checksum


def _edited(source: Path, target: Path, change) -> Path:
    document = json.loads(source.read_text())
    change(document)
    target.write_text(json.dumps(document))
    return target


def _rename_user(document):
    for row in document["rows"]:
        if row[0] == "users":
            row[1][2] = "Mallory"
            return


def _drop_user(document):
    document["rows"].remove(next(row for row in document["rows"] if row[0] == "users"))


BAD_FILES = {
    "not JSON": (lambda document: None, "is not JSON"),
    "wrong format version": (lambda document: document["header"].update(format_version=2), "format version 2"),
    "wrong revision": (lambda document: document["header"].update(alembic_revision="0017_login_throttles"),
                       "made at migration 0017_login_throttles"),
    "a changed value": (_rename_user, "users does not match its checksum"),
    "a row removed": (_drop_user, "users does not match its checksum or count in the header (1 rows read, 2 expected)"),
}


@pytest.mark.xdist_group("backup")
def test_a_bad_file_or_a_database_with_data_is_refused_and_nothing_is_written(app, tmp_path):
    _seed()
    nowhere = _cli(app, "export", "--out", str(tmp_path / "missing" / "a.json"))
    assert nowhere.exit_code == 1 and "is not a folder: create it first" in nowhere.output
    good = tmp_path / "good.json"
    assert _cli(app, "export", "--out", str(good)).exit_code == 0
    refused = _cli(app, "import", str(good))
    assert refused.exit_code == 1 and "the database is not empty" in refused.output
    db.session.rollback()
    _empty_tables()
    for case, (change, message) in BAD_FILES.items():
        path = _edited(good, tmp_path / "bad.json", change)
        if case == "not JSON":
            path.write_text("users,reports\n1,2\n")
        result = _cli(app, "import", str(path))
        assert result.exit_code == 1 and message in result.output and "Nothing was imported" in result.output, case
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0, case
    assert _cli(app, "import", str(good)).exit_code == 0  # the same file, unchanged, goes in
    assert db.session.scalar(db.select(db.func.count(User.id))) == 2


@pytest.mark.xdist_group("backup")
def test_backup_sqlite_copies_the_live_database_and_refuses_postgresql(app, tmp_path):
    factories.make_user("kept@example.com")
    result = _cli(app, "backup-sqlite", "--out", str(tmp_path / "copy.sqlite"))
    if db.engine.dialect.name == "postgresql":
        assert result.exit_code == 1 and "pg_dump" in result.output
        assert not (tmp_path / "copy.sqlite").exists()
        return
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "copy.sqlite") as copy:
        assert copy.execute("SELECT email FROM users").fetchall() == [("kept@example.com",)]
    again = _cli(app, "backup-sqlite", "--out", str(tmp_path / "copy.sqlite"))
    assert again.exit_code == 1 and "already exists" in again.output
