"""Demo history: a quarterly rotation among the department leads since January 2025.

Sales' head was seconded in summer 2025 (skipped, then served the next quarter); finance swapped with HR
to close the half-year; every change of director has its handover. The CEO sponsors the team, HR's
culture manager leads the culture work, and each department has a CX champion (customer service's changed).
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.teams import operations, queries, team_operations

START = date(2025, 1, 1)
POOL = ("lead.prd", "lead.mkt", "lead.sal", "lead.cs", "lead.scm", "lead.fin", "lead.hr", "lead.it")
CHAMPIONS = {"PRD": "prd.2", "MKT": "mkt.2", "SAL": "sal.2", "SCM": "scm.1", "FIN": "fin.1", "HR": "hr",
             "IT": "it.1", "EXO": "cxo"}
MEMBERS = ("prd.1", "cs.3", "sal.3", "scm.2")

# Outgoing director's notes and open actions, by the quarter the term starts (year, month).
HANDOVERS = {
    (2025, 1): ("第一个季度把虚拟团队搭起来了：每月例会固定在第一个周二，各部门冠军都已到位。"
                "基线评估显示“协调”维度最弱。\n"
                "We set the virtual team up this quarter: monthly meeting on the first Tuesday, every department has "
                "a champion. The baseline assessment shows Alignment is our weakest dimension.",
                ["完成安装预约旅程图 / Finish the installation-booking journey map — CS, by end of April",
                 "把 NPS 调研加到交付后第 3 天 / Add the NPS survey on day 3 after delivery — IT"]),
    (2025, 4): ("市场和客服一起梳理了促销承诺与实际交付的差距，找到 3 个“说到做不到”的点。\n"
                "Marketing and service compared what promotions promise with what we deliver and found three "
                "promises we do not keep.",
                ["下架“当日安装”广告语，直到供应链能兑现 / Withdraw the “same-day installation” claim until supply "
                 "chain can deliver it — MKT"]),
    (2025, 7): ("本季由我代替外派的销售总监担任项目总监。投诉闭环率从 64% 提到 71%，但回访仍靠人工。\n"
                "I directed this quarter in place of our seconded head of sales. Complaint loop closure rose from "
                "64% to 71%, but call-backs are still manual.",
                ["自动回访的需求交给 IT 排期 / Hand the automatic call-back request to IT for planning — IT",
                 "黄志强回来后先看门店反馈汇总 / Huang Zhiqiang: read the store feedback digest first — SAL"]),
    (2025, 10): ("双十一期间跨部门作战室有效：交付延迟从 9% 降到 4%。门店销售对送装时间的承诺要统一口径。\n"
                 "The cross-department war room worked during Singles' Day: late deliveries fell from 9% to 4%. "
                 "Store staff need one script for promised delivery times.",
                 ["统一门店送装时间话术 / One script for delivery times in every store — SAL, by January"]),
    (2026, 1): ("供应链把安装工程师排班开放给客服查看，客户不用再重复描述问题。\n"
                "Supply chain opened the installers' rota to customer service, so customers no longer repeat "
                "themselves.",
                ["春季评估前完成工程师培训 / Train installers before the spring assessment — SCM"]),
    (2026, 4): ("本季与财务对调（财务 6 月结账）。举办了 3 场共创工作坊，提出 27 个想法，9 个已转为行动。\n"
                "This quarter was swapped with Finance (half-year close in June). Three co-creation workshops "
                "produced 27 ideas; 9 became actions.",
                ["跟进工作坊行动的负责人 / Follow up the owners of the workshop actions — HR",
                 "把体验指标加入季度绩效沟通 / Add CX indicators to the quarterly performance talks — HR"]),
    (2026, 7): ("退款周期从 7 天缩短到 3 天；发票错误率下降。下季度请关注秋季评估的校准会。\n"
                "Refunds now take 3 days instead of 7; invoice errors are down. Next quarter, watch the "
                "calibration meeting of the autumn assessment.",
                ["秋季评估校准会 / Calibration meeting of the autumn assessment — CX office, in December"]),
}
CURRENT_DRAFT = ("客服系统与 CRM 打通，客户历史一屏可见。秋季评估正在进行，信息技术部自评偏低，需要校准。\n"
                 "The service desk now sees the customer's whole history on one screen. The autumn assessment is "
                 "open; IT rated itself low and will need calibration.",
                 ["完成秋季评估校准 / Complete the autumn calibration — CX office",
                  "年度纠偏评审材料准备 / Prepare the annual alignment review — all directors"])
SWAP_REASON = "财务部 6 月半年结账，与人力资源部对调 / Finance closes the half-year in June; swapped with HR."
REPLIES = ("收到，开放事项由我接手。/ Received; I take over the open actions.",
           "已阅，下周例会过一遍。/ Read; we will go through it at next week's meeting.")


def load(users: dict[str, User]) -> None:
    """Create the team, the rotation plan with its history and the handovers (caller commits)."""
    _team(users)
    plan = operations.create_plan("项目总监轮值 Project director rotation", "quarterly", START,
                                  [users[key] for key in POOL], date(2024, 12, 16), users["cxo"])
    operations.add_leave(users["lead.sal"], date(2025, 6, 20), date(2025, 9, 30),
                         "外派东南亚新市场 / Seconded to the South-East Asia launch", date(2025, 5, 12))
    terms = {t.starts_on: t for t in plan.terms}
    operations.swap_terms(terms[date(2026, 4, 1)], terms[date(2026, 7, 1)], SWAP_REASON, date(2026, 2, 10))
    today = clock.today()
    operations.refresh(plan, today)
    _handovers(plan, today)


def _team(users: dict[str, User]) -> None:
    """Sponsor, HR culture lead, a champion per department (customer service's changed once), members."""
    add = team_operations.add_assignment
    add("sponsor", users["ceo"], None, START, None, "总负责人 / Overall lead")
    add("hr_lead", users["hr"], None, START, None, "")
    departments = {u.department.code: u.department for u in users.values() if u.department}
    for code, key in CHAMPIONS.items():
        add("champion", users[key], departments[code], START, None, "")
    add("champion", users["cs.1"], departments["CS"], START, date(2026, 3, 31),
        "转去负责安装调度项目 / Moved to the installation scheduling project")
    add("champion", users["cs.2"], departments["CS"], date(2026, 4, 1), None, "")
    for key in MEMBERS:
        add("member", users[key], None, START, None, "")
    add("member", users["mkt.1"], None, START, date(2025, 12, 31), "")


def _handovers(plan, today: date) -> None:
    """A shared and acknowledged handover at every past change of director; the current one is a draft."""
    for index, term in enumerate(plan.terms):
        following = queries.term_after(term)
        if following is None or following.director_id == term.director_id or term.director is None:
            continue
        if term.ends_on < today and (term.starts_on.year, term.starts_on.month) in HANDOVERS:
            notes, items = HANDOVERS[(term.starts_on.year, term.starts_on.month)]
            handover = team_operations.save_handover(term, notes, items, True, term.director)
            team_operations.acknowledge_handover(handover, following.director, REPLIES[index % 2])
            handover.submitted_at = _at(term.ends_on - timedelta(days=6))
            handover.acknowledged_at = _at(following.starts_on + timedelta(days=2))
        elif term.contains(today):
            team_operations.save_handover(term, *CURRENT_DRAFT, False, term.director)
    db.session.flush()


def _at(day: date) -> datetime:
    """10:00 in Shanghai on the day, as a UTC moment."""
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)
