"""Change since last year per area, and a review's summary counts (pure, no app)."""
from hypothesis import given
from hypothesis import strategies as st

from cxgov.alignment.compare import RATING_ORDER, AreaRow, change, changes, last_ratings, match_key, summary

ratings = st.sampled_from(RATING_ORDER)


def test_ratings_order_from_misaligned_to_aligned():
    assert change("misaligned", "partly") == "improved"
    assert change("partly", "aligned") == "improved"
    assert change("aligned", "misaligned") == "worse"
    assert change("partly", "partly") == "same"


def test_an_area_without_a_rated_predecessor_is_new_and_an_unrated_one_has_no_change():
    assert change(None, "aligned") == "new"
    assert change(None, None) is None
    assert change("aligned", None) is None


def test_standard_areas_match_by_key_and_custom_areas_by_name():
    last = [AreaRow("opex", "", "misaligned"), AreaRow("custom", "Store  Layout", "partly")]
    current = [AreaRow("opex", "Operating costs", "partly"), AreaRow("custom", "store layout ", "partly"),
               AreaRow("custom", "Pricing", "aligned"), AreaRow("training", "", None)]
    assert changes(current, last) == [("misaligned", "improved"), ("partly", "same"), (None, "new"), (None, None)]


def test_a_custom_area_named_like_a_standard_key_does_not_match_it():
    assert match_key("custom", "opex") != match_key("opex", "")
    assert last_ratings([AreaRow("custom", "opex", "aligned")], [AreaRow("opex", "", "partly")]) == [None]


def test_summary_counts_ratings_conflicts_and_changes():
    counts = summary(["aligned", "partly", None, "misaligned", "partly"], ["conflicts", "neutral", "supports",
                                                                          "conflicts"],
                     ["improved", "same", None, "worse", "improved"])
    assert counts == {"aligned": 1, "partly": 2, "misaligned": 1, "unrated": 1, "conflicts": 2, "supports": 1,
                      "improved": 2, "worse": 1}


@given(ratings, ratings)
def test_change_is_antisymmetric(last, current):
    opposite = {"improved": "worse", "worse": "improved", "same": "same"}
    assert change(current, last) == opposite[change(last, current)]


@given(st.lists(st.one_of(st.none(), ratings)), st.lists(st.sampled_from(["supports", "neutral", "conflicts"])))
def test_every_area_is_counted_once(area_ratings, cells):
    counts = summary(area_ratings, cells)
    assert counts["aligned"] + counts["partly"] + counts["misaligned"] + counts["unrated"] == len(area_ratings)
    assert counts["conflicts"] + counts["supports"] <= len(cells)


@given(st.lists(st.tuples(st.sampled_from(["vision", "opex", "custom"]), st.text(max_size=8),
                          st.one_of(st.none(), ratings)), max_size=12))
def test_a_review_compared_with_itself_is_unchanged_wherever_rated(items):
    rows = [AreaRow(*item) for item in items]
    unique = list({match_key(r.key, r.name): r for r in rows}.values())
    for row, (was, what) in zip(unique, changes(unique, unique), strict=True):
        assert was == row.rating and what == (None if row.rating is None else "same")
