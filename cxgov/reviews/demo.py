"""Demo history: the last four quarterly reviews with decisions, actions and published minutes, and the next one."""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from cxgov import clock
from cxgov.actions.models import ActionItem
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.reviews import operations
from cxgov.reviews.pack import previous_quarter, quarter_of

# Per review, oldest first: (decision, [(action, owner key, department code, days after the meeting)]).
DECISIONS = [
    [("送装超时是投诉第一来源：供应链与客服共同负责“48 小时送装”，每周联合复盘。\nLate delivery is the top source of "
      "complaints: Supply Chain and Customer Service jointly own the 48-hour promise and review it together weekly.",
      [("建立送装超时周报 Weekly late-delivery report", "lead.scm", "SCM", 21),
       ("客服与物流共享工单视图 Shared ticket view for service and logistics", "lead.it", "IT", 60)]),
     ("每个部门每月至少设定一个与客户直接相关的指标。\n"
      "Every department sets at least one customer-facing target a month.",
      [("指标模板加入“客户影响”一栏 Add a customer-impact field to the target template", "cxo", None, 14)])],
    [("首次回应时限从 4 小时缩短到 2 小时，先在华东试点。\n"
      "Cut the first-response time from 4 to 2 hours, piloting in the East region first.",
      [("华东区 2 小时回应试点 2-hour response pilot in the East region", "lead.cs", "CS", 45),
       ("回应时限写入客服绩效 Put response time into service KPIs", "lead.hr", "HR", 75)]),
     ("市场宣传只承诺交付能做到的事：广告上线前由供应链确认。\nMarketing promises only what delivery can keep: Supply "
      "Chain signs off delivery claims before a campaign goes live.",
      [("广告交付承诺会签流程 Delivery-claim sign-off for campaigns", "lead.mkt", "MKT", 30)])],
    [("账单看不懂导致重复来电：财务用客户的语言重写账单。\nBills customers cannot read cause repeat calls: Finance "
      "rewrites the bill in plain words.",
      [("新版账单上线 Plain-language bill goes live", "lead.fin", "FIN", 60),
       ("账单相关来电量月报 Monthly report of bill-related calls", "lead.cs", "CS", 40)]),
     ("产品团队每月访谈 8 位真实用户，结论进季度评审。\n"
      "The product team interviews eight real users a month and brings the findings to the quarterly review.",
      [("用户访谈计划与记录模板 Interview plan and note template", "lead.prd", "PRD", 20)])],
    [("客户无需重复讲述问题：客户信息一屏看全在年底前上线。\n"
      "Customers never repeat themselves: the one-screen customer view goes live before year end.",
      [("客户一屏看全上线 One customer view for agents goes live", "lead.it", "IT", 70),
       ("坐席培训：一屏看全的使用 Agent training on the customer view", "lead.cs", "CS", 85)]),
     ("新员工入职第一周完成客户体验课程。\nNew hires complete the CX induction in their first week.",
      [("入职客户体验课程改版 Revamped CX induction course", "lead.hr", "HR", 35)]),
     ("销售在门店记录客户遇到的前三个问题，每月汇总给产品。\n"
      "Store sales log customers' top three problems and pass them to Product monthly.",
      [("门店问题记录表 Store problem log", "lead.sal", "SAL", 30)])],
]

PLACE = "总部 3 楼会议室 HQ, meeting room 3F"
NOTES = ("会议按议程逐项审阅了指标、成熟度和轮值交接。各部门主管说明了未达成指标的原因，并就跨部门问题达成一致。\n"
         "The meeting went through targets, maturity and the rotation handover in agenda order. Department leads "
         "explained the missed targets and agreed on the cross-department issues above.")


def _meeting_day(year: int, quarter: int) -> date:
    """The second Thursday after the quarter ends."""
    first = date(year + (quarter == 4), quarter * 3 % 12 + 1, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7)


def load(users: dict[str, User], today: date | None = None) -> None:
    """Four published reviews before the current quarter, and the current quarter's review planned."""
    today = today or clock.today()
    rng = random.Random(7)  # nosec B311  # seeded demo data, not a secret
    attendees = [u.id for key, u in users.items() if key.startswith("lead.") or key in ("ceo", "cxo")]
    quarters = [quarter_of(today)]
    for _i in range(4):
        quarters.insert(0, previous_quarter(*quarters[0]))
    codes = {d.code: d.id for d in db.session.scalars(db.select(Department))}
    for index, (year, quarter) in enumerate(quarters[:-1]):
        _published(users, year, quarter, attendees, DECISIONS[index], codes, today, rng)
    year, quarter = quarters[-1]
    meeting = max(_meeting_day(year, quarter), today + timedelta(days=1))
    operations.create_review(year, quarter, {"chair_id": users["ceo"].id, "meeting_on": meeting, "place": PLACE},
                             attendees, users["cxo"], today)


def _at(day: date, hour: int) -> datetime:
    """A stored (UTC) time on a day: the demo company works in China, 8 hours ahead."""
    return datetime.combine(day, time(hour - 8), tzinfo=UTC)


def _published(users, year, quarter, attendees, decisions, codes, today, rng) -> None:
    """A past review: pack frozen at the meeting, decisions with actions, minutes published the next day."""
    meeting = _meeting_day(year, quarter)
    plan = {"chair_id": users["ceo"].id, "meeting_on": meeting, "place": PLACE}
    review = operations.create_review(year, quarter, plan, attendees, users["cxo"], meeting - timedelta(days=3))
    operations.start_meeting(review, meeting)
    for text, actions in decisions:
        decision = operations.add_decision(review, text, users["ceo"])
        for title, owner, code, days in actions:
            action = operations.add_action(decision, {"title": title, "owner_id": users[owner].id,
                                                      "department_id": codes.get(code), "due_on": meeting + timedelta(
                                                          days=days)}, users["cxo"])
            _progress(action, meeting, today, rng)
    operations.save_notes(review, NOTES, None)
    operations.publish(review, users["ceo"])
    review.pack_built_at, review.started_at = _at(meeting, 9), _at(meeting, 9)
    review.published_at = _at(meeting + timedelta(days=1), 17)


def _progress(action: ActionItem, meeting: date, today: date, rng: random.Random) -> None:
    """What became of an action since the meeting: most done on time, some late, a few still open."""
    action.created_at = _at(meeting, 11)
    if action.due_on + timedelta(days=10) < today and rng.random() < 0.8:
        action.status, action.done_on = "done", min(action.due_on + timedelta(days=rng.randint(-10, 8)), today)
    elif action.due_on < today + timedelta(days=30):
        action.status = "in_progress"
