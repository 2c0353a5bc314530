"""Demo history of the action tracker: a year of follow-ups from workshop ideas, assessment gaps and by hand.

Dates are relative to today (ideas anchor on their workshop, gaps on the cycle's publication), so the mix stays
the same whenever the demo is loaded: most older actions done, some running, a few overdue, two dropped.
Review-sourced actions are the quarterly reviews demo's.
"""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from cxgov import clock
from cxgov.actions import operations
from cxgov.audit.tracking import acting_as
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department

# Workshop idea (start of its title) → (action title, owner, days to due, status, overdue if still open).
FROM_IDEAS = [
    ("预约时给 2 小时时间窗", "与物流商谈定 2 小时送装时间窗 Agree 2-hour delivery slots with the carrier", "lead.scm",
     45, "done", False),
    ("改期自动短信并给出新时间", "送装改期自动短信上线 Automatic rescheduling message goes live", "scm.1", 30, "done",
     False),
    ("安装后 24 小时内回访并记录问题", "安装后 24 小时回访脚本与排班 Script and rota for the 24-hour follow-up call",
     "cs.1", 21, "done", False),
    ("夜间值班轮岗加在线预诊断", "夜间值班轮岗试运行一个月 Trial a night rota for one month", "lead.cs", 40,
     "in_progress", True),
    ("App 里报修可上传照片和视频", "App 报修上传照片视频（需求评审）Photo and video upload in app fault reports: "
     "requirements review", "it.1", 35, "in_progress", False),
    ("500 元以下退款客服可直接批准", "修订退款授权制度：500 元以下客服直批 Revise refund authority: agents approve "
     "under ¥500", "lead.fin", 30, "done", False),
    ("全渠道统一的送装承诺话术", "全渠道送装承诺话术定稿并培训 Final delivery-promise script and channel training",
     "lead.mkt", 28, "in_progress", True),
    ("按城市显示真实送装时效", "商品页按城市显示送装时效 Show delivery time per city on product pages", "mkt.2", 50,
     "open", False),
    ("一页快速上手卡和视频二维码", "快速上手卡打样与用户测试 Quick-start card: prototype and test with five users",
     "prd.2", 30, "done", False),
    ("差评 2 小时内由组长回电", "差评 2 小时回电纳入组长日报 Poor-rating call-backs in the team leads' daily report",
     "cs.1", 14, "open", True),
    ("下单即自动开电子发票", "评估电子发票自动开具方案 Assess automatic e-invoicing with the tax platform",
     "fin.1", 45, "dropped", False),
    ("大促前 2 周加开临时仓和安装队", "双 11 临时仓与安装队到位 Temporary warehouse and installer teams ready for "
     "Double 11", "lead.scm", 40, "done", False),
]
DROPPED_IDEA = "税务平台接口明年才开放，改由财务月度批量开票过渡。The tax platform's interface opens only next year; " \
               "finance issues invoices in a monthly batch until then."

# Gaps of the latest published assessment: (title, department, owner, days after publication it was added,
# days to due, status, overdue if still open).
FROM_ASSESSMENT = [
    ("建立每周客户之声例会（客户洞察与聆听差距）Weekly voice-of-the-customer meeting (Listening gap)", "CS", "lead.cs",
     6, 30, "done", False),
    ("财务流程客户旅程图（客户旅程差距）Customer journey map of finance processes (Journeys gap)", "FIN", "lead.fin",
     8, 60, "done", False),
    ("IT 客户体验指标进入周报（能力与客户价值差距）CX metrics in IT's weekly report (Capability gap)", "IT", "lead.it",
     8, 45, "done", False),
    ("供应链部门与客服的交接清单（协调与治理差距）Hand-over checklist between supply chain and service "
     "(Alignment and governance gap)", "SCM", "scm.2", 10, 75, "in_progress", True),
    ("销售部客户体验激励方案（动力、目标与激励差距）A CX incentive for sales (Motivation gap)", "SAL",
     "lead.sal", 12, 90, "open", True),
    ("市场部全员参加客户旅程培训（员工参与与文化差距）Every marketer takes the journey training (Engagement gap)",
     "MKT", "mkt.1", 15, 60, "done", False),
    ("产品需求评审加入客户证据一栏（客户洞察与聆听差距）A customer-evidence box in product requirement reviews "
     "(Listening gap)", "PRD", "lead.prd", 20, 240, "in_progress", False),
]

# By hand: (title, department, owner, created by, days ago it was added, days to due, status, overdue if open).
BY_HAND = [
    ("更新官网服务承诺页 Update the service promise page on the website", "MKT", "lead.mkt", "cxo", 330, 30, "done",
     False),
    ("客服新人入职课加入安装体验半天 Half a day with the installers in the service induction", "HR", "hr", "lead.hr",
     300, 45, "done", False),
    ("整理 2026 年投诉分类口径 Agree one complaint taxonomy for 2026", "CS", "cs.2", "lead.cs", 280, 21, "done",
     False),
    ("门店交付信息核对清单 Delivery information checklist at the store till", "SAL", "sal.2", "lead.sal", 210, 30,
     "done", False),
    ("呼叫中心排班系统选型 Choose a contact-centre scheduling tool", "IT", "lead.it", "cxo", 190, 60, "dropped",
     False),
    ("破损件原因月度分析 Monthly analysis of items damaged in delivery", "SCM", "scm.2", "lead.scm", 150, 30,
     "done", False),
    ("App 崩溃率看板 App crash-rate dashboard", "IT", "it.1", "lead.it", 120, 30, "done", False),
    ("会员俱乐部核心用户名单更新 Refresh the list of core users in the owners' club", "MKT", "mkt.1", "lead.mkt", 75,
     21, "done", False),
    ("账单说明改写：用户测试 Plain-words bill: test with customers", "FIN", "fin.1", "lead.fin", 60, 35,
     "in_progress", True),
    ("双 11 客服临时人力计划 Temporary service staffing for Double 11", "CS", "lead.cs", "ceo", 55, 20, "done",
     False),
    ("春节送装承诺对外口径 Spring Festival delivery promise for customers", "MKT", "lead.mkt", "cxo", 12, 40, "open",
     False),
    ("2027 年客户体验预算草案 Draft the 2027 CX budget", "EXO", "ceo", "cxo", 20, 25, "in_progress", False),
    ("季度客户之声报告模板 Quarterly voice-of-the-customer report template", "CS", "cs.3", "cxo", 8, 30, "open",
     False),
]
DROPPED_BY_HAND = "排班需求并入客服系统二期一起采购，不单独选型。Scheduling goes into phase two of the service " \
                  "system's purchase instead of a separate tool."


def load(users: dict[str, User], today: date | None = None) -> None:
    """Actions from workshop ideas, assessment gaps and by hand."""
    today = today or clock.today()
    rng = random.Random(2026_12)  # nosec B311  # seeded demo data, not a secret
    depts = {d.code: d for d in db.session.scalars(sa.select(Department))}
    _from_ideas(rng, users, today)
    _from_assessment(rng, users, depts, today)
    for title, code, owner, by, days_ago, due_in, status, late in BY_HAND:
        created = today - timedelta(days=days_ago)
        _one(rng, users, today, {"title": title, "department_id": _id(depts.get(code))}, owner, by, created,
             due_in, status, late, "manual", None, DROPPED_BY_HAND)
    db.session.flush()


def _from_ideas(rng: random.Random, users: dict[str, User], today: date) -> None:
    """Follow-ups of real demo ideas, added a few days after their workshop."""
    from cxgov.workshops.models import Idea, Workshop

    ideas = db.session.execute(sa.select(Idea, Workshop.starts_at).join(Workshop)
                               .where(Workshop.starts_at < datetime.combine(today, time(), tzinfo=UTC))).all()
    for start, title, owner, due_in, status, late in FROM_IDEAS:
        match = next(((idea, at) for idea, at in ideas if idea.title.startswith(start)), None)
        if match is None:
            continue
        idea, held = match
        created = min(held.date() + timedelta(days=rng.randint(2, 8)), today - timedelta(days=1))
        data = {"title": title, "department_id": idea.department_id}
        _one(rng, users, today, data, owner, "hr", created, due_in, status, late, "workshop_idea", idea.id,
             DROPPED_IDEA)


def _from_assessment(rng: random.Random, users: dict[str, User], depts: dict, today: date) -> None:
    """Follow-ups of the latest published cycle's gaps, added by the CX office after publication."""
    from cxgov.assessments.models import Cycle

    cycle = db.session.scalar(sa.select(Cycle).where(Cycle.state == "published")
                              .order_by(Cycle.published_at.desc()).limit(1))
    if cycle is None:
        return
    for title, code, owner, after, due_in, status, late in FROM_ASSESSMENT:
        created = min(cycle.published_at.date() + timedelta(days=after), today - timedelta(days=1))
        _one(rng, users, today, {"title": title, "department_id": _id(depts.get(code))}, owner, "cxo", created,
             due_in, status, late, "assessment", cycle.id, "")


def _id(record) -> int | None:
    """A record's id, or None."""
    return record.id if record is not None else None


def _one(rng, users, today, data, owner_key, by_key, created, due_in, status, late, source, source_id, reason):
    """One action through the real operations, with its due date fitted so that its status reads true today."""
    owner, by = users.get(owner_key), users.get(by_key)
    if owner is None:
        return
    due = max(_due(rng, today, created + timedelta(days=due_in), status, late), created)  # never due before added
    data = {"description": "", **data, "owner_id": owner.id, "due_on": due}
    with acting_as(by.id if by else None, by.email if by else "demo loader"):
        action = operations.create_action(data, by, source, source_id, today=created)
    action.created_at = datetime.combine(created, time(9, rng.randint(0, 59)), tzinfo=UTC)
    if status == "open":
        return
    finished = max(min(due + timedelta(days=rng.randint(-9, 4)), today - timedelta(days=1)),
                   created + timedelta(days=1))
    with acting_as(owner.id, owner.email):
        operations.set_status(action, "in_progress", today, by=owner)
        if status in ("done", "dropped"):
            operations.set_status(action, status, finished, reason, by=owner)  # done on the day it was finished


def _due(rng: random.Random, today: date, planned: date, status: str, late: bool) -> date:
    """The planned due date, moved so that an open action is overdue exactly when `late` says so."""
    if status in ("done", "dropped"):
        return min(planned, today - timedelta(days=rng.randint(3, 20)))
    if late:  # a few days to a few weeks late: long-forgotten actions would have been chased or dropped
        return today - timedelta(days=rng.randint(3, 40))
    return max(planned, today + timedelta(days=rng.randint(6, 35)))
