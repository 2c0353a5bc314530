"""Reading never writes: no GET request of the role × URL table sends an INSERT, UPDATE or DELETE.

A GET that writes takes the database's write lock for the whole request (on SQLite, two people opening a slow
page at once then get an error) and changes data nobody asked to change. Months close by their date for every
reader (targets.operations.closed_months) and the daily job records the close; settings are read with their
defaults until someone saves them.
"""
from __future__ import annotations

import sqlalchemy as sa

from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.permissions import EXECUTIVE
from cxgov.targets.models import MonthClose
from tests.factories import make_target
from tests.web.test_access import TABLE, Api, build_data

WRITES = ("INSERT", "UPDATE", "DELETE")
# The one write a read may cause, on purpose: an API token's "last used" (shown to its owner, a security record),
# at most once a minute per token and committed before the request's work, so that it holds no lock meanwhile.
TOKEN_USE = "UPDATE api_tokens SET last_used_at"


def writes_of(run) -> list[str]:
    """The writing statements `run()` sends."""
    seen = []

    def record(_conn, _cursor, statement, *args):
        if statement.lstrip().upper().startswith(WRITES) and not statement.startswith(TOKEN_USE):
            seen.append(statement.split("\n")[0][:120])

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_no_page_or_api_read_writes_to_the_database(app, worker_queue):
    data = build_data()
    past = make_target(data.dept, "2026-09", approved=True, title="A month closed by its date only")
    ceo = data.users[EXECUTIVE]
    client = app.test_client()
    client.login(ceo.email)
    _row, token = create_token(ceo, "reads")
    db.session.commit()
    # A past month reads closed without its close being recorded: recording it is the daily job's write.
    assert "closed: final statuses are set" in client.text(f"/targets/?month={past.month}")
    assert db.session.get(MonthClose, past.month) is None
    found = {}  # rule → the writes its GET sent (a row's data is made by its URL builder, outside the count)
    for (method, rule), (url_of, who) in sorted(TABLE.items()):
        if method != "GET":
            continue
        url = url_of(data)
        if isinstance(who, Api):
            def run(url=url):
                return app.test_client().get(url, headers={"Authorization": f"Bearer {token}"})
        else:
            def run(url=url):
                return client.get(url)
        writes = writes_of(run)
        if writes:
            found[rule] = writes
    assert found == {}
