"""Fixtures shared by the web tests."""
from datetime import date

import pytest


@pytest.fixture
def on_day(monkeypatch):
    """Set the rotation's today: on_day(date(2027, 1, 1))."""

    def set_day(day: date) -> None:
        monkeypatch.setattr("cxgov.clock.today", lambda: day)

    return set_day
