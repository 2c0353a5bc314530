"""The pack's charts, drawn by the shared chart module from the stored pack (page and PDF alike)."""
from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from cxgov import charts


def _name(item: dict, loc: str) -> str:
    """A stored record's name in the reader's language."""
    return item.get("name_zh" if loc == "zh" else "name_en") or item.get("code", "")


def targets_chart(section: dict, loc: str) -> Markup:
    """Share of targets achieved in the quarter, by department."""
    bars = [charts.Bar(_name(row, loc), None if row["quarter"]["rate"] is None else row["quarter"]["rate"] * 100)
            for row in section["rows"]]
    return charts.bar_chart(bars, max_value=100, title=_("Targets achieved in the quarter, by department"),
                            value_format="{:.0f}%", empty_text=_("No targets in this quarter"))


def maturity_chart(section: dict, loc: str) -> Markup:
    """Company score per dimension against its target, with the previous cycle's score."""
    bars = []
    for dim in section["dimensions"]:
        change = dim.get("change")
        previous = change.get("before") if change and "before" in change else (  # packs frozen before "before"
            dim["score"] - change["delta"] if change and dim["score"] is not None else None)
        bars.append(charts.Bar(_name(dim, loc), dim["score"], dim.get("target"), previous))
    return charts.bar_chart(bars, max_value=5, title=_("Company maturity by dimension"),
                            value_format="{:.2f}",  # as the table beside it
                            target_label=_("Target"), previous_label=_("Previous cycle"), empty_text=_("No data"))


def all_charts(pack: dict, loc: str) -> dict[str, Markup]:
    """Every chart the pack shows, keyed by section."""
    figures = {}
    if pack.get("targets"):
        figures["targets"] = targets_chart(pack["targets"], loc)
    if pack.get("maturity"):
        figures["maturity"] = maturity_chart(pack["maturity"], loc)
    return figures
