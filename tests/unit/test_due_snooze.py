"""What a snooze hides, computed without an app: until its date, never an overdue item."""
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cxgov.rhythm import due, inbox

DAY = date(2026, 12, 3)


def item(key: str, deadline: date | None) -> due.Item:
    return due.Item(person_id=1, kind=due.ACTION, key=key, deadline=deadline,
                    urgency=due.urgency(deadline, DAY), endpoint="actions.action")


def test_a_snooze_hides_until_its_date_and_lapses_on_it():
    soon = item("action:1", DAY + timedelta(days=10))
    until = DAY + timedelta(days=2)
    assert inbox.split([soon], {"action:1": until}, DAY) == ([], [inbox.Snoozed(soon, until)])
    assert inbox.split([soon], {"action:1": DAY}, DAY) == ([soon], [])


def test_an_overdue_item_is_never_hidden():
    late = item("action:2", DAY - timedelta(days=1))
    assert inbox.split([late], {"action:2": DAY + timedelta(days=5)}, DAY) == ([late], [])


def test_counts_name_every_urgency():
    items = [item("a", DAY - timedelta(days=1)), item("b", DAY), item("c", None)]
    assert inbox.counts(items) == {due.OVERDUE: 1, due.TODAY: 1, due.SOON: 0, due.LATER: 1}


def test_the_date_picker_stops_at_the_deadline_or_the_longest_snooze():
    assert inbox.snooze_bounds(item("a", DAY + timedelta(days=5)), DAY) == (DAY + timedelta(days=1),
                                                                           DAY + timedelta(days=5))
    assert inbox.snooze_bounds(item("b", None), DAY) == (DAY + timedelta(days=1),
                                                         DAY + timedelta(days=inbox.MAX_SNOOZE_DAYS))


@given(offsets=st.lists(st.one_of(st.none(), st.integers(-20, 40)), max_size=12),
       untils=st.lists(st.integers(-5, 40), max_size=12))
def test_split_loses_nothing_and_hides_no_overdue_item(offsets, untils):
    items = [item(f"k{i}", None if o is None else DAY + timedelta(days=o)) for i, o in enumerate(offsets)]
    snoozed = {f"k{i}": DAY + timedelta(days=u) for i, u in enumerate(untils)}
    shown, hidden = inbox.split(items, snoozed, DAY)
    assert sorted(i.key for i in shown + [s.item for s in hidden]) == sorted(i.key for i in items)
    assert all(s.item.urgency != due.OVERDUE and s.until > DAY for s in hidden)
