"""The target import door: spreadsheet row numbers, both languages, the gate's refusals, all or nothing, and
exports that always open and come back as updates."""
import csv
import html
import io
import re
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from openpyxl import Workbook, load_workbook

from cxgov import clock, rules
from cxgov.actions.models import ActionItem
from cxgov.assessments.operations import ensure_default_framework
from cxgov.extensions import db
from cxgov.targets import operations
from cxgov.targets.models import Target
from tests.factories import make_action, make_target, make_user, next_month
from tests.web.test_targets import company

MONTH = next_month()
ZH_LABELS = {"id": "编号", "department_code": "部门", "month": "月份", "title": "标题", "description": "描述",
             "kind": "类型", "direction": "方向", "baseline": "基线", "target_value": "目标值",
             "owner_email": "负责人邮箱", "dimension_code": "成熟度维度", "points": "奖励积分", "version": "版本"}
EN_LABELS = {"id": "ID", "department_code": "Department", "month": "Month", "title": "Title",
             "description": "Description", "kind": "Kind", "direction": "Direction", "baseline": "Baseline",
             "target_value": "Target value", "owner_email": "Owner's e-mail", "dimension_code": "Maturity dimension",
             "points": "Incentive points", "version": "Version"}
NOTHING = {"en": "Nothing was imported.", "zh": "没有导入任何数据"}
CONTROLS = "".join(chr(c) for c in range(1, 32)) + "\x7f"  # NUL aside: PostgreSQL text cannot hold it


def good(title="Answer fast", **cells):
    """A row the gate takes, as machine name → cell."""
    return {"department_code": "CS", "month": MONTH, "title": title, "kind": "numeric", "direction": "higher",
            "baseline": 70, "target_value": 80, "owner_email": "", "dimension_code": "", "points": 10} | cells


BLANK = {}


def table(rows: list[dict], header: str = "names") -> list[list]:
    """Rows under one header row: the machine names, or the labels in English or Chinese."""
    names = list(dict.fromkeys(name for row in rows for name in row))
    labels = {"names": {n: n for n in names}, "en": EN_LABELS, "zh": ZH_LABELS}[header]
    return [[labels[n] for n in names]] + [[row.get(n) for n in names] if row else [] for row in rows]


def xlsx(grid: list[list]) -> bytes:
    book = Workbook()
    for line in grid:
        book.active.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(grid: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([["" if v is None else v for v in line] for line in grid])
    return out.getvalue().encode("utf-8-sig")


def upload(client, name: str, body: bytes):
    return client.submit("/targets/import", {"file": (io.BytesIO(body), name)}, content_type="multipart/form-data")


def problems(page: str) -> list[tuple[int, str]]:
    """The rejected file's problems as the user reads them: (row, message)."""
    found = re.findall(r'<tr><td class="num">([^<]*)</td><td>(.*?)</td></tr>', page, re.S)
    return sorted((int(row), html.unescape(message)) for row, message in found)


def stored() -> list[tuple]:
    return db.session.execute(sa.select(Target.id, Target.title, Target.version, Target.target_value)
                              .order_by(Target.id)).all()


def said(code: str, **params) -> tuple[str, str]:
    """The gate's wording of a refusal in English and Chinese."""
    def worded(locale):
        with force_locale(locale):
            return rules.say(code, params)
    return worded("en"), worded("zh")


def gate(column: str, code: str, **params) -> tuple[str, str]:
    """How the import shows the gate's refusal of one column, in English and Chinese."""
    en, zh = said(code, **params)
    return f"“{EN_LABELS[column]}”: {en}", f"“{ZH_LABELS[column]}”：{zh}"


def setup_company():
    cs, prd, people = company()
    people["viewer"] = make_user("viewer@example.com", roles=["viewer"])
    ensure_default_framework()
    db.session.commit()
    existing = make_target(cs, MONTH, title="Raise NPS")
    return cs, prd, people, existing


# Each bad file: its format, its header language, its rows, and what the user reads (row, English, Chinese).
BAD_FILES = {
    "blank rows keep the spreadsheet's numbers": (
        "xlsx", "names", [good("A"), BLANK, BLANK, good("B", baseline="x")],
        lambda e: [(5, "“Baseline” is not a number: “x”.", "“基线”不是数字：“x”。")]),
    "blank lines in a CSV too": (
        "csv", "names", [good("A"), BLANK, good("B", target_value="lots")],
        lambda e: [(4, "“Target value” is not a number: “lots”.", "“目标值”不是数字：“lots”。")]),
    "the same target twice in the file": (
        "xlsx", "names", [good("A"), good("B"), good(" a ")],
        lambda e: [(4, "Row 2 has the same department, month and title.", "与第 2 行的部门、月份和标题相同。")]),
    "a target that is already stored": (
        "csv", "names", [good("raise  NPS")],
        lambda e: [(2, f"CS already has “Raise NPS” in {MONTH} (target {e.id}); to change it, give its id.",
                    f"CS 在 {MONTH} 已有“Raise NPS”（指标 {e.id}）；如需修改，请填写其编号。")]),
    "Chinese headers and values reach the gate": (
        "xlsx", "zh", [good("A", kind="数值", direction="越低越好", baseline=10, target_value=20),
                       good("B", month="2026年13月", department_code="部门CS")],
        lambda e: [(2, *gate("target_value", "not_below")),
                   (3, "“Month” is not a month such as 2026-11: “2026年13月”.",
                    "“月份”不是 2026-11 这样的月份：“2026年13月”。")]),
    "date cells are months": (
        "xlsx", "en", [good("A", month=date(int(MONTH[:4]), int(MONTH[5:]), 1)),
                       good("B", month=datetime(int(MONTH[:4]), int(MONTH[5:]), 1, 0, 0), points="ten")],
        lambda e: [(3, "“Incentive points” is not a number: “ten”.", "“奖励积分”不是数字：“ten”。")]),
    "an unknown department, owner and id": (
        "csv", "names", [good("A", department_code="NOPE", owner_email="ghost@example.com") | {"id": 99999}],
        lambda e: [(2, "Department “NOPE” does not exist.", "部门“NOPE”不存在。"),
                   (2, "No target has the id 99999.", "没有编号为 99999 的指标。"),
                   (2, "No user has the e-mail “ghost@example.com”.", "没有邮箱为“ghost@example.com”的用户。")]),
    "control characters (the gate)": (
        "csv", "names", [good("Answer\x0bfast", description="pasted\x00text")],
        lambda e: [(2, *gate("title", "control_characters")), (2, *gate("description", "control_characters"))]),
    "a viewer as owner after a good row (the gate)": (
        "xlsx", "names", [good("A"), good("B", owner_email="VIEWER@example.com")],
        lambda e: [(3, *gate("owner_email", "owner_unknown"))]),
    "an unknown dimension (the gate)": (
        "xlsx", "names", [good("A", dimension_code="NOPE")],
        lambda e: [(2, *gate("dimension_code", "dimension_unknown", dimension="NOPE"))]),
    "over-long text (the gate)": (
        "xlsx", "names", [good("x" * 201)],
        lambda e: [(2, *gate("title", "title_too_long"))]),
    "another department's target (the gate)": (
        "csv", "names", [good("A", department_code="PRD")],
        lambda e: [(2, *said("targets_not_yours", department="PRD"))]),
}


@pytest.mark.parametrize("locale", ["en", "zh"])
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_row_by_row_in_the_readers_language_and_nothing_is_written(client, case, locale):
    _cs, _prd, _people, existing = setup_company()
    fmt, header, rows, expected = BAD_FILES[case]
    client.login("lead.cs@example.com")
    if locale == "zh":
        client.submit("/language/zh")
    before = stored()
    body = xlsx(table(rows, header)) if fmt == "xlsx" else csv_bytes(table(rows, header))
    page = upload(client, f"targets.{fmt}", body).get_data(as_text=True)
    wanted = [(row, en if locale == "en" else zh) for row, en, zh in expected(existing)]
    assert problems(page) == sorted(wanted)
    assert NOTHING[locale] in page
    assert stored() == before


def test_chinese_headers_values_names_and_date_cells_import(client):
    cs, _prd, people, _existing = setup_company()
    client.login("lead.cs@example.com")
    first = date(int(MONTH[:4]), int(MONTH[5:]), 1)
    rows = [good("里程碑目标", kind="里程碑", month=first, department_code="部门CS", owner_email="Agent@Example.com"),
            good("投诉更少", kind="数值", direction="越低越好", baseline=12, target_value=8,
                 month=f"{MONTH[:4]}年{int(MONTH[5:])}月", dimension_code="LISTEN"),
            good("Slash month", month=MONTH.replace("-", "/"), direction="Higher is better", points=20)]
    response = upload(client, "targets.xlsx", xlsx(table(rows, "zh")))
    assert response.status_code == 302
    made = {t.title: t for t in db.session.scalars(sa.select(Target).where(Target.title != "Raise NPS"))}
    assert {t.month for t in made.values()} == {MONTH} and {t.department_id for t in made.values()} == {cs.id}
    assert made["里程碑目标"].kind == "milestone" and made["里程碑目标"].owner_id == people["agent"].id
    fewer = made["投诉更少"]
    assert (fewer.kind, fewer.direction, fewer.target_value, fewer.dimension_code) == ("numeric", "lower", 8, "LISTEN")
    assert made["Slash month"].points == 20 and made["Slash month"].approval == "draft"


def exported(client, fmt: str) -> list[list]:
    data = client.get(f"/targets/export.{fmt}?month={MONTH}").data
    if fmt == "xlsx":
        return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def as_file(fmt: str, grid: list[list]) -> tuple[str, bytes]:
    return f"export.{fmt}", xlsx(grid) if fmt == "xlsx" else csv_bytes(grid)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("locale", ["en", "zh"])
def test_an_edited_export_comes_back_as_updates_of_the_same_targets(client, locale, fmt):
    cs, _prd, _people, existing = setup_company()
    guarded = make_target(cs, MONTH, title="=1+1 calls", description="-2 on the waiting list")
    client.login("lead.cs@example.com")
    if locale == "zh":
        client.submit("/language/zh")
    grid = exported(client, fmt)
    assert grid[0][:3] == ([ZH_LABELS[n] for n in ("id", "department_code", "month")] if locale == "zh"
                           else ["ID", "Department", "Month"])
    names = grid[1]
    assert names[:4] == ["id", "department_code", "month", "title"] and "version" in names
    versions = existing.version, guarded.version
    row = next(r for r in grid[2:] if str(r[0]) == str(existing.id))
    row[names.index("title")] = "Raise NPS to 45"
    row[names.index("target_value")] = 45
    response = upload(client, *as_file(fmt, grid))
    assert response.status_code == 302
    db.session.expire_all()
    changed, untouched = db.session.get(Target, existing.id), db.session.get(Target, guarded.id)
    assert (changed.title, changed.target_value, changed.version) == ("Raise NPS to 45", 45, versions[0] + 1)
    assert (untouched.title, untouched.description, untouched.version) == ("=1+1 calls", "-2 on the waiting list",
                                                                         versions[1])
    assert db.session.scalar(sa.select(sa.func.count(Target.id))) == 2
    flashed = client.text("/targets/")
    assert ("0 created, 1 updated, 1 unchanged" if locale == "en" else "新建 0 条，更新 1 条，1 条未变") in flashed


@pytest.mark.parametrize("locale", ["en", "zh"])
def test_a_stale_export_is_refused_with_a_clear_conflict(client, locale):
    _cs, _prd, people, existing = setup_company()
    client.login("lead.cs@example.com")
    if locale == "zh":
        client.submit("/language/zh")
    grid = exported(client, "xlsx")
    operations.edit_target(existing, {"target_value": 42.0}, people["cxo"], clock.today(), existing.version)
    db.session.commit()
    before = stored()
    grid[2][grid[1].index("title")] = "My change"
    page = upload(client, *as_file("xlsx", grid)).get_data(as_text=True)
    message = {"en": f"Target {existing.id} was changed by someone else after the file was exported (version 1, "
                     "now 2): export the list again and make your change there.",
               "zh": f"指标 {existing.id} 在导出后已被他人修改（导出时为第 1 版，现为第 2 版）：请重新导出列表，"
                     "在新文件中修改。"}
    assert problems(page) == [(3, message[locale])]
    assert stored() == before


def test_the_downloaded_template_imports_as_it_is(client):
    setup_company()
    client.login("lead.cs@example.com")
    template = client.get("/targets/template.csv").data
    assert upload(client, "targets.csv", template).status_code == 302
    assert db.session.scalar(sa.select(Target.dimension_code).where(Target.title != "Raise NPS")) == "LISTEN"


def test_an_export_holding_every_control_character_opens(client):
    cs, _prd, people, _existing = setup_company()
    nasty = "a" + CONTROLS + "b"
    make_target(cs, MONTH, title=f"Title{CONTROLS}", description=nasty, evidence=nasty, unit="\x0b%")
    action = make_action(people["agent"], cs, title="Call back")
    action.title, action.description = f"Call back{CONTROLS}", nasty  # stored before the gate refused such text
    db.session.commit()
    client.login("cxo@example.com")
    for url in (f"/targets/export.xlsx?month={MONTH}", "/actions/export.xlsx?status=all"):
        response = client.get(url)
        assert response.status_code == 200, url
        values = [v for r in load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True) for v in r]
        assert any(isinstance(v, str) and v.startswith("a\t\n") and v.endswith("b") for v in values), url
    for url in (f"/targets/export.csv?month={MONTH}", "/actions/export.csv?status=all"):
        text = client.get(url).data.decode("utf-8-sig")
        assert "Call back" in text or "Title" in text
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 1
