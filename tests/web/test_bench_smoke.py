"""The benchmark's measuring functions on a tiny company with --quick settings: a row per page, no timing claims."""

import pytest

from bench import run as bench_run
from bench.measure import measure_pages
from bench.pages import catalogue, documents, people
from bench.pdfs import measure_pdf
from bench.report import goals, markdown, page_rows
from cxgov import clock
from cxgov.extensions import db
from cxgov.reviews import operations as reviews
from tests.factories import make_action, make_cycle, make_department, make_organisation, make_target, make_user

QUICK = bench_run.arguments(["--quick"])


def tiny_company() -> None:
    """One led department, a person for each role, a published cycle, a target, a review and an action."""
    make_organisation()
    sales = make_department("SAL", name_en="Sales", name_zh="销售部")
    ceo = make_user("ceo@example.com", roles=["executive"])
    cxo = make_user("cxo@example.com", roles=["cx_office"])
    lead = make_user("lead@example.com", roles=["dept_lead"], department=sales)
    make_user("hr@example.com", roles=["hr"])
    member = make_user("member@example.com", department=sales)
    sales.lead_id = lead.id
    make_cycle([sales], state="published")
    make_target(sales, approved=True, owner_id=lead.id)
    make_action(member, department=sales, created_by=cxo)
    today = clock.today()
    reviews.create_review(today.year, (today.month - 1) // 3 + 1, {"chair_id": ceo.id, "meeting_on": today,
                                                                    "place": ""}, [lead.id], cxo, today)
    db.session.commit()


def test_every_main_page_gets_a_row_with_a_median_and_a_query_count(app):
    tiny_company()
    pages, persons = catalogue(), people()
    measured = measure_pages(app, pages, persons, QUICK.repeats)
    rows = page_rows({page.key: page.label for page in pages}, measured, measured)
    assert [row["key"] for row in rows] == [page.key for page in pages]
    assert {"home_ceo", "results", "targets_grid", "annual"} <= set(measured)
    for row in rows:
        assert row["small"]["status"] == [200], row["key"]
        assert row["small"]["median_ms"] > 0 and row["small"]["queries"] > 0, row["key"]
        assert row["same_queries"]
    pdfs = [{"key": paper.key, "label": paper.label, **measure_pdf(app, persons[paper.role], paper.url, 1)}
            for paper in documents()]
    for pdf in pdfs:  # asked: queued (202); once the worker has run: the PDF (200)
        assert pdf["status"] == [200, 202] and pdf["mimetype"] == "application/pdf", pdf["key"]
        assert pdf["worker_s"] > 0 and pdf["weasyprint_s"] > 0 and pdf["html_chars"] > 1000
    text = markdown({"started_at": "2026-12-03T10:00:00+08:00", "quick": True, "pages": rows, "pdfs": pdfs,
                     "load": [], "goals": goals(rows, pdfs, []), "data": {"small": {"users": 5}},
                     "machine": {"cores": 2, "cpu": "x", "ram_gib": 1, "python": "3.11", "sqlite": "3",
                                 "postgresql": None, "weasyprint": "70", "load_average": [0, 0, 0]}})
    assert all(f"| {page.label} |" in text for page in [*pages, *documents()])


@pytest.mark.parametrize("content", [None, b"", b"not a database at all"])
def test_a_missing_or_unreadable_data_file_is_said_and_exits_non_zero(tmp_path, capsys, content):
    small = tmp_path / "small.sqlite"
    if content is not None:
        small.write_bytes(content)
    assert bench_run.main(["--small", str(small), "--large", str(small), "--out", str(tmp_path / "out")]) == 2
    assert str(small) in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_empty_database_is_said_and_exits_non_zero(tmp_path, capsys):
    import sqlite3

    empty = tmp_path / "empty.sqlite"
    with sqlite3.connect(empty) as connection:
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    assert bench_run.main(["--small", str(empty), "--large", str(empty), "--out", str(tmp_path / "out")]) == 2
    assert "empty database" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("argv", [["--repeats", "0"], ["--clients", "-3"], ["--pdf-runs", "-1"], ["--seconds", "0"],
                                  ["--repeats", "many"]])
def test_a_count_that_is_not_positive_is_refused_before_anything_runs(tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as exited:
        bench_run.main([*argv, "--out", str(tmp_path / "out")])
    assert exited.value.code == 2 and argv[0] in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
