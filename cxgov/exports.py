"""Tables as CSV (UTF-8 with the byte-order mark Excel needs to read Chinese) or XLSX, for every export.

Every export has two header rows: the column labels in the reader's language, then the stable
machine names (`department_code`, `target_value` …) that scripts and the imports rely on. Any text a
user can enter is written: characters that XML (so XLSX) cannot hold are replaced or dropped,
text is cut at the longest cell Excel holds, and text a spreadsheet would run as a formula is
neutralised with a leading apostrophe, which `unguard` takes off again when a file comes back.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from flask import Response
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from cxgov import clock

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV and formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32767  # the most characters an Excel cell holds
ELLIPSIS = "…"
# Lone surrogates cannot be encoded as UTF-8, U+FFFE/U+FFFF are not XML characters.
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Characters a sheet name may not contain.
_SHEET_NAME_BAD = re.compile(r"[\\/*?:\[\]]")


class Column(NamedTuple):
    """An exported column: its stable machine name and its label in the reader's language."""

    name: str
    label: object  # a (lazy) translated string


def clean_text(text: str) -> str:
    """Text that any spreadsheet file can hold: a pasted vertical tab or form feed becomes a line break,
    other control characters go, lone surrogates become U+FFFD."""
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return _UNENCODABLE.sub("\ufffd", ILLEGAL_CHARACTERS_RE.sub("", text))


def _formula_like(text: str) -> bool:
    """True for text a spreadsheet would run, after any apostrophes (so text the user began with "'=" is
    guarded too, and comes back with its own apostrophe)."""
    return text.lstrip("'").startswith(FORMULA_START)


def safe(value):
    """User text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def unguard(text: str) -> str:
    """The text as the user wrote it: the apostrophe `safe` put before a formula-like start is removed."""
    if text.startswith("'") and _formula_like(text[1:]):
        return text[1:]
    return text


def cell(value):
    """One value as written to a file: clean, neutralised text; local, naive times; numbers unchanged."""
    if isinstance(value, datetime):
        if value.tzinfo is None:  # astimezone would read it in the server's zone
            raise ValueError(f"exports need aware times, not the naive {value.isoformat()}")
        return value.astimezone(clock.zone()).replace(tzinfo=None)  # stored times are aware; a sheet has no zones
    if value is None or isinstance(value, (int, float)) or hasattr(value, "isoformat"):
        return value
    return safe(clean_text(str(value)))


def _xlsx_cell(value):
    """A cell for XLSX: as `cell`, and cut to the length Excel holds."""
    value = cell(value)
    if isinstance(value, str) and len(value) > MAX_CELL:
        return value[:MAX_CELL - 1] + ELLIPSIS
    return value


def header_rows(columns: Sequence[Column]) -> list[list[str]]:
    """The two header rows: labels in the reader's language, then the machine names."""
    return [[clean_text(str(c.label)) for c in columns], [c.name for c in columns]]


def csv_text(columns: Sequence[Column], rows: Sequence[Sequence]) -> str:
    """The table as CSV text with the byte-order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerows(header_rows(columns))
    writer.writerows([["" if v is None else cell(v) for v in row] for row in rows])
    return out.getvalue()


def sheet_title(title: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\ or control characters, at most 31 characters."""
    return _SHEET_NAME_BAD.sub("-", clean_text(str(title)).replace("\n", " "))[:31].strip("' ") or "export"


def xlsx_bytes(title: str, columns: Sequence[Column], rows: Sequence[Sequence], widths: Sequence[int] = ()) -> bytes:
    """A one-sheet workbook with two bold, frozen header rows; column widths from `widths` or the labels."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(title)
    for header in header_rows(columns):
        sheet.append(header)
    for row in sheet.iter_rows(min_row=1, max_row=2):
        for header_cell in row:
            header_cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    sheet.freeze_panes = "A3"
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=2)):
        label = max(len(str(c.value or "")) for c in column)
        width = widths[index] if index < len(widths) else max(12, min(40, label + 4))
        sheet.column_dimensions[column[0].column_letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def response(fmt: str, filename: str, title: str, columns: Sequence[Column], rows: Sequence[Sequence],
             widths: Sequence[int] = ()) -> Response:
    """A download of the table as `fmt` ('csv' or 'xlsx')."""
    disposition = {"Content-Disposition": f"attachment; filename={filename}"}
    if fmt == "csv":
        return Response(csv_text(columns, rows), mimetype="text/csv", headers=disposition)
    return Response(xlsx_bytes(title, columns, rows, widths), mimetype=XLSX_MIMETYPE, headers=disposition)
