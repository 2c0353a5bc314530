"""Demo history: a year of monthly targets for every department, replayed through the gates day by day."""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from cxgov import clock, months
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.targets import operations, progress, queries
from cxgov.targets import status as st

# code → [(title, kind, unit, direction, baseline, target, dimension, points)]
LIBRARY = {
    "CS": [("首次响应 ≤ 2 小时的工单占比 Tickets answered within 2 h", "numeric", "%", "higher", 78, 88, "LISTEN", 20),
           ("投诉 24 小时内给出方案 Complaints resolved or planned within 24 h", "numeric", "%", "higher", 70, 85,
            "LISTEN", 20),
           ("客户重复讲述问题的工单数 Tickets where the customer repeated the issue", "numeric", "tickets", "lower", 60,
            40, "JOURNEY", 15),
           ("每周复盘 3 个差评工单 Review three poor ratings every week", "milestone", "", "higher", None, None,
            "ACTION", 10)],
    "PRD": [("每月上线 1 个让用户“哇”的改进 Ship one 'wow' improvement found with users", "milestone", "", "higher",
             None, None, "ACTION", 20),
            ("App 安装预约流程完成率 Installation booking completion in the app", "numeric", "%", "higher", 62, 72,
             "JOURNEY", 15),
            ("访谈 8 位真实用户 Interview eight real users", "numeric", "interviews", "higher", 0, 8, "LISTEN", 10)],
    "MKT": [("广告承诺与实际送装时效一致 Ads promise only what delivery can keep", "milestone", "", "higher", None,
             None, "ALIGN", 10),
            ("NPS 推荐者占比 Promoters in NPS survey", "numeric", "%", "higher", 41, 45, "CAPAB", 20),
            ("新品页面常见问题解答覆盖率 FAQ coverage on new product pages", "numeric", "%", "higher", 55, 80,
             "JOURNEY", 10)],
    "SAL": [("门店交付信息一次说清率 Orders with complete delivery info at checkout", "numeric", "%", "higher", 83, 95,
             "JOURNEY", 15),
            ("复购客户回访 30 位 Call back 30 repeat customers", "numeric", "calls", "higher", 0, 30, "LISTEN", 10),
            ("转化率（线上咨询→下单）Online enquiry to order conversion", "numeric", "%", "higher", 11, 13, "CAPAB",
             20)],
    "SCM": [("48 小时送装达成率 Delivered and installed within 48 h", "numeric", "%", "higher", 81, 90, "JOURNEY", 20),
            ("配送改期主动通知率 Customers told before a delivery slips", "numeric", "%", "higher", 64, 85, "LISTEN",
             15),
            ("破损件数 Items damaged in delivery", "numeric", "items", "lower", 35, 20, "ACTION", 10)],
    "FIN": [("发票一次开对率 Invoices right first time", "numeric", "%", "higher", 92, 97, "JOURNEY", 10),
            ("退款 3 天内到账 Refunds paid within 3 days", "numeric", "%", "higher", 71, 90, "JOURNEY", 20),
            ("账单说明改为客户看得懂的语言 Rewrite the bill in plain words", "milestone", "", "higher", None, None,
             "CAPAB", 10)],
    "HR": [("每月举办 1 场客户体验工作坊 Hold one CX workshop a month", "milestone", "", "higher", None, None,
            "ENGAGE", 15),
           ("新员工客户体验入职课完成率 New hires completing the CX induction", "numeric", "%", "higher", 60, 90,
            "ENGAGE", 10),
           ("绩效面谈包含客户指标的比例 Reviews that include a customer metric", "numeric", "%", "higher", 20, 40,
            "MOTIV", 15)],
    "IT": [("客服系统可用率 Service desk system uptime", "numeric", "%", "higher", 99.0, 99.7, "CAPAB", 15),
           ("客户信息一屏看全（上线）One customer view for agents (go-live)", "milestone", "", "higher", None, None,
            "JOURNEY", 20),
           ("App 崩溃率 App crash rate", "numeric", "%", "lower", 1.2, 0.6, "CAPAB", 10)],
}
# How often a department meets its targets (engagement differs: that is what the grid shows).
SUCCESS = {"CS": 0.78, "PRD": 0.7, "MKT": 0.62, "SAL": 0.6, "SCM": 0.66, "FIN": 0.45, "HR": 0.72, "IT": 0.55}
FIRST_MONTH = "2025-12"
# Departments that have already drafted next month's targets; the others still have to.
EARLY_DRAFTERS = ("SCM", "HR", "PRD")


def _months(today: date) -> list[str]:
    """From the first month of targets up to next month."""
    return months.between(FIRST_MONTH, months.shift(months.month_of(today), 1))


def load(users: dict[str, User], today: date | None = None) -> None:
    """Replay a year of targets through the gates, each write on the day it happened; then a correction, a
    withdrawal and the CEO's late actual."""
    today = today or clock.today()
    rng = random.Random(2025_12)  # nosec B311  # seeded demo data, not a secret
    departments = {d.code: d for d in db.session.scalars(db.select(Department))}
    reviewer = users.get("cxo")
    last_closed = _last_month_to_close(today)
    for month in _months(today):
        for code, library in LIBRARY.items():
            dept = departments.get(code)
            if dept is None or (month > months.month_of(today) and code not in EARLY_DRAFTERS):
                continue
            lead = users.get(f"lead.{code.lower()}")
            picks = rng.sample(library, k=min(len(library), rng.choice((2, 3, 3))))
            for spec in picks:
                _one(rng, dept, month, spec, lead, reviewer, today, last_closed)
    db.session.flush()
    candidates = _mistakes(users, last_closed)
    operations.close_due_months(today)
    _late_actual(users, candidates, today)


def _drafted_on(month: str, today: date) -> date:
    """The day a month's targets were drafted: its first day (inside the drafting window), or today."""
    return min(months.bounds(month)[0], today)


def _one(rng, dept, month, spec, lead, reviewer, today, forgotten: str | None) -> None:
    """One target with its updates; its outcome drawn from the department's success rate; in the month
    `forgotten` the CX office forgot to approve a few (drafts: they count for nothing)."""
    title, kind, unit, direction, baseline, target, dim, points = spec
    data = {"title": title, "kind": kind, "unit": unit, "direction": direction, "baseline": baseline,
            "target_value": target, "owner_id": lead.id if lead else None, "dimension_code": dim, "points": points,
            "description": "", "evidence": ""}
    drafted = _drafted_on(month, today)
    author = lead if lead is not None and operations.drafting_open(month, drafted) else reviewer
    item = operations.add_target(dept, month, data, author, drafted)
    first, last = months.bounds(month)
    if first > today:
        return  # next month: drafts only
    on_time = rng.random() < 0.9
    if reviewer is not None and on_time:
        operations.approve(item, reviewer, "", today=first)
        item.approved_at = datetime.combine(first - timedelta(days=rng.randint(1, 8)), datetime.min.time(), UTC)
    elif reviewer is not None and month != forgotten:  # approved late; last month's few were never approved
        operations.approve(item, reviewer, "", today=first + timedelta(days=2))
        item.approved_at = datetime.combine(first + timedelta(days=2), datetime.min.time(), UTC)
    succeed = rng.random() < SUCCESS.get(dept.code, 0.6)
    days = [first + timedelta(days=d) for d in (6, 13, 20, 27)]
    for index, day in enumerate(d for d in days if d <= min(last, today)):
        share = (index + 1) / 4 * (1.05 if succeed else 0.7)
        if kind == "numeric":
            value = baseline + (target - baseline) * share + rng.uniform(-0.03, 0.03) * abs(target - baseline)
            progress.post_update(item, day, round(value, 1), None, "", lead or reviewer, today=day)
        else:
            progress.post_update(item, day, None, succeed and index >= 2, "", lead or reviewer, today=day)


def _last_month_to_close(today: date) -> str | None:
    """The latest month whose close day has come by `today`."""
    due = [m for m in _months(today) if st.close_date(m, operations.settings().close_day) <= today]
    return due[-1] if due else None


def _mistakes(users: dict[str, User], month: str | None) -> list:
    """Before the last month closed: a lead's typo corrected the same day, an update posted on the wrong target
    withdrawn (both kept, struck through, with their reasons)."""
    if month is None:
        return []
    last_day = months.bounds(month)[1]
    items = [t for t in queries.targets(month=month) if t.kind == "numeric" and len(t.standing_updates) >= 2
             and t.owner is not None]
    if len(items) < 3:
        return []
    typo_on, wrong_on = items[0], items[1]
    right = typo_on.actual_update.value
    typo = progress.post_update(typo_on, last_day, round(right * 10, 1), None, "", typo_on.owner, last_day)
    progress.post_update(typo_on, last_day, right, None, "", typo_on.owner, last_day, corrects=typo,
                         reason="小数点录错了。The decimal point slipped.")
    withdrawn = progress.withdraw_update(wrong_on.actual_update, wrong_on.owner, last_day,
                                         "录到了错误的目标上。Posted on the wrong target.")
    for update in (typo, withdrawn):  # on the day it happened, as the history tells it
        update.withdrawn_at = datetime.combine(last_day, datetime.min.time(), UTC) + timedelta(hours=10)
    return items[2:]


def _late_actual(users: dict[str, User], candidates: list, today: date) -> None:
    """After the close, the CEO records the actual a department sent on time but nobody entered."""
    ceo = users.get("ceo")
    missed = [t for t in candidates if t.final_status == st.MISSED]
    if ceo is None or not missed:
        return
    late = missed[0]
    progress.post_update(late, months.bounds(late.month)[1], late.target_value, None,
                         "月结后补录。Recorded after the month closed.", ceo, today,
                         reason="部门按时报送了数据，但未录入系统。The department sent the figure on time; nobody "
                                "entered it.")
