"""Inline SVG charts shared by the HTML pages and the PDF reports (pure: no Flask, no database).

Each chart function takes plain values and returns one ``<svg>`` element as
``Markup``. We draw our own instead of using pygal because its SVG loads
external JavaScript and leans on CSS that WeasyPrint partly ignores: here every
style is a presentation attribute, there is no script and no external
reference, coordinates are rounded to one decimal (same input, same bytes), and
all user text is escaped. The module is longer than our usual ~300 lines on
purpose: the HTML pages and the PDFs must share one chart module.
"""
from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

TEAL, TEAL_2, ORANGE, RED = "#0f5c63", "#137a84", "#d9822b", "#b3261e"
MUTED, GRID, TEXT, MUTED_TEXT = "#9aa5b1", "#e1e5ea", "#1d2733", "#5f6b7a"
WHITE, NO_VALUE = "#ffffff", "#eef0f2"
SERIES_COLORS = (TEAL, ORANGE, TEAL_2, MUTED, RED)
STACK_COLORS = (TEAL, TEAL_2, ORANGE, RED, MUTED)
# Heatmap stops: pale warm → pale yellow → light teal → brand teal; red and blue only ever fall.
HEAT_STOPS = ((0.0, (251, 231, 229)), (0.5, (249, 240, 198)), (0.75, (140, 199, 194)), (1.0, (15, 92, 99)))
FONT_FAMILY = "'WenQuanYi Micro Hei','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
DASH = "5 4"
WIDTH, PAD, TITLE_H, LEGEND_ROW = 640, 12, 24, 18
BAR_ROW, BAR_H, LABEL_UNITS = 30, 14, 18
RADAR_W, RADAR_R, RADAR_LABEL_UNITS, LINE_H = WIDTH, 140, 14, 14
PLOT_H = 180

Swatch = Callable[[float, float], Markup]


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: a value with an optional target and previous value."""

    label: str
    value: float | None
    target: float | None = None
    previous: float | None = None


@dataclass(frozen=True)
class Series:
    """A named list of values (None = missing) drawn in one colour."""

    name: str
    values: Sequence[float | None]
    color: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class _Scale:
    """A linear map of values lo..hi onto pixels a..b; values outside are clamped."""

    lo: float
    hi: float
    a: float
    b: float

    def __call__(self, value: float) -> float:
        """The pixel position of a value."""
        clamped = min(max(value, self.lo), self.hi)
        return self.a + (clamped - self.lo) / (self.hi - self.lo) * (self.b - self.a)


# --- SVG building blocks -------------------------------------------------------------------------

def _num(x: float) -> str:
    """A number rounded to one decimal, without a trailing '.0' or a '-0'."""
    text = f"{round(x, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _attrs(attrs: dict) -> str:
    """Attribute text: floats rounded, '_' in names written as '-', None left out."""
    parts = []
    for name, value in attrs.items():
        if value is not None:
            shown = _num(value) if isinstance(value, float) else value
            parts.append(f' {name.replace("_", "-")}="{escape(shown)}"')
    return "".join(parts)


def _el(tag: str, content: str = "", **attrs) -> Markup:
    """One SVG element; plain-string content is escaped, Markup content is kept."""
    if not content:
        return Markup(f"<{tag}{_attrs(attrs)}/>")  # nosec B704  # _attrs escapes every value
    return Markup(f"<{tag}{_attrs(attrs)}>{escape(content)}</{tag}>")  # nosec B704  # escaped


def _text(x: float, y: float, text: str, *, size: float = 12, fill: str = TEXT,
          anchor: str | None = None, weight: str | None = None) -> Markup:
    """A text element; y is the baseline (WeasyPrint ignores most baseline options)."""
    return _el("text", text, x=float(x), y=float(y), font_size=size, fill=fill, text_anchor=anchor,
               font_weight=weight)


def _line(x1: float, y1: float, x2: float, y2: float, color: str, width: float = 1, dash: str | None = None) -> Markup:
    """A straight line."""
    return _el("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), stroke=color,
               stroke_width=width, stroke_dasharray=dash)


def _points(points: Sequence[tuple[float, float]]) -> str:
    """The points attribute of a polygon or polyline."""
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


def _svg(width: float, height: float, label: str, body: str, *, fixed: bool = False) -> Markup:
    """The outer element: scales to its container (or keeps its size), with an accessible name."""
    # A sparkline keeps its pixel size: at width 100% it would fill a whole table cell.
    size = f'width="{_num(width)}" height="{_num(height)}"' if fixed else 'width="100%"'
    head = (f'<svg xmlns="{SVG_NS}" viewBox="0 0 {_num(width)} {_num(height)}" {size} role="img"'
            f' aria-label="{escape(label)}" font-family="{FONT_FAMILY}">')
    return Markup(f"{head}<title>{escape(label)}</title>{body}</svg>")  # nosec B704  # body is Markup


def _empty(width: float, height: float, label: str, empty_text: str, *, size: float = 13,
           fixed: bool = False) -> Markup:
    """A framed chart area that only says there is nothing to show."""
    frame = _el("rect", x=0.5, y=0.5, width=float(width - 1), height=float(height - 1), rx=4, fill="none",
                stroke=GRID)
    note = _text(width / 2, height / 2 + size * 0.35, empty_text, size=size, fill=MUTED_TEXT, anchor="middle")
    return _svg(width, height, label, frame + note, fixed=fixed)


def _title(title: str) -> Markup:
    """The visible chart title, or nothing."""
    return _text(PAD, PAD + 14, title, size=14, weight="bold") if title else Markup()


# --- text measuring ------------------------------------------------------------------------------

def _is_wide(char: str) -> bool:
    """CJK and other full-width characters take a whole em."""
    return unicodedata.east_asian_width(char) in "WF"


def _text_width(text: str, size: float) -> float:
    """Estimated rendered width; we cannot measure fonts, so err on the wide side."""
    return sum(size if _is_wide(ch) else size * 0.6 for ch in text)


def _units(text: str) -> float:
    """Length counted in CJK characters; a Latin one counts 0.64 (28 of them ≈ 18 CJK)."""
    return sum(1.0 if _is_wide(ch) else 0.64 for ch in text)


def _truncate(text: str, units: float) -> str:
    """Shorten text to about `units` CJK characters, ending with an ellipsis."""
    if _units(text) <= units:
        return text
    kept = ""
    for ch in text:
        if _units(kept + ch) > units - 1:
            break
        kept += ch
    return kept.rstrip() + "…"


def _tokens(text: str) -> list[str]:
    """Pieces a line may break after: a word with its trailing space, or one CJK character."""
    tokens = [""]
    for ch in text:
        tokens[-1] += ch
        if ch.isspace() or _is_wide(ch):
            tokens.append("")
    return [t for t in tokens if t]


def _wrap(text: str, units: float, max_lines: int = 2) -> list[str]:
    """Break text into at most `max_lines` lines of about `units` CJK characters; the last is truncated."""
    lines = [""]
    for token in _tokens(text):
        if lines[-1].strip() and _units(lines[-1] + token.rstrip()) > units and len(lines) < max_lines:
            lines.append("")
        lines[-1] += token
    return [_truncate(line.strip(), units) for line in lines]


def _label(x: float, y: float, text: str, units: float, **style) -> Markup:
    """Text shortened to fit, keeping the full text as a tooltip."""
    short = _truncate(text, units)
    node = _text(x, y, short, **style)
    # A <title> inside <text> would be drawn by WeasyPrint, so it goes on a wrapping group.
    return node if short == text else _el("g", _el("title", text) + node)


def _fmt(value: float) -> str:
    """A number with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# --- scales and legends --------------------------------------------------------------------------

def _nice_ticks(lo: float, hi: float, *, integer: bool = False) -> list[float]:
    """Four to six round tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering lo..hi."""
    hi = hi if hi > lo else lo + 1
    raw = (hi - lo) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in steps if m * magnitude >= raw)
    step = max(step, 1) if integer else step
    first = math.floor(lo / step + 1e-9) * step
    count = math.ceil((hi - first) / step - 1e-9)
    return [round(first + i * step, 9) for i in range(count + 1)]


def _scale_ticks(lo: float, hi: float) -> list[float]:
    """Every integer on a short scale such as 0–5; round ticks on a long one."""
    if hi - lo <= 12:
        return [float(i) for i in range(math.ceil(lo), math.floor(hi) + 1)]
    return [t for t in _nice_ticks(lo, hi) if lo <= t <= hi]


def _scale_label(scale_labels, index: int, tick: float) -> str:
    """The name of a scale point, from a mapping by value or a list in tick order."""
    if isinstance(scale_labels, Mapping):
        return str(scale_labels.get(int(tick), scale_labels.get(tick, "")))
    return str(scale_labels[index]) if index < len(scale_labels) else ""


def _legend(entries: Sequence[tuple[Swatch, str]], x: float, y: float, width: float,
            *, center: bool = False) -> tuple[Markup, float]:
    """Legend items (swatch, name) wrapped into rows below y; returns the markup and its height."""
    if not entries:
        return Markup(), 0.0
    rows: list[list[tuple[Swatch, str, float]]] = [[]]
    for swatch, name in entries:
        item_w = 20 + _text_width(_truncate(name, 16), 11) + 16
        if rows[-1] and sum(w for *_, w in rows[-1]) + item_w > width:
            rows.append([])
        rows[-1].append((swatch, name, item_w))
    parts = []
    for i, row in enumerate(rows):
        cx = x + (width - sum(w for *_, w in row) + 16) / 2 if center else x
        cy = y + i * LEGEND_ROW + LEGEND_ROW / 2
        for swatch, name, item_w in row:
            parts.append(swatch(cx, cy) + _label(cx + 20, cy + 4, name, 16, size=11))
            cx += item_w
    return Markup("").join(parts), len(rows) * LEGEND_ROW


def _box_swatch(color: str) -> Swatch:
    """A filled square legend swatch."""
    return lambda x, y: _el("rect", x=float(x), y=float(y - 6), width=14, height=12, rx=2, fill=color)


def _line_swatch(color: str, dashed: bool = False) -> Swatch:
    """A short line legend swatch, dashed like its series."""
    return lambda x, y: _line(x, y, x + 16, y, color, 2.5, DASH if dashed else None)


def _tick_swatch(color: str) -> Swatch:
    """A vertical tick legend swatch (targets)."""
    return lambda x, y: _line(x + 7, y - 7, x + 7, y + 7, color, 2.5)


def _diamond(x: float, y: float, r: float = 5) -> Markup:
    """The grey marker of a previous value."""
    corners = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    return _el("polygon", points=_points(corners), fill=MUTED, stroke=WHITE, stroke_width=1)


def _series_color(series: Series, index: int, palette: Sequence[str]) -> str:
    """The colour a series asks for, else the palette's next one."""
    return series.color or palette[index % len(palette)]


def _has_data(values) -> bool:
    """True when at least one value is a number."""
    return any(v is not None for v in values)


def _check_lengths(series: Sequence[Series], expected: int, what: str) -> None:
    """Refuse series whose number of values does not match the categories."""
    for s in series:
        if len(s.values) != expected:
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {expected} {what}")


# --- horizontal bars -----------------------------------------------------------------------------

def bar_chart(bars: Sequence[Bar], *, max_value: float = 5.0, min_value: float = 0.0, title: str = "",
              value_format: str = "{:.1f}", scale_labels: Sequence[str] | Mapping | None = None,
              target_label: str = "Target", previous_label: str = "Previous", empty_text: str = "No data") -> Markup:
    """Horizontal bars, one row per item, with target ticks, previous-value markers and a scale below."""
    bars, label = list(bars), title or "Bar chart"
    if not any(_has_data((b.value, b.target, b.previous)) for b in bars):
        return _empty(WIDTH, 120, label, empty_text)
    if max_value <= min_value:
        raise ValueError("max_value must be greater than min_value")
    entries = [(_tick_swatch(RED), target_label)] if any(b.target is not None for b in bars) else []
    if any(b.previous is not None for b in bars):
        entries.append((lambda x, y: _diamond(x + 7, y), previous_label))
    legend, legend_h = _legend(entries, PAD, PAD + (TITLE_H if title else 0), WIDTH - 2 * PAD)
    top = PAD + (TITLE_H if title else 0) + legend_h + 6
    label_w = min(max(_text_width(_truncate(b.label, LABEL_UNITS), 12) for b in bars), LABEL_UNITS * 12)
    scale = _Scale(min_value, max_value, PAD + label_w + 10, WIDTH - 56)
    bottom = top + len(bars) * BAR_ROW
    rows = [_bar_row(bar, scale, top + (i + 0.5) * BAR_ROW, value_format) for i, bar in enumerate(bars)]
    body = _title(title) + legend + _bar_axis(scale, top, bottom, scale_labels) + Markup("").join(rows)
    return _svg(WIDTH, bottom + 24 + (14 if scale_labels else 0) + PAD, label, body)


def _bar_axis(scale: _Scale, top: float, bottom: float, scale_labels) -> Markup:
    """Vertical grid lines at each scale point, with numbers (and names) under the axis."""
    parts = []
    for i, tick in enumerate(_scale_ticks(scale.lo, scale.hi)):
        x = scale(tick)
        parts.append(_line(x, top, x, bottom, GRID))
        parts.append(_text(x, bottom + 15, _fmt(tick), size=10, fill=MUTED_TEXT, anchor="middle"))
        name = _scale_label(scale_labels, i, tick) if scale_labels else ""
        if name:
            spacing = (scale.b - scale.a) / max(scale.hi - scale.lo, 1)
            parts.append(_label(x, bottom + 29, name, (spacing - 4) / 10, size=10, fill=MUTED_TEXT, anchor="middle"))
    parts.append(_line(scale.a, bottom, scale.b, bottom, MUTED))
    return Markup("").join(parts)


def _bar_row(bar: Bar, scale: _Scale, cy: float, value_format: str) -> Markup:
    """One bar with its label, value, target tick and previous marker."""
    parts = [_label(scale.a - 8, cy + 4, bar.label, LABEL_UNITS, size=12, anchor="end")]
    end = scale.a
    if bar.value is not None:
        end = scale(bar.value)
        parts.append(_el("rect", x=float(scale.a), y=float(cy - BAR_H / 2), width=float(end - scale.a),
                         height=BAR_H, fill=TEAL))
    marks = []
    if bar.previous is not None:
        marks.append((scale(bar.previous) - 5, scale(bar.previous) + 5))
        parts.append(_diamond(scale(bar.previous), cy))
    if bar.target is not None:
        marks.append((scale(bar.target) - 1.5, scale(bar.target) + 1.5))
        parts.append(_line(scale(bar.target), cy - 11, scale(bar.target), cy + 11, RED, 2.5))
    shown = "–" if bar.value is None else value_format.format(bar.value)
    x = _clear_of(end + 6, _text_width(shown, 11), marks)
    parts.append(_text(x, cy + 4, shown, size=11, fill=TEXT if bar.value is not None else MUTED_TEXT))
    return Markup("").join(parts)


def _clear_of(x: float, width: float, marks: Sequence[tuple[float, float]]) -> float:
    """Where text of `width` can start at or right of x without covering any mark (left, right)."""
    for left, right in sorted(marks):
        if left <= x + width + 2 and right >= x - 2:
            x = right + 5
    return x


# --- radar ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Polar:
    """Where the spokes of a radar chart point."""

    cx: float
    cy: float
    radius: float
    spokes: int

    def point(self, index: int, fraction: float) -> tuple[float, float]:
        """The point at `fraction` of the radius on spoke `index` (spoke 0 points up)."""
        angle = -math.pi / 2 + 2 * math.pi * index / self.spokes
        return (self.cx + self.radius * fraction * math.cos(angle), self.cy + self.radius * fraction * math.sin(angle))

    @property
    def bottom(self) -> float:
        """The lowest point of the outer ring (a triangle reaches only half way down)."""
        return max(self.point(i, 1)[1] for i in range(self.spokes))


def radar_chart(axes: Sequence[str], series: Sequence[Series], *, max_value: float = 5.0, title: str = "",
                empty_text: str = "No data") -> Markup:
    """A radar (spider) chart: one polygon per series over 3–12 axes, with a legend."""
    axes, series, label = list(axes), list(series), title or "Radar chart"
    if not axes or not any(_has_data(s.values) for s in series):
        return _empty(RADAR_W, 240, label, empty_text)
    if not 3 <= len(axes) <= 12:
        raise ValueError("a radar chart needs 3 to 12 axes")
    _check_lengths(series, len(axes), "axes")
    top = PAD + (TITLE_H if title else 0) + 12 + 2 * LINE_H
    polar = _Polar(RADAR_W / 2, top + RADAR_R, RADAR_R, len(axes))
    entries = [(_line_swatch(_series_color(s, i, SERIES_COLORS), s.dashed), s.name) for i, s in enumerate(series)]
    legend_y = polar.bottom + 16 + 2 * LINE_H
    legend, legend_h = _legend(entries, PAD, legend_y, RADAR_W - 2 * PAD, center=True)
    shapes = [_radar_shape(polar, s, i, max_value) for i, s in enumerate(series)]
    body = (_title(title) + _radar_grid(polar, max_value) + _radar_labels(polar, tuple(axes))
            + Markup("").join(shapes) + legend)
    return _svg(RADAR_W, legend_y + legend_h + PAD, label, body)


@functools.lru_cache(maxsize=32)  # the same for every chart of a size: a report draws one per department
def _radar_grid(polar: _Polar, max_value: float) -> Markup:
    """Concentric polygons at each scale point, spokes, and the scale numbers along the top spoke."""
    levels = [t for t in _scale_ticks(0, max_value) if t > 0]
    levels += [max_value] if levels[-1:] != [max_value] else []
    parts = []
    for level in levels:
        ring = [polar.point(i, level / max_value) for i in range(polar.spokes)]
        parts.append(_el("polygon", points=_points(ring), fill="none", stroke=GRID if level < max_value else MUTED))
    for i in range(polar.spokes):
        parts.append(_line(polar.cx, polar.cy, *polar.point(i, 1), GRID))
    for level in levels:
        x, y = polar.point(0, level / max_value)
        parts.append(_text(x + 4, y + 11, _fmt(level), size=9, fill=MUTED_TEXT))
    return Markup("").join(parts)


@functools.lru_cache(maxsize=32)  # the same axes on every department's chart of a report
def _radar_labels(polar: _Polar, axes: tuple[str, ...]) -> Markup:
    """Axis names just outside the outer ring, anchored away from the centre, on up to two lines."""
    return Markup("").join(_radar_label(polar, i, name) for i, name in enumerate(axes))


def _radar_label(polar: _Polar, index: int, name: str) -> Markup:
    """One axis name; on paper there is no tooltip, so long names wrap before they are cut."""
    x, y = polar.point(index, 1 + 12 / polar.radius)
    dx, dy = x - polar.cx, y - polar.cy
    anchor = "middle" if abs(dx) < 1 else ("start" if dx > 0 else "end")
    room = RADAR_LABEL_UNITS if anchor == "middle" else (x - PAD if dx < 0 else RADAR_W - PAD - x) / 12
    lines = _wrap(name, min(room, RADAR_LABEL_UNITS))
    # Text grows up from its baseline: stack lines upwards above the ring, downwards below it.
    if abs(dy) < 0.3 * polar.radius:
        first = y + 4 - (len(lines) - 1) * LINE_H / 2
    else:
        first = y + 12 if dy > 0 else y - 2 - (len(lines) - 1) * LINE_H
    texts = Markup("").join(_text(x, first + i * LINE_H, line, size=12, anchor=anchor) for i, line in enumerate(lines))
    return texts if " ".join(lines) == name else _el("g", _el("title", name) + texts)


def _radar_shape(polar: _Polar, series: Series, index: int, max_value: float) -> Markup:
    """One series as a polygon; the first is filled, later ones are outlines (dashed on request)."""
    color = _series_color(series, index, SERIES_COLORS)
    fractions = [min(max(v or 0.0, 0.0), max_value) / max_value for v in series.values]
    corners = [polar.point(i, f) for i, f in enumerate(fractions)]
    shape = _el("polygon", points=_points(corners), fill=color if index == 0 else "none",
                fill_opacity="0.2" if index == 0 else None, stroke=color, stroke_width=2,
                stroke_dasharray=DASH if series.dashed else None, stroke_linejoin="round")
    dots = [] if series.dashed else [_el("circle", cx=float(x), cy=float(y), r=3, fill=color) for x, y in corners]
    return shape + Markup("").join(dots)


# --- heatmap colours -----------------------------------------------------------------------------

def _fraction(value: float, low: float, high: float) -> float:
    """Where value sits between low and high, clamped to 0..1."""
    if high == low:
        return 1.0 if value >= high else 0.0
    return min(max((value - low) / (high - low), 0.0), 1.0)


def heat_color(value: float | None, *, low: float = 1.0, high: float = 5.0) -> str:
    """Background colour of a heatmap cell: pale warm for low, through pale yellow, to teal for high."""
    if value is None:
        return NO_VALUE
    t = _fraction(value, low, high)
    for (t0, c0), (t1, c1) in zip(HEAT_STOPS, HEAT_STOPS[1:], strict=False):
        if t <= t1:
            mix = (t - t0) / (t1 - t0)
            return "#" + "".join(f"{round(a + (b - a) * mix):02x}" for a, b in zip(c0, c1, strict=True))
    raise AssertionError("unreachable: t is clamped to 0..1")


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def heat_text_color(value: float | None, *, low: float = 1.0, high: float = 5.0) -> str:
    """White or dark text, whichever contrasts more with heat_color(value)."""
    background = _luminance(heat_color(value, low=low, high=high))
    on_white = 1.05 / (background + 0.05)
    on_dark = (background + 0.05) / (_luminance(TEXT) + 0.05)
    return WHITE if on_white > on_dark else TEXT


# --- vertical plots: lines and stacked bars ------------------------------------------------------

@dataclass(frozen=True)
class _Plot:
    """The plotting area of a chart with categories along x and values up y."""

    x0: float
    x1: float
    y: _Scale
    count: int

    def x(self, index: int) -> float:
        """The centre of category `index`."""
        return self.x0 + (index + 0.5) * (self.x1 - self.x0) / self.count

    @property
    def slot(self) -> float:
        """The width given to one category."""
        return (self.x1 - self.x0) / self.count


def _plot_frame(labels: Sequence[str], ticks: Sequence[float], lo: float, hi: float, top: float,
                tick_text: Callable[[float], str]) -> tuple[_Plot, Markup]:
    """Lay out the plot area and draw its horizontal grid, y tick labels and x labels."""
    tick_w = max(_text_width(tick_text(t), 10) for t in ticks)
    plot = _Plot(PAD + tick_w + 8, WIDTH - PAD - 4, _Scale(lo, hi, top + PLOT_H, top), len(labels))
    parts = []
    for tick in ticks:
        y = plot.y(tick)
        parts.append(_line(plot.x0, y, plot.x1, y, GRID if tick != lo else MUTED))
        parts.append(_text(plot.x0 - 6, y + 3.5, tick_text(tick), size=10, fill=MUTED_TEXT, anchor="end"))
    shorts = [_truncate(text, 10) for text in labels]
    # Thin out crowded x labels (twelve months on a narrow chart) rather than let them overlap.
    every = max(1, math.ceil((max(_text_width(s, 10) for s in shorts) + 6) / plot.slot))
    for i, text in enumerate(labels):
        if i % every == 0:
            parts.append(_label(plot.x(i), top + PLOT_H + 15, text, 10, size=10, fill=MUTED_TEXT, anchor="middle"))
    return plot, Markup("").join(parts)


def _chart_top(title: str, entries: Sequence[tuple[Swatch, str]]) -> tuple[Markup, float]:
    """Title and legend above a plot; returns their markup and where the plot starts."""
    y = PAD + (TITLE_H if title else 0)
    legend, legend_h = _legend(entries, PAD, y, WIDTH - 2 * PAD)
    return _title(title) + legend, y + legend_h + 8


def line_chart(x_labels: Sequence[str], series: Sequence[Series], *, min_value: float | None = None,
               max_value: float | None = None, title: str = "", value_format: str = "{:.0f}",
               empty_text: str = "No data") -> Markup:
    """Lines with dots over categories (e.g. months); a None value breaks the line."""
    x_labels, series, label = list(x_labels), list(series), title or "Line chart"
    values = [v for s in series for v in s.values if v is not None]
    if not x_labels or not values:
        return _empty(WIDTH, 160, label, empty_text)
    _check_lengths(series, len(x_labels), "x labels")
    lo, hi, nice = _value_range(values, min_value, max_value)
    ticks = [t for t in nice if lo <= t <= hi]
    entries = [(_line_swatch(_series_color(s, i, SERIES_COLORS), s.dashed), s.name) for i, s in enumerate(series)]
    head, top = _chart_top(title, entries if len(series) > 1 else [])
    plot, frame = _plot_frame(x_labels, ticks, lo, hi, top, value_format.format)
    lines = [_line_series(plot, s, _series_color(s, i, SERIES_COLORS), x_labels, value_format)
             for i, s in enumerate(series)]
    return _svg(WIDTH, top + PLOT_H + 24 + PAD, label, head + frame + Markup("").join(lines))


def _value_range(values: Sequence[float], min_value: float | None,
                 max_value: float | None) -> tuple[float, float, list[float]]:
    """The y range of a line chart: given bounds win, otherwise round ticks around the data."""
    lo = min(values) if min_value is None else min_value
    hi = max(values) if max_value is None else max_value
    if min_value is not None and max_value is not None and max_value <= min_value:
        raise ValueError("max_value must be greater than min_value")
    if hi <= lo:  # one distinct value, or data beyond a one-sided bound: open the range away from the bound
        lo, hi = (lo, lo + 1) if min_value is not None else (hi - 1, hi + (0 if max_value is not None else 1))
    nice = _nice_ticks(lo, hi)
    lo = nice[0] if min_value is None else min_value
    hi = nice[-1] if max_value is None else max_value
    return lo, hi, nice


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """Indexes of the unbroken stretches of non-None values."""
    runs: list[list[int]] = [[]]
    for i, value in enumerate(values):
        if value is not None:
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _line_series(plot: _Plot, series: Series, color: str, x_labels: Sequence[str], value_format: str) -> Markup:
    """One series: a polyline per unbroken run, and a dot with a tooltip at each value."""
    parts = []
    for run in _runs(series.values):
        if len(run) > 1:
            corners = [(plot.x(i), plot.y(series.values[i])) for i in run]
            parts.append(_el("polyline", points=_points(corners), fill="none", stroke=color, stroke_width=2,
                             stroke_linejoin="round", stroke_dasharray=DASH if series.dashed else None))
        for i in run:
            tip = _el("title", f"{series.name} · {x_labels[i]}: {value_format.format(series.values[i])}")
            parts.append(_el("circle", tip, cx=float(plot.x(i)), cy=float(plot.y(series.values[i])), r=3.5,
                             fill=color, stroke=WHITE, stroke_width=1))
    return Markup("").join(parts)


def stacked_bar_chart(categories: Sequence[str], stacks: Sequence[Series], *, title: str = "",
                      colors: Sequence[str] | None = None, empty_text: str = "No data") -> Markup:
    """Vertical stacked bars (e.g. targets achieved / on track / at risk / missed per month) with totals."""
    categories, stacks, label = list(categories), list(stacks), title or "Stacked bar chart"
    if not categories or not any(_has_data(s.values) for s in stacks):
        return _empty(WIDTH, 160, label, empty_text)
    _check_lengths(stacks, len(categories), "categories")
    palette = list(colors or STACK_COLORS)
    fills = [_series_color(s, i, palette) for i, s in enumerate(stacks)]
    head, top = _chart_top(title, [(_box_swatch(c), s.name) for c, s in zip(fills, stacks, strict=True)])
    totals = [sum(max(s.values[i] or 0, 0) for s in stacks) for i in range(len(categories))]
    ticks = _nice_ticks(0, max(totals), integer=all(float(t).is_integer() for t in totals))
    # Leave headroom above the tallest bar for its total.
    plot, frame = _plot_frame(categories, ticks, 0, ticks[-1], top + 12, _fmt)
    columns = [_stack_column(plot, i, stacks, fills) for i in range(len(categories))]
    return _svg(WIDTH, top + 12 + PLOT_H + 24 + PAD, label, head + frame + Markup("").join(columns))


def _stack_column(plot: _Plot, index: int, stacks: Sequence[Series], fills: Sequence[str]) -> Markup:
    """One category's stacked segments, with the count inside when it fits and the total on top."""
    width = min(plot.slot * 0.6, 48)
    x, base, parts = plot.x(index) - width / 2, 0.0, []
    for stack, fill in zip(stacks, fills, strict=True):
        value = max(stack.values[index] or 0, 0)
        if value <= 0:
            continue
        y_top, y_bottom = plot.y(base + value), plot.y(base)
        # A white edge keeps neighbouring segments of similar colours apart.
        parts.append(_el("rect", _el("title", f"{stack.name}: {_fmt(value)}"), x=float(x), y=float(y_top),
                         width=float(width), height=float(y_bottom - y_top), fill=fill, stroke=WHITE,
                         stroke_width=1))
        if y_bottom - y_top >= 14 and width >= 16:
            parts.append(_text(plot.x(index), (y_top + y_bottom) / 2 + 3.5, _fmt(value), size=10, fill=WHITE,
                               anchor="middle"))
        base += value
    if _has_data(s.values[index] for s in stacks):
        parts.append(_text(plot.x(index), plot.y(base) - 5, _fmt(base), size=11, anchor="middle", weight="bold"))
    return Markup("").join(parts)


# --- sparkline -----------------------------------------------------------------------------------

def sparkline(values: Sequence[float | None], *, width: int = 120, height: int = 28, label: str = "Trend",
              color: str = TEAL, empty_text: str = "No data") -> Markup:
    """A tiny trend line for table cells: no text, a dot on the latest value, gaps for None."""
    values = list(values)
    numbers = [v for v in values if v is not None]
    if not numbers:
        return _empty(width, height, label, empty_text, size=9, fixed=True)
    lo, hi = min(numbers), max(numbers)
    flat = 0.0 if hi > lo else 0.5  # a flat series sits in the middle rather than on the floor
    xs = _Scale(0, max(len(values) - 1, 1), 3, width - 3)
    ys = _Scale(lo - flat, hi + flat, height - 3, 3)
    parts = []
    for run in _runs(values):
        if len(run) > 1:
            corners = [(xs(i), ys(values[i])) for i in run]
            parts.append(_el("polyline", points=_points(corners), fill="none", stroke=color, stroke_width=1.5,
                             stroke_linejoin="round"))
    last = max(i for i, v in enumerate(values) if v is not None)
    parts.append(_el("circle", cx=float(xs(last)), cy=float(ys(values[last])), r=2.5, fill=color))
    return _svg(width, height, label, Markup("").join(parts), fixed=True)
