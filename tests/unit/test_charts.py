"""The SVG charts, parsed back as XML and checked for geometry, content and safety."""
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxgov import charts
from cxgov.charts import Bar, Series, bar_chart, heat_color, heat_text_color, line_chart, radar_chart, sparkline
from cxgov.charts import stacked_bar_chart as stacked

NS = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert(1)</script>"
MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]
AXES = ["客户洞察与聆听", "Journey design", "服务设计", "Culture", "Measurement & ROI", "治理"]


def parse(svg):
    """The SVG as an element tree (fails the test if it is not well-formed XML)."""
    return ET.fromstring(str(svg))


def find(root, tag, **attrs):
    """Descendants with the given tag whose attributes match (underscores in names stand for dashes)."""
    wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
    return [el for el in root.iter(NS + tag) if all(el.get(k) == v for k, v in wanted.items())]


def texts(root):
    """Every text element's content, in document order."""
    return [el.text for el in root.iter(NS + "text")]


def points(el):
    """A polygon's or polyline's points as (x, y) floats."""
    return [tuple(map(float, p.split(","))) for p in el.get("points").split()]


def flat(pairs):
    """Points as one flat list of coordinates, for pytest.approx."""
    return [c for pair in pairs for c in pair]


def sample_charts():
    """One chart of every kind with data in it, keyed by name."""
    return {
        "bar": bar_chart([Bar("客户洞察与聆听", 3.2, 3.5, 2.8), Bar("Journey", None, 4.0)], title="Scores"),
        "radar": radar_chart(AXES, [Series("Dept", [3, 4, None, 2, 5, 1]), Series("目标", [4] * 6, dashed=True)]),
        "line": line_chart(MONTHS, [Series("Rate", [60, 70, None, 80, 85, 90, 91, 92, 93, 94, 95, 96])]),
        "stacked": stacked(MONTHS[:3], [Series("Achieved", [3, 4, 5]), Series("Missed", [1, None, 2])]),
        "sparkline": sparkline([3, 4, None, 4.5, 5]),
    }


@pytest.mark.parametrize("name", sorted(sample_charts()))
def test_every_chart_is_one_self_contained_svg(name):
    svg = sample_charts()[name]
    root = parse(svg)
    assert root.tag == NS + "svg"
    assert re.fullmatch(r"0 0 \d+(\.\d)? \d+(\.\d)?", root.get("viewBox"))
    assert root.get("role") == "img" and root.get("aria-label")
    assert root[0].tag == NS + "title" and root[0].text == root.get("aria-label")
    assert "WenQuanYi Micro Hei" in root.get("font-family")
    assert root.get("width") == ("120" if name == "sparkline" else "100%")
    for forbidden in ("<script", "<style", "class=", "href", "url("):
        assert forbidden not in svg
    assert svg.count("http") == 1 and 'xmlns="http://www.w3.org/2000/svg"' in svg


@pytest.mark.parametrize("name", sorted(sample_charts()))
def test_output_is_deterministic_and_rounded_to_one_decimal(name):
    svg = sample_charts()[name]
    assert svg == sample_charts()[name]
    numbers = re.findall(r"-?\d+\.\d+", re.sub(r'font-family="[^"]*"', "", svg))
    assert numbers and all(len(n.split(".")[1]) == 1 for n in numbers)


def test_a_bar_twice_the_value_is_twice_as_wide():
    root = parse(bar_chart([Bar("a", 4.0), Bar("b", 2.0), Bar("c", 5.0)]))
    widths = [float(r.get("width")) for r in find(root, "rect", fill=charts.TEAL)]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.2)
    assert widths[2] == pytest.approx(widths[1] * 2.5, abs=0.2)


def test_target_tick_and_previous_marker_sit_at_their_values():
    root = parse(bar_chart([Bar("a", 5.0, target=3.5, previous=2.0)], max_value=5.0))
    bar = find(root, "rect", fill=charts.TEAL)[0]
    x0, per_unit = float(bar.get("x")), float(bar.get("width")) / 5.0
    tick = find(root, "line", stroke=charts.RED)[-1]  # the first red line is the legend swatch
    assert float(tick.get("x1")) == float(tick.get("x2")) == pytest.approx(x0 + 3.5 * per_unit, abs=0.15)
    marker = find(root, "polygon", fill=charts.MUTED)[-1]
    assert sum(x for x, _ in points(marker)) / 4 == pytest.approx(x0 + 2.0 * per_unit, abs=0.15)
    assert texts(root)[:2] == ["Target", "Previous"]


def test_bar_scale_has_a_grid_line_and_a_number_at_each_integer():
    root = parse(bar_chart([Bar("a", 2.5)], scale_labels={1: "Initial", 5: "Optimised"}))
    grid_x = sorted(float(line.get("x1")) for line in find(root, "line", stroke=charts.GRID))
    steps = [b - a for a, b in zip(grid_x, grid_x[1:], strict=False)]
    assert len(grid_x) == 6 and max(steps) - min(steps) <= 0.2  # evenly spaced, up to rounding
    assert {"0", "1", "2", "3", "4", "5", "Initial", "Optimised"} <= set(texts(root))


def test_a_missing_value_draws_no_bar_and_a_dash():
    root = parse(bar_chart([Bar("a", None, target=3.0), Bar("b", 1.0)]))
    assert len(find(root, "rect", fill=charts.TEAL)) == 1
    assert "–" in texts(root) and "1.0" in texts(root)


def test_bar_chart_grows_with_the_number_of_bars():
    heights = [float(parse(bar_chart([Bar(str(i), 1.0) for i in range(n)])).get("viewBox").split()[3])
               for n in (1, 5, 20)]
    assert heights == sorted(heights) and heights[2] - heights[1] == pytest.approx(15 * charts.BAR_ROW)


def test_long_labels_are_cut_with_an_ellipsis_and_kept_whole_in_a_tooltip():
    long_cjk, long_latin = "客户洞察与聆听" * 4, "Customer insight and listening programme"
    root = parse(bar_chart([Bar(long_cjk, 1.0), Bar(long_latin, 2.0), Bar("Short", 3.0)]))
    shown = texts(root)
    assert "Short" in shown and long_cjk not in shown and long_latin not in shown
    cut = [t for t in shown if t.endswith("…")]
    assert len(cut) == 2 and len(cut[0]) <= 18 and len(cut[1]) <= 28
    assert {t.text for t in root.iter(NS + "title")} >= {long_cjk, long_latin}


def test_radar_polygon_at_the_maximum_touches_the_outer_ring():
    root = parse(radar_chart(AXES, [Series("full", [5.0] * 6), Series("none", [None] * 6)], max_value=5.0))
    outer = find(root, "polygon", stroke=charts.MUTED)[0]
    full = find(root, "polygon", stroke=charts.SERIES_COLORS[0])[0]
    assert flat(points(full)) == pytest.approx(flat(points(outer)), abs=0.11)
    rings = find(root, "polygon", stroke=charts.GRID)
    assert len(rings) == 4  # levels 1..4 inside the outer ring at 5
    centre = find(root, "polygon", stroke=charts.SERIES_COLORS[1])[0]
    assert len(set(points(centre))) == 1  # None values are drawn at 0, i.e. all in the centre


def test_radar_draws_filled_first_series_dashed_target_and_a_legend():
    svg = radar_chart(AXES, [Series("本部门", [3, 4, 2, 2, 5, 1]), Series("Target", [4] * 6, color="#b3261e",
                                                                         dashed=True)])
    root = parse(svg)
    first, target = find(root, "polygon", stroke=charts.TEAL)[0], find(root, "polygon", stroke="#b3261e")[0]
    assert first.get("fill") == charts.TEAL and first.get("fill-opacity")
    assert target.get("fill") == "none" and target.get("stroke-dasharray")
    assert {"本部门", "Target", "客户洞察与聆听", "Journey design"} <= set(texts(root))


def test_radar_labels_are_anchored_away_from_the_centre():
    root = parse(radar_chart(["top", "right", "bottom", "left"], [Series("s", [1, 2, 3, 4])]))
    anchors = {el.text: el.get("text-anchor") for el in root.iter(NS + "text")}
    assert anchors["top"] == anchors["bottom"] == "middle"
    assert (anchors["right"], anchors["left"]) == ("start", "end")


def test_radar_refuses_too_few_axes_or_mismatched_series():
    with pytest.raises(ValueError):
        radar_chart(["a", "b"], [Series("s", [1, 2])])
    with pytest.raises(ValueError):
        radar_chart(["a", "b", "c"], [Series("s", [1, 2])])


def rgb(hex_color):
    """'#rrggbb' as a tuple of ints."""
    return tuple(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))


def test_heat_colours_run_from_pale_warm_to_teal():
    assert heat_color(1.0) == "#fbe7e5" and heat_color(5.0) == "#0f5c63"
    assert heat_color(0) == heat_color(1) and heat_color(9) == heat_color(5)  # clamped
    assert heat_color(None) == "#eef0f2"
    assert heat_text_color(5.0) == "#ffffff" and heat_text_color(1.0) == "#1d2733"
    assert heat_text_color(None) == "#1d2733"
    assert heat_color(50, low=0, high=100) == heat_color(3.0)


@given(st.floats(0, 6), st.floats(0, 6))
def test_heat_colour_darkens_monotonically(a, b):
    low, high = sorted((a, b))
    assert re.fullmatch(r"#[0-9a-f]{6}", heat_color(low))
    assert rgb(heat_color(low))[0] >= rgb(heat_color(high))[0]
    assert rgb(heat_color(low))[2] >= rgb(heat_color(high))[2]


def test_line_chart_breaks_at_none_and_dots_every_value():
    root = parse(line_chart(["a", "b", "c", "d", "e"], [Series("s", [1, 2, None, 3, 4])]))
    lines = find(root, "polyline")
    assert [len(points(line)) for line in lines] == [2, 2]
    dots = find(root, "circle")
    assert len(dots) == 4
    ys = [float(d.get("cy")) for d in dots]
    assert ys == sorted(ys, reverse=True)  # larger values are higher up
    assert {"a", "b", "c", "d", "e"} <= set(texts(root))


def test_line_chart_has_round_y_ticks_and_a_legend_only_for_several_series():
    one = parse(line_chart(MONTHS, [Series("Rate", [62 + 3 * i for i in range(12)])], value_format="{:.0f}%"))
    ticks = [t for t in texts(one) if t.endswith("%")]
    assert 4 <= len(ticks) <= 6 and ticks[0] == "60%" and ticks[-1] == "100%"
    assert "Rate" not in texts(one)
    two = parse(line_chart(MONTHS, [Series("Rate", [50] * 12), Series("Goal", [80] * 12, dashed=True)]))
    assert {"Rate", "Goal"} <= set(texts(two)) and find(two, "polyline", stroke_dasharray=charts.DASH)


def test_line_chart_keeps_given_bounds():
    root = parse(line_chart(["a", "b"], [Series("s", [20, 120])], min_value=0, max_value=100))
    labels = [t for t in texts(root) if t.isdigit()]
    assert labels[0] == "0" and labels[-1] == "100"
    tops = [float(d.get("cy")) for d in find(root, "circle")]
    grid_top = min(float(line.get("y1")) for line in find(root, "line", stroke=charts.GRID))
    assert tops[1] == pytest.approx(grid_top)  # 120 is clamped onto the 100 line


def test_stacked_segments_are_proportional_with_totals_on_top():
    root = parse(stacked(["Jan", "Feb"], [Series("Achieved", [4, 2]), Series("Missed", [2, None])]))
    achieved = [float(r.get("height")) for r in find(root, "rect", fill=charts.STACK_COLORS[0]) if r.get("stroke")]
    missed = [float(r.get("height")) for r in find(root, "rect", fill=charts.STACK_COLORS[1]) if r.get("stroke")]
    assert achieved[0] == pytest.approx(2 * achieved[1], abs=0.2)
    assert len(missed) == 1 and missed[0] == pytest.approx(achieved[1], abs=0.2)
    shown = texts(root)
    assert {"Achieved", "Missed", "Jan", "Feb", "6", "2"} <= set(shown)


def test_stacked_colours_can_be_chosen():
    root = parse(stacked(["Jan"], [Series("a", [1]), Series("b", [2], color="#123456")], colors=["#abcdef"]))
    assert find(root, "rect", fill="#abcdef") and find(root, "rect", fill="#123456")


def test_sparkline_is_small_textless_and_breaks_at_none():
    root = parse(sparkline([1, 2, None, 3, 4], width=100, height=20))
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("100", "20", "0 0 100 20")
    assert texts(root) == [] and len(find(root, "polyline")) == 2 and len(find(root, "circle")) == 1
    flat = parse(sparkline([2, 2, 2], height=20))
    assert {y for _, y in points(find(flat, "polyline")[0])} == {10.0}


@pytest.mark.parametrize("make", [
    lambda **kw: bar_chart([], **kw),
    lambda **kw: bar_chart([Bar("a", None), Bar("b", None)], **kw),
    lambda **kw: radar_chart([], [], **kw),
    lambda **kw: radar_chart(AXES, [Series("s", [None] * 6)], **kw),
    lambda **kw: line_chart([], [], **kw),
    lambda **kw: line_chart(MONTHS, [Series("s", [None] * 12)], **kw),
    lambda **kw: stacked([], [], **kw),
    lambda **kw: stacked(["a"], [Series("s", [None])], **kw),
    lambda **kw: sparkline([], **kw),
    lambda **kw: sparkline([None, None], **kw),
])
def test_no_data_gives_a_frame_with_the_empty_text(make):
    assert texts(parse(make())) == ["No data"]
    root = parse(make(empty_text="暂无数据 & <none>"))
    assert texts(root) == ["暂无数据 & <none>"] and len(find(root, "rect")) == 1


@pytest.mark.parametrize("make", [
    lambda t: bar_chart([Bar(t, 1.0, 2.0)], title=t, target_label=t, scale_labels=[t] * 6),
    lambda t: radar_chart([t, "b", "c"], [Series(t, [1, 2, 3])], title=t),
    lambda t: line_chart([t, "b"], [Series(t, [1, 2]), Series("x", [2, 3])], title=t),
    lambda t: stacked([t, "b"], [Series(t, [1, 2])], title=t),
    lambda t: sparkline([1, 2], label=t),
])
@pytest.mark.parametrize("label", [EVIL, "A & B", 'say "hi"'])
def test_user_text_is_escaped(make, label):
    svg = str(make(label))
    root = parse(svg)
    assert "<script" not in svg and "alert(1)</" not in svg
    if label == EVIL:
        assert "&lt;script&gt;" in svg
    if label == "A & B":
        assert "A &amp; B" in svg and "A & B" not in svg
    assert root.get("aria-label") == label or label in [t.text for t in root.iter(NS + "title")] + texts(root)


@given(st.lists(st.one_of(st.none(), st.floats(0, 5)), min_size=1, max_size=15))
def test_any_bar_values_give_widths_proportional_to_value(values):
    root = parse(bar_chart([Bar(f"item {i}", v) for i, v in enumerate(values)]))
    widths = [float(r.get("width")) for r in find(root, "rect", fill=charts.TEAL)]
    shown = [v for v in values if v is not None]
    assert len(widths) == len(shown)
    if widths:
        per_unit = max(widths) / max(max(shown), 1e-9) if max(shown) > 0.5 else None
        for width, value in zip(widths, shown, strict=True):
            assert per_unit is None or width == pytest.approx(value * per_unit, abs=0.3)
