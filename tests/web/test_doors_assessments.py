"""Every door of a respondent or an answer gives the same refusal for the same bad input, and writes nothing.

Doors that add a respondent: the respondents page and the demo loader (operations.add_respondent, as the CX
office); a cycle's default respondents pass the same gate and leave out whoever it refuses. Doors that write
answers: the questionnaire page and the demo loader (operations.save_answers, as the respondent). The API
only reads assessments, and no CLI command writes them.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from cxgov import rules
from cxgov.assessments import operations
from cxgov.assessments.models import Answer, Cycle, Practice, Respondent
from cxgov.extensions import db
from cxgov.org.operations import set_active, set_roles
from cxgov.rules import Refusal
from tests.factories import make_cycle, make_department, make_organisation, make_user


@dataclass
class World:
    """Departments in and out of a cycle, and people of every kind."""

    people: dict
    cs: object
    fin: object
    scm: object
    cycle: Cycle


@pytest.fixture
def world(client) -> World:
    """Customer service and finance take part in a draft cycle; supply chain does not."""
    make_organisation()
    cs, fin, scm, exo = (make_department(code) for code in ("CS", "FIN", "SCM", "EXO"))
    people = {
        "cxo": make_user("cxo@example.com", roles=["cx_office"], department=exo, name="CX Office"),
        "ceo": make_user("ceo@example.com", roles=["executive"], department=exo, name="王建国 Wang Jianguo"),
        "lead": make_user("lead.cs@example.com", roles=["dept_lead"], department=cs, name="李娜 Li Na"),
        "agent": make_user("agent@example.com", department=cs, name="高飞 Gao Fei"),
        "finance": make_user("fin@example.com", department=fin, name="许文 Xu Wen"),
        "observer": make_user("viewer@example.com", roles=["viewer"], department=cs, name="Board Observer"),
        "nobody": make_user("nodept@example.com", name="No Department"),
        "gone": make_user("gone@example.com", department=cs, name="Gone Person"),
    }
    set_active(people["gone"], False)
    db.session.commit()
    cycle = make_cycle([cs, fin], name="Spring")
    client.login("cxo@example.com")
    return World(people, cs, fin, scm, cycle)


def _page(response) -> str:
    """What the reader sees on the page a form post ends on."""
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _worded(client, change) -> str:
    """Run an operation as the demo loader does; the refusal as an English reader would read it."""
    with pytest.raises(Refusal) as refused:
        change()
    db.session.rollback()
    with client.application.test_request_context():
        return rules.word(refused.value)


RESPONDENT_DOORS = {
    "page": lambda c, w, user, dept, perspective: _page(c.submit(
        f"/assessments/{w.cycle.id}/respondents",
        {"user_id": str(user.id), "department_id": str(dept.id), "perspective": perspective}, follow_redirects=True)),
    "demo loader": lambda c, w, user, dept, perspective: _worded(c, lambda: operations.add_respondent(
        db.session.get(Cycle, w.cycle.id), user, dept, perspective, w.people["cxo"])),
}

# (case, who, which department, perspective, what the reader is told)
RESPONDENT_CASES = [
    ("a viewer as a department's own respondent", "observer", "cs", "self",
     "Board Observer has read-only access and never answers an assessment."),
    ("an account without a department", "nobody", "cs", "executive",
     "No Department belongs to no department, so cannot answer an assessment."),
    ("the CEO as another department's own respondent", "ceo", "fin", "self",
     "王建国 Wang Jianguo does not belong to Department FIN: a department’s self-assessment is answered by its own "
     "people."),
    ("a department lead as the executive view", "lead", "fin", "executive",
     "Only an executive gives the executive view; 李娜 Li Na does not hold the executive role."),
    ("the CX office as the executive view", "cxo", "cs", "executive",
     "Only an executive gives the executive view; CX Office does not hold the executive role."),
    ("a deactivated account", "gone", "cs", "self",
     "Gone Person’s account is deactivated: an inactive account never answers an assessment."),
    ("the same person twice for a department", "agent", "cs", "self",
     "高飞 Gao Fei already rates Department CS in this cycle."),
    ("a department outside the cycle", "ceo", "scm", "executive", "Department SCM does not take part in this cycle."),
    ("an unknown perspective", "ceo", "cs", "boss", "Choose self-assessment or executive view."),
]


def _respondents() -> int:
    return db.session.scalar(sa.select(sa.func.count(Respondent.id)))


@pytest.mark.parametrize("door", list(RESPONDENT_DOORS))
@pytest.mark.parametrize(("case", "who", "dept", "perspective", "message"), RESPONDENT_CASES,
                         ids=[c[0] for c in RESPONDENT_CASES])
def test_a_bad_respondent_is_refused_alike_through_every_door(client, world, door, case, who, dept, perspective,
                                                              message):
    before = _respondents()
    said = RESPONDENT_DOORS[door](client, world, world.people[who], getattr(world, dept), perspective)
    assert message in said
    assert _respondents() == before


@pytest.mark.parametrize("door", list(RESPONDENT_DOORS))
def test_respondents_are_refused_once_the_cycle_has_closed(client, world, door):
    db.session.get(Cycle, world.cycle.id).state = "calibration"
    db.session.commit()
    before = _respondents()
    said = RESPONDENT_DOORS[door](client, world, world.people["ceo"], world.cs, "executive")
    assert "Respondents can change only while the cycle is a draft or open." in said
    assert _respondents() == before


def test_good_respondents_go_through_every_door(client, world):
    RESPONDENT_DOORS["page"](client, world, world.people["ceo"], world.cs, "executive")
    operations.add_respondent(db.session.get(Cycle, world.cycle.id), world.people["ceo"], world.fin, "executive",
                              world.people["cxo"])  # as the demo loader does
    db.session.commit()
    added = db.session.execute(sa.select(Respondent.department_id, Respondent.perspective)
                               .where(Respondent.user_id == world.people["ceo"].id)).all()
    assert sorted(added) == sorted([(world.cs.id, "executive"), (world.fin.id, "executive")])


def test_default_respondents_are_the_departments_own_people_who_may_answer(world):
    """The defaults door: the same gate, so a viewer, a deactivated account or an outsider is never added."""
    chosen = {(r.user.email, r.department.code) for r in db.session.get(Cycle, world.cycle.id).respondents}
    assert chosen == {("lead.cs@example.com", "CS"), ("agent@example.com", "CS"), ("fin@example.com", "FIN")}


def test_only_the_cx_office_or_an_executive_chooses_respondents(client, world):
    said = _worded(client, lambda: operations.add_respondent(db.session.get(Cycle, world.cycle.id),
                                                             world.people["ceo"], world.cs, "executive",
                                                             world.people["lead"]))
    assert said == "Only the CX office or an executive chooses who answers a cycle."


# --- answers ---

def _open(world) -> Cycle:
    """The cycle, open for answers."""
    cycle = db.session.get(Cycle, world.cycle.id)
    cycle.state = "open"
    db.session.commit()
    return cycle


def _practices(cycle) -> list[int]:
    return db.session.scalars(sa.select(Practice.id).join(Practice.dimension)
                              .where(Practice.dimension.has(framework_id=cycle.framework_id))
                              .order_by(Practice.id)).all()


def _respondent(cycle, user) -> Respondent:
    return db.session.scalar(sa.select(Respondent).where(Respondent.cycle_id == cycle.id,
                                                         Respondent.user_id == user.id))


def _typed(raw: str):
    """A value as the demo loader passes it: a number, not applicable, or whatever was there."""
    return (None, True) if raw == "na" else ((int(raw) if raw.isdigit() else raw), False)


def _form(answers: dict[int, tuple[str, str]], submit: bool) -> dict:
    """Answers as the questionnaire posts them."""
    form = {"submit" if submit else "save": "1"}
    for pid, (raw, evidence) in answers.items():
        form[f"level-{pid}"], form[f"evidence-{pid}"] = raw, evidence
    return form


def _by_page(c, respondent, answers, submit) -> str:
    """The respondent answers on the questionnaire page."""
    c.submit("/logout")
    c.login(respondent.user.email)
    return _page(c.submit(f"/assessments/{respondent.cycle_id}/answer/{respondent.id}", _form(answers, submit),
                          follow_redirects=True))


def _by_loader(c, respondent, answers, submit) -> str:
    """The demo loader answers as the respondent."""
    typed = {pid: (*_typed(raw), evidence) for pid, (raw, evidence) in answers.items()}
    return _worded(c, lambda: operations.save_answers(db.session.get(Respondent, respondent.id), typed, submit,
                                                      respondent.user))


ANSWER_DOORS = {"page": _by_page, "demo loader": _by_loader}

LEVEL = "Choose a level from 1 to 5, or not applicable."
# (case, answers {practice index: (level as typed, evidence)}, submit, what the reader is told)
ANSWER_CASES = [
    ("a level above 5", {0: ("6", "")}, False, LEVEL),
    ("a level of 0", {0: ("0", "")}, False, LEVEL),
    ("a word instead of a level", {0: ("high", "")}, False, LEVEL),
    ("over-long evidence", {0: ("3", "x" * 2001)}, False, "Evidence is longer than 2000 characters."),
    ("submitting with practices unanswered", {0: ("3", "")}, True,
     "Choose a level or not applicable before submitting."),
]


def _stored(respondent_id: int):
    """Everything a respondent has stored."""
    respondent = db.session.get(Respondent, respondent_id)
    rows = db.session.execute(sa.select(Answer.practice_id, Answer.level, Answer.not_applicable, Answer.evidence)
                              .where(Answer.respondent_id == respondent_id).order_by(Answer.practice_id)).all()
    return respondent.submitted_at, [tuple(r) for r in rows], db.session.scalar(sa.select(sa.func.count(Answer.id)))


@pytest.mark.parametrize("door", list(ANSWER_DOORS))
@pytest.mark.parametrize(("case", "answers", "submit", "message"), ANSWER_CASES, ids=[c[0] for c in ANSWER_CASES])
def test_bad_answers_are_refused_alike_through_every_door(client, world, door, case, answers, submit, message):
    cycle = _open(world)
    practices = _practices(cycle)
    me = _respondent(cycle, world.people["agent"])
    operations.save_answers(me, {practices[1]: (2, False, "kept")}, False, world.people["agent"])
    db.session.commit()
    before = _stored(me.id)
    said = ANSWER_DOORS[door](client, me, {practices[i]: value for i, value in answers.items()}, submit)
    assert message in said
    assert _stored(me.id) == before


@pytest.mark.parametrize("door", list(ANSWER_DOORS))
@pytest.mark.parametrize(("case", "prepare", "message"), [
    ("the cycle is not open", lambda w, cycle, me: setattr(cycle, "state", "calibration"),
     "This cycle is not open: answers can no longer be changed."),
    ("already submitted", lambda w, cycle, me: operations.save_answers(
        me, {p: (3, False, "") for p in _practices(cycle)}, True, w.people["agent"]),
     "You have already submitted. Choose “Revise my answers” first."),
    # A viewer never gets the questionnaire's form: the page is refused by role (403), the loader by the gate.
    ("the respondent has become a viewer", lambda w, cycle, me: set_roles(w.people["agent"], ["viewer"]),
     {"page": "Your role does not allow this page.",
      "demo loader": "高飞 Gao Fei has read-only access and never answers an assessment."}),
], ids=["the cycle is not open", "already submitted", "a viewer"])
def test_answers_in_the_wrong_state_are_refused_alike_through_every_door(client, world, door, case, prepare,
                                                                         message):
    cycle = _open(world)
    me = _respondent(cycle, world.people["agent"])
    prepare(world, cycle, me)
    db.session.commit()
    before = _stored(me.id)
    if isinstance(message, dict) and door == "page":
        client.submit("/logout")
        client.login(me.user.email)
        response = client.submit(f"/assessments/{cycle.id}/answer/{me.id}", _form({_practices(cycle)[0]: ("4", "")},
                                                                                 False))
        assert response.status_code == 403 and message[door] in html.unescape(response.get_data(as_text=True))
    else:
        said = ANSWER_DOORS[door](client, me, {_practices(cycle)[0]: ("4", "")}, False)
        assert (message[door] if isinstance(message, dict) else message) in said
    assert _stored(me.id) == before


def test_nobody_answers_someone_elses_questionnaire_through_any_door(client, world):
    cycle = _open(world)
    theirs = _respondent(cycle, world.people["agent"])
    first = _practices(cycle)[0]
    client.login("lead.cs@example.com")
    assert client.submit(f"/assessments/{cycle.id}/answer/{theirs.id}", {f"level-{first}": "5"}).status_code == 403
    said = _worded(client, lambda: operations.save_answers(theirs, {first: (5, False, "")}, False,
                                                           world.people["lead"]))
    assert said == "Only the respondent answers their own questionnaire."
    assert db.session.scalar(sa.select(sa.func.count(Answer.id))) == 0


def test_good_answers_go_through_every_door(client, world):
    cycle = _open(world)
    practices = _practices(cycle)
    page_answers = {p: ("na" if i == 0 else "4", "") for i, p in enumerate(practices)}
    _by_page(client, _respondent(cycle, world.people["agent"]), page_answers, True)
    lead = _respondent(cycle, world.people["lead"])
    operations.save_answers(lead, {p: (*_typed(raw), "") for p, (raw, _e) in page_answers.items()}, True,
                            world.people["lead"])  # as the demo loader does
    db.session.commit()
    for user in ("agent", "lead"):
        submitted_at, rows, _count = _stored(_respondent(cycle, world.people[user]).id)
        assert submitted_at is not None and len(rows) == len(practices)
        assert rows[0][1:3] == (None, True) and {r[1] for r in rows[1:]} == {4}


def test_every_code_the_assessment_gates_raise_is_worded():
    """A refusal code without a wording would reach the reader as 'This change is not allowed.'."""
    import re
    from pathlib import Path

    import cxgov.assessments.labels  # noqa: F401 - registers the wordings

    source = (Path(operations.__file__)).read_text(encoding="utf-8")
    codes = set(re.findall(r'"((?:respondents?|answer|cycle|calibration|framework)_[a-z_]+)"', source))
    assert len(codes) > 15, "the pattern finds the gates' codes"
    assert sorted(c for c in codes if not rules.is_worded(c)) == []
