"""Reading the questionnaire form into answers; operations.save_answers judges every value."""
from __future__ import annotations

NOT_APPLICABLE = "na"


def _level(raw: str):
    """A typed level: digits become a number (1–5 or not, the gate decides); anything else stays as typed."""
    return int(raw) if raw.isdecimal() and len(raw) < 10 else raw  # not "²" (int() refuses it), nor 10**5000


def parse_answers(form, practices) -> dict[int, tuple[object, bool, str]]:
    """{practice: (level, not_applicable, evidence)} for the practices the form touched."""
    answers = {}
    for practice in practices:
        raw = (form.get(f"level-{practice.id}") or "").strip()
        evidence = (form.get(f"evidence-{practice.id}") or "").strip()
        if raw == NOT_APPLICABLE:
            answers[practice.id] = (None, True, evidence)
        elif raw:
            answers[practice.id] = (_level(raw), False, evidence)
        elif evidence:
            answers[practice.id] = (None, False, evidence)
    return answers


def practice_errors(messages: dict[str, list[str]]) -> dict[int, str]:
    """A refusal's field messages ("practice-12") as the questionnaire shows them, by practice id."""
    errors = {}
    for name, texts in messages.items():
        prefix, _dash, number = name.partition("-")
        if prefix == "practice" and number.isdigit():
            errors[int(number)] = " ".join(texts)
    return errors
