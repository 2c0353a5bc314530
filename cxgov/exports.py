"""Tables as CSV (UTF-8 with the byte-order mark Excel needs to read Chinese) or XLSX, for every export."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from flask import Response
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV and formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """User text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(header: Sequence, rows: Sequence[Sequence]) -> str:
    """The table as CSV text with the byte-order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([["" if v is None else safe(v) for v in row] for row in rows])
    return out.getvalue()


def xlsx_bytes(title: str, header: Sequence, rows: Sequence[Sequence], widths: Sequence[int] = ()) -> bytes:
    """A one-sheet workbook with a bold, frozen header row; column widths from `widths` or the headers."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31].replace("/", "-") or "export"
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe(v) for v in row])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns):
        width = widths[index] if index < len(widths) else max(12, min(40, len(str(column[0].value)) + 4))
        sheet.column_dimensions[column[0].column_letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def response(fmt: str, filename: str, title: str, header: Sequence, rows: Sequence[Sequence],
             widths: Sequence[int] = ()) -> Response:
    """A download of the table as `fmt` ('csv' or 'xlsx')."""
    disposition = {"Content-Disposition": f"attachment; filename={filename}"}
    if fmt == "csv":
        return Response(csv_text(header, rows), mimetype="text/csv", headers=disposition)
    return Response(xlsx_bytes(title, header, rows, widths), mimetype=XLSX_MIMETYPE, headers=disposition)
