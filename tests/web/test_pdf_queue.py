"""PDFs are made by the task worker and served by the fingerprint of their HTML: a request never renders one.

The review pack and the annual report preview take tens of seconds to render for a large company; rendering them
in the request held a worker (and on SQLite the write lock) that long. Now the request builds the HTML, serves the
PDF already made from that very HTML, or queues it once and answers with a page that waits for it.
"""
import re
import subprocess

import sqlalchemy as sa

from cxgov import clock
from cxgov.extensions import db
from cxgov.reports import pdf
from cxgov.reports.models import RenderedPdf
from cxgov.reviews import operations
from tests.web.conftest import run_queued
from tests.web.test_no_get_writes import writes_of
from tests.web.test_reviews import company, planned_review


def text_of(body: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(body)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def stored_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(RenderedPdf))


def test_the_request_queues_the_pdf_once_and_serves_it_when_the_worker_has_made_it(client, worker_queue, tmp_path):
    _mkt, people = company()
    review = planned_review(people)
    client.login("ceo@example.com")
    url = f"/reviews/{review.id}/pack.pdf?lang=en"
    responses = []
    assert writes_of(lambda: responses.append(client.get(url))) == []
    waiting = responses[0]
    assert waiting.status_code == 202 and waiting.mimetype == "text/html"
    assert "Preparing the PDF" in waiting.get_data(as_text=True)
    assert waiting.headers["Retry-After"] == "3"
    assert worker_queue.pending_count() == 1
    assert client.get(url).status_code == 202 and worker_queue.pending_count() == 1  # asked again: not queued twice

    assert run_queued(worker_queue) == 1
    ready = client.get(url)
    assert ready.status_code == 200 and ready.mimetype == "application/pdf"
    text = text_of(ready.data, tmp_path)
    assert "Quarterly CX review" in text and "Marketing" in text
    assert re.search(r"Printed [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}", text)  # filled in by the worker
    assert client.get(url, headers={"If-None-Match": ready.headers["ETag"]}).status_code == 304
    assert stored_count() == 1

    # A change of the data changes the HTML, so the stored PDF is not served for it: a new one is queued.
    operations.update_review(review, {"chair_id": people["ceo"].id, "meeting_on": review.meeting_on,
                                      "place": "Board room"}, [people["lead"].id], review.version, people["cxo"])
    db.session.commit()
    assert client.get(url).status_code == 202 and worker_queue.pending_count() == 1
    run_queued(worker_queue)
    assert "Board room" in text_of(client.get(url).data, tmp_path)
    assert stored_count() == 2


def test_a_render_that_fails_is_reported_to_the_reader_and_stores_nothing(client, worker_queue, monkeypatch):
    _mkt, people = company()
    review = planned_review(people)
    client.login("ceo@example.com")

    def broken(html):
        raise OSError("disk full")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    client.get(f"/reviews/{review.id}/pack.pdf")
    run_queued(worker_queue)
    answer = client.get(f"/reviews/{review.id}/pack.pdf")
    assert answer.status_code == 503
    assert "Making this PDF failed" in answer.get_data(as_text=True)
    assert worker_queue.pending_count() == 0 and stored_count() == 0


def test_the_same_html_is_rendered_once_and_served_byte_for_byte(client):
    _mkt, people = company()
    review = planned_review(people)
    client.login("ceo@example.com")
    first = client.get(f"/reviews/{review.id}/pack.pdf?lang=zh")
    again = client.get(f"/reviews/{review.id}/pack.pdf?lang=zh")
    assert first.status_code == again.status_code == 200
    assert first.data == again.data and stored_count() == 1
    client.get(f"/reviews/{review.id}/pack.pdf?lang=en")
    assert stored_count() == 2  # another language is another document


def test_text_typed_like_the_printing_time_marker_stays_as_typed(client, tmp_path):
    _mkt, people = company()
    review = planned_review(people)
    marker = pdf.MARKER % "short"
    operations.update_review(review, {"chair_id": people["ceo"].id, "meeting_on": review.meeting_on,
                                      "place": marker}, [people["lead"].id], review.version, people["cxo"])
    db.session.commit()
    client.login("ceo@example.com")
    response = client.get(f"/reviews/{review.id}/pack.pdf?lang=en")
    assert response.status_code == 200
    assert marker in text_of(response.data, tmp_path).replace("\n", "")


def test_the_annual_preview_goes_through_the_worker_too(client, worker_queue):
    _mkt, _people = company()
    client.login("ceo@example.com")
    year = clock.today().year
    waiting = client.get(f"/reports/annual/{year}.pdf?lang=zh")
    assert waiting.status_code == 202 and worker_queue.pending_count() == 1
    run_queued(worker_queue)
    ready = client.get(f"/reports/annual/{year}.pdf?lang=zh")
    assert ready.status_code == 200 and ready.mimetype == "application/pdf"
    assert "preview.pdf" in ready.headers["Content-Disposition"]
