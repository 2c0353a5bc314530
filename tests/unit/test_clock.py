"""One clock: the package asks cxgov.clock for today and now, never the server's naive date."""
import re
from datetime import date, datetime
from pathlib import Path

from cxgov import clock

PACKAGE = Path(__file__).resolve().parents[2] / "cxgov"
TESTS = Path(__file__).resolve().parents[1]
NAIVE = re.compile(r"\bdate\.today\(\)|\bdatetime\.utcnow\(\)|\bdatetime\.now\(\s*\)")


def test_no_module_reads_the_servers_date():
    """Every rule about 'today' uses the organisation's day: a naive call anywhere fails here. The tests too:
    from 16:00 UTC the organisation's day (Shanghai) is already tomorrow, so a test that builds its
    data with the server's date and reads it through the app's day fails for eight hours a day."""
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{number}"
                 for folder in (PACKAGE, TESTS)
                 for path in folder.rglob("*.py") if path != Path(__file__).resolve()
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if NAIVE.search(line)]
    assert offenders == []


def test_today_is_the_organisations_day(monkeypatch):
    """At 20:00 UTC it is already the next day in Shanghai."""
    monkeypatch.setattr(clock, "now", lambda: datetime.fromisoformat("2026-11-30T20:00:00+00:00"))
    assert clock.today() == date(2026, 12, 1)


def test_now_is_aware():
    """The clock never hands out a naive moment."""
    assert clock.now().tzinfo is not None
