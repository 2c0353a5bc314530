"""The heatmap's rows as plain values: each cell's score as shown and its colours, worked out once (pure).

The page draws one row per department on show; doing the formatting here rather than with a template macro per
cell keeps a page of rows cheap to draw.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cxgov import charts
from cxgov.assessments import scoring


@dataclass(frozen=True)
class HeatCell:
    """One cell: the score as shown (one decimal; None when there is none) and its colours."""

    text: str | None
    background: str
    color: str
    calibrated: bool = False


@dataclass(frozen=True)
class HeatRow:
    """One department's row: a cell per dimension, in the dimensions' order, and the overall score."""

    department: Any
    cells: list[HeatCell]
    overall: HeatCell


def cell(value: float | None, calibrated: bool = False) -> HeatCell:
    """A cell of a score: shown with one decimal on the heat colours of charts."""
    text = None if value is None else f"{value:.1f}"
    return HeatCell(text, charts.heat_color(value), charts.heat_text_color(value), calibrated)


def rows(departments: Iterable[Any], result: scoring.CycleResult, codes: Sequence[str]) -> list[HeatRow]:
    """The rows of some departments (records with an id), their dimensions in the order of `codes`."""
    shown = []
    for dept in departments:
        res = result.departments.get(dept.id)
        scores = res.scores if res else {}
        calibrated = res.calibrated if res else {}
        shown.append(HeatRow(dept, [cell(scores.get(code), code in calibrated) for code in codes],
                             cell(res.overall if res else None)))
    return shown
