"""Every refusal the gates of actions, workshops, reviews, alignment and the team raise has a wording."""
import importlib
import re
from pathlib import Path

import pytest

from cxgov import rules

PACKAGE = Path(__file__).resolve().parents[2] / "cxgov"
FEATURES = ("actions", "workshops", "reviews", "alignment", "teams")
# Refusal("code" …), Invalid({"field": "code"} …) and a problem code assigned to a field or returned by a check.
RAISED = re.compile(r'Refusal\(f?"([a-z_]+)"|Invalid\(\{"[a-z_]+": "([a-z_]+)"|problems\["[a-z_]+"\] = "([a-z_]+)"'
                    r'|return "([a-z_]+)", \{|return \("([a-z_]+)", \{|return "([a-z_]+)" if')
GATES = ("operations", "team_operations", "validation")  # the modules that hold the gates
# Codes built from a state (f"review_not_{state}"), by the states they are raised for.
BY_STATE = {"reviews": {"review_not_planned", "review_not_in_meeting"},
            "alignment": {"alignment_not_draft", "alignment_not_in_review"}}


def _raised(feature: str) -> set[str]:
    """The codes written in a feature's gates."""
    codes = set()
    for path in (PACKAGE / feature).glob("*.py"):
        if path.stem not in GATES:
            continue
        for match in RAISED.finditer(path.read_text(encoding="utf-8")):
            codes |= {group for group in match.groups() if group}
    return codes


@pytest.mark.parametrize("feature", FEATURES)
def test_every_code_a_gate_raises_is_worded(feature):
    for module in (f"cxgov.{feature}.labels", "cxgov.texts"):
        importlib.import_module(module)
    codes = _raised(feature)
    assert len(codes) > 5, "the pattern finds the feature's refusals"
    codes = {c for c in codes if not c.endswith("_not_")} | BY_STATE.get(feature, set())
    assert sorted(c for c in codes if not rules.is_worded(c)) == []
