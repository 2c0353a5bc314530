"""The one reader every uploaded table goes through: size, kind and shape are checked before anything parses it.

Limits come from the configuration: MAX_CONTENT_LENGTH (bytes of an upload; a larger request is answered
413 before any view runs, and a file handed in another way is refused here), CXGOV_MAX_UPLOAD_ROWS (data
rows one import takes), CXGOV_MAX_UNZIPPED_MB and CXGOV_MAX_ZIP_RATIO (what an .xlsx may declare its
members unpack to, checked from the zip directory before openpyxl opens it: a zip bomb is refused without
being unpacked; `zipfile` itself never unpacks more than a member declares). The XML inside a workbook is
parsed by defusedxml (installed; openpyxl uses it when present), so entity expansion is refused too. A CSV
must be text in UTF-8 or GB18030. Reading stops as soon as a limit is passed, so work stays bounded.
"""
from __future__ import annotations

import csv
import io
import zipfile

from flask import current_app
from flask_babel import gettext as _
from openpyxl import load_workbook

XLSX_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
HEADER_ROWS = 2  # an export's labels and machine names
MAX_COLUMNS = 100  # no table of ours is wider; cells further right are not read
RATIO_FROM = 1 << 20  # members that unpack to less than 1 MB are too small to be a bomb


class FileProblem(Exception):
    """The file as a whole cannot be read; `row` is 0 when no row is to blame."""

    def __init__(self, message: str, row: int = 0):
        super().__init__(message)
        self.row, self.message = row, message


def max_rows() -> int:
    """The most data rows one import takes."""
    return int(current_app.config.get("CXGOV_MAX_UPLOAD_ROWS", 5000))


def too_many_rows() -> FileProblem:
    """The refusal of a file with more rows than one import takes."""
    return FileProblem(_("The file has more than %(limit)s data rows, the most one import takes. "
                         "Split it into smaller files; nothing was imported.", limit=f"{max_rows():,}"))


def megabytes(size: int) -> str:
    """A size in bytes as whole megabytes ("5 MB")."""
    return f"{size / (1 << 20):,.0f} MB"


def check_size(raw: bytes) -> None:
    """Refuse a file larger than an upload may be."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and len(raw) > limit:
        raise FileProblem(_("The file is larger than %(size)s.", size=megabytes(limit)))


def check_xlsx(raw: bytes) -> None:
    """Refuse what is not a workbook, and a workbook whose members would unpack to too much."""
    unreadable = FileProblem(_("The file is not a readable .xlsx workbook."))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise unreadable from None
    names = {m.filename for m in members}
    if any(name not in names for name in XLSX_MEMBERS):
        raise unreadable
    ratio = float(current_app.config.get("CXGOV_MAX_ZIP_RATIO", 100))
    total_limit = int(current_app.config.get("CXGOV_MAX_UNZIPPED_MB", 30)) << 20
    total = sum(m.file_size for m in members)
    packed = any(m.file_size > RATIO_FROM and m.file_size > ratio * max(m.compress_size, 1) for m in members)
    if total > total_limit or packed:
        raise FileProblem(_("The workbook would unpack to %(size)s (at most %(limit)s, and no part more than "
                            "%(ratio)s times its packed size): it is refused unread.",
                            size=megabytes(total), limit=megabytes(total_limit), ratio=f"{ratio:g}"))


def _span() -> int:
    """How many sheet rows, empty ones included, are read at most."""
    return max_rows() * 3 + 1000


def csv_grid(raw: bytes) -> list[list]:
    """Rows of a CSV file (UTF-8, or GB18030 as Excel saves Chinese CSV); one record is one spreadsheet row."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise FileProblem(_("The file is not text in UTF-8 or GB18030.")) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _bounded(reader)
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # the csv module's own guard against a runaway cell
            raise FileProblem(_("A cell is longer than %(limit)s characters: no value of ours is that long.",
                                limit=f"{csv.field_size_limit():,}"), reader.line_num) from None
        raise FileProblem(_("The file is not a readable CSV file.")) from None


def xlsx_grid(raw: bytes) -> list[list]:
    """Cell values of the first sheet of a checked workbook, from row 1, blank rows included."""
    check_xlsx(raw)
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            return _bounded(book.worksheets[0].iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True))
        finally:
            book.close()
    except FileProblem:
        raise
    except Exception:  # noqa: BLE001 - openpyxl and defusedxml raise many kinds for a broken or hostile file
        raise FileProblem(_("The file is not a readable .xlsx workbook.")) from None


def _bounded(rows) -> list[list]:
    """The rows as lists, stopping once they hold more data rows than an import takes (refused by the
    caller, which knows the header rows) or the sheet runs on past any table of ours."""
    grid: list[list] = []
    filled, most, span = 0, max_rows() + HEADER_ROWS, _span()
    for row in rows:
        if len(grid) >= span:
            raise FileProblem(_("The sheet runs on for more than %(n)s rows, empty ones included.", n=f"{span:,}"))
        grid.append(list(row))
        filled += not all(v is None or (isinstance(v, str) and not v.strip()) for v in row)
        if filled > most:
            break
    return grid


def grid(raw: bytes, filename: str) -> list[list]:
    """The cells of an uploaded CSV or XLSX file, every check passed."""
    check_size(raw)
    return xlsx_grid(raw) if filename.lower().endswith(".xlsx") else csv_grid(raw)
