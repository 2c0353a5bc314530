"""The annual report's charts, from the shared chart module (the page and the PDF draw the same SVG)."""
from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from cxgov import charts


def _pct(value: float | None) -> float | None:
    """A share as a percentage."""
    return None if value is None else value * 100


def maturity_trend(cycles: list[dict]) -> Markup:
    """Company maturity over the full cycles (a partial cycle is not a company figure), in the order they ran."""
    cycles = [c for c in cycles if c["full"]]
    series = [charts.Series(_("Company score"), [c["overall"] for c in cycles])]
    return charts.line_chart([c["name"] for c in cycles], series, min_value=1, max_value=5, value_format="{:.2f}",
                             title=_("Company maturity, cycle by cycle"), empty_text=_("No published assessment yet"))


def maturity_dimensions(current: dict | None, before: dict) -> Markup:
    """This year's company score per dimension against target, with last year's (like for like: `before`)."""
    if current is None:
        return charts.bar_chart([], title=_("Maturity by dimension"), empty_text=_("No published assessment this year"))
    bars = [charts.Bar(d["name"], d["score"], d.get("target"), before.get(d["code"])) for d in current["dimensions"]]
    return charts.bar_chart(bars, max_value=5, title=_("Maturity by dimension: this year against last year"),
                            value_format="{:.2f}",  # as the table beside it
                            target_label=_("Target"), previous_label=_("Last year"), empty_text=_("No data"))


def monthly_achievement(months: list[str], rates: list[float | None]) -> Markup:
    """Share of the company's targets achieved, month by month."""
    return charts.line_chart(months, [charts.Series(_("Targets achieved"), [_pct(r) for r in rates])], min_value=0,
                             max_value=100, value_format="{:.0f}%", title=_("Targets achieved per month, company"),
                             empty_text=_("No targets this year"))


def department_profile(dimensions: list[dict], scores: dict | None, name: str) -> Markup:
    """A department's maturity profile against the company's."""
    if not scores or len(dimensions) < 3:
        return charts.radar_chart([], [], title=name, empty_text=_("Not assessed this year"))
    return charts.radar_chart([d["name"] for d in dimensions], [
        charts.Series(name, [scores["scores"].get(d["code"]) for d in dimensions]),
        charts.Series(_("Company"), [d["score"] for d in dimensions], dashed=True)], max_value=5)


def _profile_dimensions(maturity: dict) -> list[dict]:
    """The axes of the department profiles: the company cycle's dimensions, or the year's latest partial cycle's
    (a department assessed only in a partial cycle still has its profile; that cycle is no company figure)."""
    if maturity["current"]:
        return maturity["current"]["dimensions"]
    latest = maturity["in_year"][-1] if maturity["in_year"] else None
    return [{**d, "score": None} for d in latest["dimensions"]] if latest else []


def all_charts(data: dict, cards: list[dict] | None = None) -> dict:
    """Every chart of the report, keyed by name (department profiles by department id); the departments' charts
    only for `cards` when given (the page shows a page of scorecards at a time, the PDF all of them)."""
    maturity = data["maturity"]
    dims = _profile_dimensions(maturity)
    cards = data["scorecards"] if cards is None else cards
    return {
        "trend": maturity_trend(maturity["cycles"]),
        "dimensions": maturity_dimensions(maturity["current"], maturity["before"]),
        "monthly": monthly_achievement(data["months"], data["targets"]["by_month"]),
        "profiles": {card["department"].id: department_profile(dims, card["maturity"], card["name"])
                     for card in cards},
        "sparks": {card["department"].id: charts.sparkline([_pct(m["rate"]) for m in card["months"]],
                                                           label=_("Targets achieved per month"))
                   for card in cards},
    }
