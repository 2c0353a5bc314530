"""Two saves of one questionnaire at once (two tabs, a double click): the later one wins, neither fails.

Found by `python -m bench.writes`: both saves read the practice as unanswered and both inserted it, so the second
broke the unique constraint on (respondent, practice) and answered 500. Here the first save is played by another
connection committing between the second save's read and its write, as the other gunicorn worker did.
"""
import sqlalchemy as sa

from cxgov.assessments import operations
from cxgov.assessments.models import Answer, Practice
from cxgov.extensions import db
from tests.factories import make_cycle, make_department, make_user


def test_a_save_that_read_before_another_one_committed_updates_its_answer_instead_of_failing(app):
    department = make_department("RACE")
    member = make_user("member@example.com", department=department)
    cycle = make_cycle([department], state="open")
    respondent = next(r for r in cycle.respondents if r.user_id == member.id)
    practice = db.session.scalar(sa.select(Practice.id).order_by(Practice.id).limit(1))
    assert respondent.answers == []  # this save has read the practice as unanswered…
    with db.engine.connect() as other:  # …when the other tab's save commits its answer
        other.execute(sa.insert(Answer).values(respondent_id=respondent.id, practice_id=practice, level=2,
                                               not_applicable=False, evidence="first tab", version=1,
                                               created_at=sa.func.now(), updated_at=sa.func.now()))
        other.commit()

    operations.save_answers(respondent, {practice: (4, False, "second tab")}, False, member)
    db.session.commit()

    stored = db.session.execute(sa.select(Answer.level, Answer.evidence).where(
        Answer.respondent_id == respondent.id)).all()
    assert stored == [(4, "second tab")]
