"""Figures as the CEO and the board read them: the sign of a rounded number, what a count means, Chinese wording."""
from datetime import UTC, date, datetime

import sqlalchemy as sa

from cxgov import clock
from cxgov.assessments import operations as assessments
from cxgov.assessments import results
from cxgov.assessments.models import Practice, Respondent
from cxgov.extensions import db
from cxgov.reviews import operations as reviews
from cxgov.reviews.pack import quarter_of
from cxgov.targets import operations as targets
from cxgov.targets import progress
from tests.factories import make_cycle, make_department, make_organisation, make_target, make_user


def _answer_all(cycle, user, level):
    """Submit every practice at one level, through the operations."""
    respondent = db.session.scalar(sa.select(Respondent).where(Respondent.cycle_id == cycle.id,
                                                               Respondent.user_id == user.id))
    items = db.session.scalars(sa.select(Practice).join(Practice.dimension)
                               .where(Practice.dimension.has(framework_id=cycle.framework_id))).all()
    assessments.save_answers(respondent, {p.id: (level, False, "") for p in items}, submit=True, by=user)
    db.session.commit()


def _published(cycle, when):
    cycle.state, cycle.published_at = "published", when
    db.session.commit()


def test_a_perception_gap_hidden_by_rounding_reads_0_0_never_minus_0_0(client, monkeypatch):
    cs = make_department("CS")
    lead = make_user("lead.cs@example.com", roles=["dept_lead"], department=cs)
    make_user("ceo@example.com", roles=["executive"])
    cycle = make_cycle([cs], state="open")
    _answer_all(cycle, lead, 3)
    _published(cycle, datetime(2026, 4, 1, tzinfo=UTC))
    real = results.load
    codes = [d.code for d in cycle.framework.dimensions]

    def load(*args, **kwargs):  # executives rated CS a hair below, a hair above and clearly below its own view
        view = real(*args, **kwargs)
        view.result.departments[cs.id].perception_gap.update({codes[0]: -0.04, codes[1]: 0.04, codes[2]: -0.06})
        return view

    monkeypatch.setattr(results, "load", load)
    client.login("ceo@example.com")
    page = client.text(f"/assessments/{cycle.id}/results/departments/{cs.id}")
    assert "-0.0" not in page and "+0.0" not in page
    assert page.count("<span class=\"\">0.0</span>") == 2 and "<span class=\"\">-0.1</span>" in page


def _review_with_two_cycles(first_level, second_level):
    """Two published cycles of one department (levels as given) and a planned review of this quarter."""
    make_organisation()
    cs = make_department("CS", name_en="Customer Service", name_zh="客户服务部")
    lead = make_user("lead.cs@example.com", roles=["dept_lead"], department=cs)
    ceo = make_user("ceo@example.com", roles=["executive"], locale="zh")
    cxo = make_user("cxo@example.com", roles=["cx_office"])
    for n, level in enumerate((first_level, second_level)):
        cycle = make_cycle([cs], state="open", name=f"Cycle {n}", opens_on=date(2025, 3 + 6 * n, 1),
                           due_on=date(2025, 3 + 6 * n, 20))
        _answer_all(cycle, lead, level)
        _published(cycle, datetime(2025, 4 + 6 * n, 1, tzinfo=UTC))
    year, quarter = quarter_of(clock.today())
    review = reviews.create_review(year, quarter, {"chair_id": ceo.id, "meeting_on": clock.today(), "place": ""},
                                   [], cxo, clock.today())
    db.session.commit()
    return review


def test_the_pack_explains_the_star_only_when_a_score_crossed_a_level(client):
    review = _review_with_two_cycles(2, 3)
    client.login("ceo@example.com")
    page = client.text(f"/reviews/{review.id}")
    assert "★ 表示得分跨越了等级分界。" in page and "▲ +1.00 ★" in page
    assert "公司得分：<strong>3.00</strong>" in page  # a Chinese colon, not "公司得分: "


def test_the_pack_has_no_star_legend_without_a_star(client):
    review = _review_with_two_cycles(3, 3)
    client.login("ceo@example.com")
    page = client.text(f"/reviews/{review.id}")
    assert "■ 0.00" in page and "★" not in page


def _annual_company():
    """Customer Service achieved one of its two targets of a closed month last year."""
    year = clock.today().year - 1
    make_organisation()
    cs = make_department("CS", name_en="Customer Service", name_zh="客户服务部")
    ceo = make_user("ceo@example.com", roles=["executive"])
    owner = make_user("zh@example.com", department=cs, locale="zh")
    make_user("en@example.com", department=cs, locale="en")
    done = make_target(cs, f"{year}-03", approved=True, title="Answer within 2 hours", points=20, owner_id=owner.id)
    make_target(cs, f"{year}-03", approved=True, title="Refunds within 3 days", owner_id=owner.id)
    progress.post_update(done, date(year, 3, 20), 45.0, None, "", ceo, today=date(year, 3, 21))
    targets.close_month(f"{year}-03", None)
    db.session.commit()
    return year


def test_a_scorecard_says_how_many_targets_were_achieved_of_how_many(client):
    year = _annual_company()
    client.login("en@example.com")
    page = client.text(f"/reports/annual?year={year}")
    assert "<dd>50% <span class=\"small muted\">(1 of 2 targets of closed months)</span></dd>" in page  # said


def test_points_per_person_count_targets_achieved_and_say_so_in_chinese(client):
    year = _annual_company()
    client.login("zh@example.com")
    page = client.text(f"/targets/company?year={year}")
    assert "达成指标数" in page  # a count of targets, not a rate (指标达成率)
    assert '<td class="num"><strong>20</strong></td><td class="num">1</td>' in page  # 20 points, 1 target
