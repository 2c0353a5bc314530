"""Exports: UTF-8 CSV that Excel reads, XLSX, two header rows, any text a user can enter, no formula smuggled in."""
import csv
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from cxgov import exports
from cxgov.exports import Column

COLUMNS = [Column(name, name.upper()) for name in ("a", "b", "c", "d", "e")]
EVERY_CONTROL = "".join(chr(c) for c in range(32)) + "\x7f"


def sheet_rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_csv_starts_with_the_byte_order_mark_keeps_chinese_and_has_both_header_rows():
    text = exports.csv_text([Column("title", "标题"), Column("points", "积分")], [["客户回访", 20], ["Refunds", None]])
    assert text.startswith("\ufeff标题,积分\r\ntitle,points\r\n") and "客户回访,20" in text and "Refunds,\r\n" in text


def test_text_that_a_spreadsheet_would_run_is_neutralised_but_numbers_stay_numbers():
    rows = [["=HYPERLINK(\"http://x\")", -3, "+1 call", "@sum", "plain"]]
    text = exports.csv_text(COLUMNS, rows)
    assert "'=HYPERLINK" in text and ",-3," in text and "'+1 call" in text and "'@sum" in text
    book = load_workbook(io.BytesIO(exports.xlsx_bytes("sheet", COLUMNS, rows)))
    assert [cell.value for cell in book.active[1]] == ["A", "B", "C", "D", "E"]
    assert [cell.value for cell in book.active[2]] == ["a", "b", "c", "d", "e"]
    assert [cell.value for cell in book.active[3]] == ["'=HYPERLINK(\"http://x\")", -3, "'+1 call", "'@sum", "plain"]
    assert book.active["A1"].font.bold and book.active["A2"].font.bold and book.active.freeze_panes == "A3"


def test_the_guard_comes_off_again_and_only_the_guard():
    for text in ("=1+1", "+86 21 5555", "-3 complaints", "@team", "plain", "'quoted'", "", "'", "'=already",
                 "''+two", "\tindent", "\rreturn"):
        assert exports.unguard(exports.safe(text)) == text
    assert exports.unguard("'=SUM(A1)") == "=SUM(A1)" and exports.unguard("'it's'") == "'it's'"


def test_every_control_character_a_lone_surrogate_and_very_long_text_still_make_a_workbook():
    nasty = ["a" + EVERY_CONTROL + "b", "\ud800 lone \udfff", "x" * 40000, "\x00=1+1", "\ufffe\uffff", "line\x0bbreak"]
    data = exports.xlsx_bytes("sheet", COLUMNS + [Column("f", "F")], [nasty])
    text = exports.csv_text(COLUMNS + [Column("f", "F")], [nasty])
    values = sheet_rows(data)[2]
    assert values[0] == "a\t\n\n\n\n\x7fb"  # tab and line breaks stay, vertical tab and form feed become breaks
    assert values[1] == "\ufffd lone \ufffd" and len(values[2]) == exports.MAX_CELL and values[2].endswith("…")
    assert values[3] == "'=1+1" and values[4] == "\ufffd\ufffd" and values[5] == "line\nbreak"
    assert text.encode("utf-8") and "\x00" not in text and len(list(csv.reader(io.StringIO(text)))[2][2]) == 40000


def test_a_sheet_name_excel_refuses_and_a_time_with_a_zone_are_written():
    the_same_instant = datetime(2026, 11, 30, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    data = exports.xlsx_bytes("Q1/Q2 [draft]: what? *\x00", [Column("at", "At")],
                              [[datetime(2026, 11, 30, 17, 0, tzinfo=UTC)], [the_same_instant]])
    book = load_workbook(io.BytesIO(data))
    assert book.active.title == "Q1-Q2 -draft-- what- -"
    assert [r[0] for r in sheet_rows(data)[2:]] == [datetime(2026, 12, 1, 1, 0)] * 2  # in Asia/Shanghai


def test_a_naive_time_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="naive"):
        exports.cell(datetime(2026, 11, 30, 17, 0))
