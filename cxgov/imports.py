"""Reading an uploaded table (CSV or XLSX) as people make it in Excel or LibreOffice.

Rows keep the number the spreadsheet shows (header row 1, blank rows counted). Headers may be the
machine names or the labels in any of the app's languages, and an export's second header row (its
machine names) is read as a header too. Cells come back as typed (text, number, date); the helpers
below turn them into what an operation takes, or say in the reader's language what is wrong with
a cell, naming the column by its label.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from babel.lists import format_list
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from cxgov import numbers, uploads
from cxgov.exports import unguard
from cxgov.org.models import LOCALES
from cxgov.uploads import FileProblem

Labels = Mapping[str, object]  # machine name or code → (lazy) label
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月)?(?:\s*[-/.]?\s*(\d{1,2})\s*日?)?$")
_BRACKETS = re.compile(r"\s*[(（].*?[)）]\s*")


@dataclass
class ImportResult:
    """What an import found: problems as (spreadsheet row, message), or how many rows it wrote."""

    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        """True when the file had no problem."""
        return not self.errors


@dataclass
class Table:
    """The data rows of a file: (spreadsheet row number, {machine name: cell value}), and its columns."""

    rows: list[tuple[int, dict]] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)


def norm(text) -> str:
    """A header or value as compared: width-folded, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()


def spellings(*label_sets: Labels, loose: bool = True) -> dict[str, str]:
    """Every accepted spelling (the code, its labels in each language and, when loose, a label without its
    brackets: “数值型（可测量的数值）” is also “数值型”) → code."""
    known: dict[str, str] = {}
    for locale in LOCALES:
        with force_locale(locale):
            for code, label in ((c, lb) for labels in label_sets for c, lb in labels.items()):
                for text in (str(label), _BRACKETS.sub("", str(label)) if loose else ""):
                    if text:
                        known.setdefault(norm(text), code)
    known.update({norm(code): code for labels in label_sets for code in labels})  # a machine name always wins
    return known


def _blank(values: Iterable) -> bool:
    """True for a row with nothing in it."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _header(cells: list, known: dict[str, str]) -> list[str | None]:
    """The machine name of each header cell (None when it is not a known column)."""
    return [known.get(norm(unguard(str(c)))) if c not in (None, "") else None for c in cells]


def _all_known(cells: list, names: list[str | None]) -> bool:
    """True when a row is a header row: it has cells and every one of them names a column."""
    filled = [n for c, n in zip(cells, names, strict=True) if c not in (None, "") and not str(c).isspace()]
    return bool(filled) and all(filled)


def read_table(raw: bytes, filename: str, columns: Labels, required: Iterable[str]) -> Table:
    """The rows of a CSV or XLSX file under its one or two header rows; FileProblem when it cannot be used
    (uploads.grid checks size, kind and row count first)."""
    grid = uploads.grid(raw, filename)
    numbered = [(n, row) for n, row in enumerate(grid, start=1) if not _blank(row)]
    if not numbered:
        raise FileProblem(_("The file has no data rows."))
    known = spellings(columns, loose=False)
    head_number, head = numbered[0]
    names = _header(head, known)
    if len(numbered) > 1 and numbered[1][0] == head_number + 1:
        second = _header(numbered[1][1], known)
        if _all_known(numbered[1][1], second):  # an export's machine names under its labels
            width = max(len(names), len(second))
            names = [b or a for a, b in zip(_padded(names, width), _padded(second, width), strict=True)]
            numbered = numbered[1:]
    missing = [str(columns[c]) for c in required if c not in names]
    if missing:
        raise FileProblem(_("Missing columns: %(cols)s.", cols=listed(missing)), row=head_number)
    rows = [(n, {name: _tidy(v) for name, v in zip(names, row, strict=False) if name}) for n, row in numbered[1:]]
    if not rows:
        raise FileProblem(_("The file has no data rows."))
    if len(rows) > uploads.max_rows():
        raise uploads.too_many_rows()
    return Table(rows, {n for n in names if n})


def _padded(names: list, width: int) -> list:
    """The list filled with None up to `width`."""
    return names + [None] * (width - len(names))


def _tidy(value):
    """Text without surrounding spaces; other cells as they are."""
    return value.strip() if isinstance(value, str) else value


def listed(items: Iterable[str], style: str = "standard") -> str:
    """Items as a list in the reader's language (“a, b and c”, “a、b和c”)."""
    return format_list([str(i) for i in items], style=style, locale=get_locale() or "en")


class CellProblem(ValueError):
    """A cell that cannot be read as its column needs, worded for the reader."""


def text(value) -> str:
    """A cell as text: the export's formula guard removed, whole numbers without '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return unguard(str(value).strip())


def number(value, label) -> float | None:
    """A finite number from a number cell or text (full-width digits too); None when empty."""
    if isinstance(value, bool):
        raise CellProblem(_("“%(column)s” is not a number: “%(value)s”.", column=label, value=value))
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    shown = text(value)
    if not shown:
        return None
    try:
        return numbers.parse(shown)
    except ValueError:
        raise CellProblem(_("“%(column)s” is not a number: “%(value)s”.", column=label, value=shown)) from None


def whole(value, label) -> int | None:
    """A whole number (an id, a version); None when empty."""
    result = number(value, label)
    if result is not None and not result.is_integer():
        raise CellProblem(_("“%(column)s” is not a whole number: “%(value)s”.", column=label, value=text(value)))
    return None if result is None else int(result)


def month(value, label) -> str | None:
    """YYYY-MM from a date cell or text such as 2026-11, 2026/11, 2026年11月 or 2026-11-01; None when empty."""
    if isinstance(value, (date, datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    shown = text(value)
    if not shown:
        return None
    found = _MONTH.match(unicodedata.normalize("NFKC", shown))
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise CellProblem(_("“%(column)s” is not a month such as %(example)s: “%(value)s”.", column=label,
                            example="2026-11", value=shown))
    return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}"


def choice(value, label, options: Labels, known: Mapping[str, str]) -> str | None:
    """The code of an option given as its code or its label in any language; None when empty."""
    shown = text(value)
    if not shown:
        return None
    code = known.get(norm(shown))
    if code is None:
        raise CellProblem(_("“%(column)s” must be %(choices)s, not “%(value)s”.", column=label, value=shown,
                            choices=listed([f"“{o}”" for o in options.values()], style="or")))
    return code
