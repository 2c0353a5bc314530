"""Demo history of alignment reviews: last year's signed off by the CEO, this year's in review.

Ratings, evidence and the matrix tell one story: delivery and installation within 48 hours and "never repeat
yourself" are undermined by budgets and incentives. This year most areas improved; operating expenditure got worse.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from cxgov import clock
from cxgov.alignment import operations
from cxgov.alignment.models import AlignmentReview
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department

ATTRIBUTES = [
    ("48 小时送装，一次装好 Installed within 48 hours, right first time",
     "下单后 48 小时内送到并装好，不用第二次上门。Delivered and installed within 48 hours of the order, "
     "no second visit."),
    ("2 小时内回应 Answered within 2 hours", "任何渠道的问题 2 小时内有人回应。Any question, on any channel, gets a "
                                             "person's answer within 2 hours."),
    ("24 小时内给出方案 Resolved or planned within 24 hours",
     "24 小时内解决，或给出有日期的方案。Solved within 24 hours, or a dated plan."),
    ("无需重复讲述 Never repeat yourself", "每个接手的人都已了解客户的情况。Whoever picks up already knows the story."),
]

# key → (owner, last year's rating and evidence, this year's rating and evidence)
AREAS = {
    "vision": ("ceo", ("partly", "愿景提到“有人管”，但年度战略会只讨论销量和渠道，没有客户体验议题。\nThe vision says "
                       "'always looked after', yet the annual strategy meeting discussed only volume and channels."),
               ("aligned", "战略会第一个议题改为客户体验，愿景拆解到各部门年度目标。\nCX is now the first item of "
                           "the strategy meeting, and the vision is broken down into each department's goals.")),
    "mission": ("ceo", ("partly", "使命写“从客户的一天出发”，但新品立项评审不看安装和售后场景。\nThe mission starts "
                        "from the customer's day, but product approvals ignore installation and service."),
                ("partly", "两款新品立项时做了安装场景评审，其余仍未覆盖。\nTwo new products had an installation "
                           "review at approval; the rest still did not.")),
    "values": ("lead.hr", ("partly", "“跨部门一起担责”写在墙上，但送装投诉在供应链和客服之间来回转。\n'Own problems "
                           "together' is on the wall, but delivery complaints bounce between Supply Chain and "
                           "Service."),
               ("aligned", "价值观案例进入季度表彰，跨部门共担的投诉处理案例获奖 3 次。\nValues stories are part of "
                           "the quarterly awards; joint complaint handling won three times.")),
    "structure": ("ceo", ("misaligned", "送货归供应链、安装归客服，没有人对“48 小时送装”端到端负责。\nDelivery sits "
                          "with Supply Chain and installation with Service: nobody owns the 48-hour promise end to "
                          "end."),
                  ("partly", "已任命送装端到端负责人，但安装调度仍向两个部门汇报。\nAn end-to-end owner of delivery "
                             "and installation is appointed, but installer dispatch still reports to two heads.")),
    "policies": ("lead.fin", ("partly", "500 元以下退款也需财务审批，平均等 3 天，客户多次来电催办。\nEven refunds "
                              "under ¥500 needed Finance approval, three days on average, and customers called "
                              "repeatedly."),
                 ("aligned", "客服可直接批准 500 元以下退款，相关重复来电下降 60%。\nAgents approve refunds under "
                             "¥500 themselves; repeat calls about refunds fell by 60%.")),
    "capex": ("lead.it", ("partly", "客服系统投资排在 ERP 升级之后，“客户一屏看全”推迟一年。\nThe service system "
                          "came after the ERP upgrade; the one-screen customer view slipped a year."),
              ("partly", "一屏看全已上线客服，门店和安装端尚未接入。\nThe customer view is live for agents; stores "
                         "and installers are not connected yet.")),
    "opex": ("lead.fin", ("partly", "外包安装费预算削减 8%，旺季 48 小时送装达成率降至 81%。\nThe outsourced "
                          "installer budget was cut by 8%; in peak season the 48-hour rate fell to 81%."),
             ("misaligned", "安装费预算再削减 12%，华东区安装队减员，48 小时达成率降至 72%。\nThe installer budget "
                            "was cut by another 12%; East region teams shrank and the 48-hour rate fell to 72%.")),
    "hiring_onboarding": ("lead.hr", ("partly", "新员工入职培训只讲制度和产品，不讲客户承诺。\nInduction covered "
                                      "rules and products, not the customer promise."),
                          ("aligned", "入职第一周完成客户体验课程，并跟听 4 小时客服电话。\nNew hires take the CX "
                                      "course in their first week and listen in on four hours of service calls.")),
    "training": ("lead.cs", ("partly", "坐席培训集中在话术，缺少跨部门流程和系统使用。\nAgent training focuses on "
                             "scripts, not on cross-department processes and systems."),
                 ("partly", "一屏看全的培训完成 70%，安装人员尚无培训计划。\nTraining on the customer view is 70% "
                            "done; installers have no plan yet.")),
    "performance_evaluation": ("lead.hr", ("misaligned", "客服考核通话时长，坐席为缩短时长转接，客户反复讲述问题。"
                                           "\nAgents are measured on handle time, so they transfer calls and customers "
                                           "repeat themselves."),
                               ("partly", "一次解决率已替代通话时长，但安装人员仍按单量考核。\nFirst-contact "
                                          "resolution replaced handle time; installers are still measured on jobs "
                                          "per day.")),
    "incentives_rewards": ("lead.sal", ("misaligned", "销售奖金只看销量，门店承诺“明天装好”却不查排期。\nSales "
                                        "bonuses reward volume only; stores promise 'installed tomorrow' without "
                                        "checking the schedule."),
                           ("misaligned", "安装满意度系数仍未加入奖金，大促期间超卖排期 3 次。\nThe installation-"
                                          "satisfaction factor is still not in the bonus; peak sales overbooked "
                                          "installation three times.")),
}

# (area key, attribute index, value) that are not neutral; last year's and this year's.
MATRIX_LAST = [("opex", 0, "conflicts"), ("incentives_rewards", 3, "conflicts"), ("incentives_rewards", 0, "conflicts"),
               ("performance_evaluation", 3, "conflicts"), ("structure", 0, "conflicts"), ("policies", 2, "conflicts"),
               ("values", 2, "supports"), ("training", 1, "supports"), ("capex", 3, "supports"),
               ("vision", 0, "supports")]
MATRIX_THIS = [("opex", 0, "conflicts"), ("opex", 2, "conflicts"), ("incentives_rewards", 3, "conflicts"),
               ("incentives_rewards", 0, "conflicts"), ("performance_evaluation", 3, "supports"),
               ("policies", 2, "supports"), ("values", 2, "supports"), ("training", 1, "supports"),
               ("capex", 3, "supports"), ("vision", 0, "supports"), ("hiring_onboarding", 3, "supports")]

# (area key, title, owner, department code, days after sign-off due, status)
ACTIONS_LAST = [
    ("structure", "任命送装端到端负责人 Appoint one end-to-end owner of delivery and installation", "ceo", "EXO", 45,
     "done"),
    ("policies", "客服 500 元以下退款直批 Agents approve refunds under ¥500", "lead.fin", "FIN", 60, "done"),
    ("performance_evaluation", "客服考核以一次解决率替代通话时长 First-contact resolution replaces handle time in "
     "service KPIs", "lead.hr", "HR", 90, "done"),
    ("incentives_rewards", "销售奖金加入安装满意度系数 Add an installation-satisfaction factor to sales bonuses",
     "lead.sal", "SAL", 120, "in_progress"),
    ("opex", "安装队预算与 48 小时达成率挂钩 Tie the installer budget to the 48-hour rate", "lead.fin", "FIN", 150,
     "open"),
]
ACTIONS_THIS = [
    ("opex", "恢复华东区安装队编制 Restore installer headcount in the East region", "lead.scm", "SCM", 60, "open"),
]


def _at(day: date, hour: int) -> datetime:
    """A stored (UTC) time on a day: the demo company works in China, 8 hours ahead."""
    return datetime.combine(day, time(hour - 8), tzinfo=UTC)


def load(users: dict[str, User], today: date | None = None) -> None:
    """Last year's review signed off by the CEO in mid-December; this year's in review."""
    today = today or clock.today()
    codes = {d.code: d.id for d in db.session.scalars(db.select(Department))}
    signed_on = date(today.year - 1, 12, 15)
    last = _review(today.year - 1, users, 1, MATRIX_LAST, codes, ACTIONS_LAST, signed_on)
    operations.sign_off(last, users["ceo"])
    last.signed_off_at = _at(signed_on, 17)
    _progress(today, signed_on)
    _review(today.year, users, 2, MATRIX_THIS, codes, ACTIONS_THIS, today)


def _review(year, users, which, matrix, codes, actions, day) -> AlignmentReview:
    """A year's review, rated (`which` picks the rating of AREAS), with its matrix and actions, in review."""
    review = operations.start_review(year, users["cxo"])
    if not review.attributes:
        for name, description in ATTRIBUTES:
            operations.add_attribute(review, name, description)
    by_key = {area.key: area for area in review.areas}
    for key, entry in AREAS.items():
        rating, evidence = entry[which]
        operations.rate_area(by_key[key], {"rating": rating, "evidence": evidence, "owner_id": users[entry[0]].id},
                             None)
    attributes = review.attributes
    operations.save_matrix(review, {(by_key[key].id, attributes[i].id): value for key, i, value in matrix})
    for key, title, owner, code, days, _status in actions:
        operations.add_corrective_action(by_key[key], {"title": title, "owner_id": users[owner].id,
                                                       "department_id": codes.get(code),
                                                       "due_on": day + timedelta(days=days)}, users["cxo"], day)
    operations.submit(review)
    return review


def _progress(today: date, signed_on: date) -> None:
    """Last year's actions as they stand: most done before their due date, one running late, one still open."""
    from cxgov.actions.models import ActionItem

    items = db.session.scalars(db.select(ActionItem).where(ActionItem.source == "alignment")
                               .order_by(ActionItem.id)).all()
    for action, (*_rest, status) in zip(items, ACTIONS_LAST, strict=False):
        action.created_at = _at(signed_on, 18)
        action.status = status
        if status == "done":
            action.done_on = min(action.due_on - timedelta(days=5), today)
