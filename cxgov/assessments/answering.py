"""Reading a submitted questionnaire: every value checked before anything is saved."""
from __future__ import annotations

from flask_babel import gettext as _

MAX_EVIDENCE = 2000
LEVEL_VALUES = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}


def parse_answers(form, practices) -> tuple[dict[int, tuple[int | None, bool, str]], dict[int, str]]:
    """{practice: (level, not_applicable, evidence)} for the practices answered, and errors by practice."""
    answers, errors = {}, {}
    for practice in practices:
        raw = (form.get(f"level-{practice.id}") or "").strip()
        evidence = (form.get(f"evidence-{practice.id}") or "").strip()
        if len(evidence) > MAX_EVIDENCE:
            errors[practice.id] = _("Evidence is longer than %(n)s characters.", n=MAX_EVIDENCE)
        elif raw == "na":
            answers[practice.id] = (None, True, evidence)
        elif raw in LEVEL_VALUES:
            answers[practice.id] = (LEVEL_VALUES[raw], False, evidence)
        elif raw:
            errors[practice.id] = _("Choose a level from 1 to 5, or not applicable.")
        elif evidence:
            answers[practice.id] = (None, False, evidence)
    return answers, errors


def missing_practices(practices, answers, existing) -> list:
    """Practices with neither a level nor 'not applicable' after this save (for submission)."""
    missing = []
    for practice in practices:
        level, na, _evidence = answers.get(practice.id, (None, False, ""))
        previous = existing.get(practice.id)
        if practice.id not in answers and previous is not None:
            level, na = previous.level, previous.not_applicable
        if level is None and not na:
            missing.append(practice)
    return missing
