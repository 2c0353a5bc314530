"""The audit page as its reader sees it: labels, names, local times and Yes/No in English and Chinese, secrets
hidden, hostile or odd stored values escaped and never a 500, and a statement count that does not grow."""
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import force_locale
from pypinyin import lazy_pinyin

from cxgov.audit.labels import TABLE_LABELS, field_label
from cxgov.audit.models import AuditEntry
from cxgov.extensions import db
from cxgov.models_base import Audited
from tests.factories import make_action, make_department, make_user
from tests.web.test_query_counts import statements


def audited_columns():
    """(table, column) of every audited column of every audited model."""
    for mapper in db.Model.registry.mappers:
        if issubclass(mapper.class_, Audited):
            excluded = set(mapper.class_.__audit_exclude__)
            for attr in mapper.column_attrs:
                if attr.key not in excluded:
                    yield mapper.class_.__tablename__, attr.key


def test_every_audited_table_and_column_has_a_label_in_both_languages(app):
    columns = list(audited_columns())
    tables = {table for table, _ in columns}
    assert len(tables) >= 43
    with app.test_request_context(), force_locale("zh"):
        assert [t for t in tables if t not in TABLE_LABELS] == []
        untranslated = [t for t in tables if str(TABLE_LABELS[t]) == TABLE_LABELS[t]._args[0]]
        assert untranslated == []
        raw = [f"{t}.{c}" for t, c in columns if field_label(t, c) == c]
        assert raw == []
        english = [f"{t}.{c}" for t, c in columns if field_label(t, c).isascii()]
        assert english == []


def _entry(table, changes, action="update", actor=None, at=datetime(2026, 12, 3, 1, 30, tzinfo=UTC), **extra):
    """A stored entry as the hook (or an older version of it) wrote it."""
    label = extra.pop("actor_label", actor.email if actor else "system")
    entry = AuditEntry(at=at, actor_id=actor.id if actor else None, actor_label=label,
                       action=action, table_name=table, record_id=extra.pop("record_id", "1"),
                       record_label=extra.pop("record_label", "record"), changes=changes, **extra)
    db.session.add(entry)
    db.session.commit()
    return entry


def test_a_reader_sees_names_labels_local_times_and_yes_no_in_english_and_chinese(app, client):
    ceo = make_user("ceo@example.com", roles=["executive"], name="Grace Hopper")
    make_user("zh@example.com", roles=["executive"], name="王建国", locale="zh")
    dept = make_department("CS", name_en="Customer Service", name_zh="客户服务部")
    owner = make_user("owner@example.com", name="Ada Lovelace", department=dept)
    _entry("users", {"active": [True, False], "department_id": [None, dept.id], "password_hash": ["a", "b"]},
           actor=ceo, record_label="owner@example.com")
    _entry("workshops", {"starts_at": ["2026-12-03T01:30:00+00:00", "2026-12-04T06:00:00"],
                         "facilitator_id": [owner.id, 999999]})
    _entry("action_items", {"status": ["open", "done"], "due_on": ["2026-12-31", None]}, actor_label="cli")
    client.login("ceo@example.com")
    page = client.text("/audit")
    assert '<span title="ceo@example.com">Grace Hopper</span>' in page and "system" in page
    assert "<th>Active</th>" in page and "<span>Yes</span>" in page and "<span>No</span>" in page
    assert "<th>Department</th>" in page and "Customer Service" in page
    assert "<th>Facilitator</th>" in page and "Ada Lovelace" in page and "#999999" in page
    assert "9:30" in page and "2:00" in page  # 01:30 and 06:00 UTC in Shanghai
    assert "Done" in page and "Dec 31, 2026" in page and "Command line" in page
    assert "<th>Password</th>" in page and "changed" in page and '"a"' not in page and ">a<" not in page
    by_name = client.text("/audit?actor=grace")  # the By filter finds people by name as the column shows them
    assert "<th>Active</th>" in by_name and "<th>Facilitator</th>" not in by_name
    reader = app.test_client()
    reader.login("zh@example.com")
    page = reader.text("/audit")
    assert "<th>启用</th>" in page and "<th>部门</th>" in page and "<th>引导师</th>" in page
    assert "<span>是</span>" in page and "<span>否</span>" in page
    assert "客户服务部" in page and "系统" in page and "命令行" in page and "Grace Hopper" in page
    assert "2026年12月31日" in page and "09:30" in page
    assert "<th>Active</th>" not in page and "<th>Facilitator</th>" not in page


def test_hostile_and_unexpected_values_are_escaped_shortened_and_never_a_500(client):
    make_user("ceo@example.com", roles=["executive"])
    long = "Line one\n" + "word " * 60
    _entry("targets", {"title": ["<script>alert(1)</script>", "ok"], "description": [None, long],
                       "baseline": ["not a number", 3.5], "approved_at": ["yesterday", None],
                       "month": ["2026-13", "2026-11"]}, record_label="<script>x</script>")
    _entry("rotation_terms", {"skipped": [[], [{"user": 3}, "2027-01"]], "pinned": ["yes?", 1]})
    _entry("departments", ["not", "a", "mapping"])
    _entry("gone_table", {"old_field": "no pair", "other": [1, 2]})
    _entry("chat_channels", {"note": [None, "https://hook.example/send?access_token=abc123"]})
    client.login("ceo@example.com")
    response = client.get("/audit")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<summary>Line one…</summary>" in page and "word word" in page
    assert "not a number" in page and "yesterday" in page and "November 2026" in page and "2026-13" in page
    assert '<li>{"user": 3}</li>' in page.replace("&#34;", '"') and "<li>2027-01</li>" in page
    assert "gone_table" in page and "old_field" in page and "no pair" in page
    assert "abc123" not in page


def test_the_page_costs_the_same_statements_for_few_or_many_entries(client):
    ceo = make_user("ceo@example.com", roles=["executive"])
    dept = make_department("CS")
    client.login("ceo@example.com")
    client.get("/audit")

    def add(n):
        for i in range(n):
            person = make_user(f"p{i}.{n}@example.com", department=dept)
            make_action(person, dept)
            _entry("workshops", {"facilitator_id": [person.id, ceo.id]}, actor=person)
            _entry("workshop_invitations", {"rsvp": ["pending", "yes"]}, record_id=str(1000 + i))

    add(1)
    few = statements(lambda: client.get("/audit"))
    add(6)
    many = statements(lambda: client.get("/audit"))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) > 30
    assert many == few


def test_linked_records_are_named_by_what_they_link_and_types_sort_by_pinyin_in_chinese(app, client):
    from tests.web.test_query_counts import _workshop

    make_user("zh@example.com", roles=["executive"], locale="zh")
    hr = make_user("hr@example.com", roles=["hr"], name="Hedy Lamarr")
    guest = make_user("guest@example.com", name="李娜")
    workshop = _workshop(hr, datetime(2026, 12, 3, 2, 0, tzinfo=UTC), [guest])
    db.session.commit()
    workshop.title = "Journey mapping <b>day</b>"
    db.session.commit()
    client.login("zh@example.com")
    page = client.text("/audit?table=workshop_invitations")
    assert "Journey mapping &lt;b&gt;day&lt;/b&gt; · 李娜" in page and "invitation of user" not in page
    roles = client.text("/audit?table=user_roles")
    assert "Hedy Lamarr · 人力资源" in roles
    options = page.split('name="table"')[1].split("</select>")[0]
    labels = [o.split(">")[1].split("<")[0] for o in options.split("<option")[2:]]
    assert labels.index("工作坊邀请") < labels.index("用户") < labels.index("用户角色")
    assert labels == sorted(labels, key=lazy_pinyin) and labels[0] == "工作坊"  # gōng … before yòng …
