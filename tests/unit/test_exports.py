"""Exports: UTF-8 CSV that Excel reads, XLSX, and no formula smuggled in through user text."""
import io

from openpyxl import load_workbook

from cxgov import exports


def test_csv_starts_with_the_byte_order_mark_and_keeps_chinese():
    text = exports.csv_text(["title", "points"], [["客户回访", 20], ["Refunds", None]])
    assert text.startswith("\ufeff") and "客户回访,20" in text and "Refunds,\r\n" in text


def test_text_that_a_spreadsheet_would_run_is_neutralised_but_numbers_stay_numbers():
    rows = [["=HYPERLINK(\"http://x\")", -3, "+1 call", "@sum", "plain"]]
    text = exports.csv_text(["a", "b", "c", "d", "e"], rows)
    assert "'=HYPERLINK" in text and ",-3," in text and "'+1 call" in text and "'@sum" in text
    book = load_workbook(io.BytesIO(exports.xlsx_bytes("sheet", ["a", "b", "c", "d", "e"], rows)))
    values = [cell.value for cell in book.active[2]]
    assert values == ["'=HYPERLINK(\"http://x\")", -3, "'+1 call", "'@sum", "plain"]
    assert book.active["A1"].font.bold and book.active.freeze_panes == "A2"
