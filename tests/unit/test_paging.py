"""One page of a long list of rows (cxgov.paging), the heatmap's rows and reach counted per department."""
from collections import Counter
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from cxgov import charts, paging
from cxgov.assessments import heatmap
from cxgov.workshops import metrics


def test_a_short_list_is_one_page_shown_whole():
    win = paging.window(list(range(9)), None)
    assert (win.items, win.page, win.pages, win.first, win.last) == (list(range(9)), 1, 1, 1, 9)
    assert not win.has_prev and not win.has_next


def test_the_second_page_of_two_hundred_rows():
    win = paging.window(list(range(200)), "2")
    assert win.items == list(range(25, 50)) and (win.page, win.pages, win.first, win.last, win.total) == (
        2, 8, 26, 50, 200)
    assert win.has_prev and win.has_next and (win.prev_num, win.next_num) == (1, 3)


def test_a_page_number_that_is_not_one_is_the_first_page_and_one_beyond_the_end_the_last():
    rows = list(range(60))
    for raw in ("0", "-1", "abc", "", None, "2.5", "²", "9" * 5000):
        assert paging.window(rows, raw).page == 1
    last = paging.window(rows, "99")
    assert (last.page, last.items, last.has_next) == (3, list(range(50, 60)), False)


def test_an_empty_list_is_one_empty_page():
    win = paging.window([], "3")
    assert (win.items, win.page, win.pages, win.first, win.last) == ([], 1, 1, 0, 0)


@given(st.integers(0, 400), st.integers(1, 30), st.integers(-5, 50))
def test_the_pages_show_every_row_once_in_order(total, per_page, asked):
    rows = list(range(total))
    pages = paging.window(rows, 1, per_page).pages
    assert [r for n in range(1, pages + 1) for r in paging.window(rows, n, per_page).items] == rows
    win = paging.window(rows, asked, per_page)
    assert 1 <= win.page <= pages and len(win.items) <= per_page
    assert win.items == rows[win.first - 1:win.last] if win.items else win.first == win.last == 0


def test_a_heatmap_row_shows_each_score_with_one_decimal_and_its_colours():
    res = SimpleNamespace(scores={"a": 2.345, "b": None}, calibrated={"a": 2.345}, overall=2.345)
    result = SimpleNamespace(departments={1: res})
    rows = heatmap.rows([SimpleNamespace(id=1), SimpleNamespace(id=2)], result, ["a", "b"])
    first, second = rows
    assert [c.text for c in first.cells] == ["2.3", None] and first.cells[0].calibrated
    assert first.cells[0].background == charts.heat_color(2.345)
    assert first.cells[1].background == charts.heat_color(None)
    assert first.overall.text == "2.3" and first.overall.color == charts.heat_text_color(2.345)
    assert [c.text for c in second.cells] == [None, None] and second.overall.text is None  # no answers


@given(st.dictionaries(st.integers(1, 30), st.one_of(st.none(), st.integers(1, 6)), max_size=40),
       st.dictionaries(st.one_of(st.none(), st.integers(1, 6)), st.integers(0, 9)))
def test_reach_from_counts_per_department_is_reach_from_the_people_who_came(came, others):
    employees = Counter(came.values()) + Counter(others)  # everyone who came is one of the employees
    assert metrics.reach_counts(employees, Counter(came.values())) == metrics.reach_of(employees, came)
