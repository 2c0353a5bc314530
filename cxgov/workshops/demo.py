"""Demo history: a year of HR's monthly CX workshops since December 2025, through the real operations.

Attendance, feedback, ideas with dot votes and impact × effort, a cancelled workshop, a goal that changed,
a few ideas promoted to department targets (when the targets feature is installed and the month is open),
one workshop planned later this month and one in December 2026 with answers coming in.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department
from cxgov.permissions import is_read_only
from cxgov.workshops import metrics, operations, times
from cxgov.workshops.models import Workshop

ROOMS = ("总部 3 楼共创室 HQ 3F co-creation room", "客服中心培训室 Service centre training room",
         "总部 1 楼大会议室 HQ 1F main meeting room")
ONLINE = "https://meet.example.com/morningstar-cx"

# day, method, title, topic, departments, room, (customers, experts, core users), co-creator notes
WORKSHOPS = [
    (date(2025, 12, 18), "brainstorming", "48 小时送装：客户在等待中经历了什么？ What customers go through in 48 hours",
     "我们承诺 48 小时内送装到家。客户在这 48 小时里担心什么、问了什么、做了什么？\nWe promise delivery and "
     "installation within 48 hours. What do customers worry about, ask and do while they wait?",
     ("CS", "SCM", "SAL"), 0, (3, 0, 2), "3 位近期下单客户，2 位会员俱乐部核心用户。3 recent buyers, 2 members of the "
     "owners' club."),
    (date(2026, 1, 22), "empathy_map", "同理心地图：安装师傅上门的那一天 Empathy map: the day the installer comes",
     "从客户的角度画出安装当天的所见、所听、所想、所做。\nWhat the customer sees, hears, thinks and does on "
     "installation day.", ("CS", "SCM", "PRD"), 1, (2, 1, 0), "合作安装公司的培训主管作为专家。The partner "
     "installer's training lead joined as an expert."),
    (date(2026, 2, 12), "brainstorming", "春节前的服务承诺 Our service promise before the Spring Festival",
     "春节前后送装和客服的承诺怎么说清楚？\nHow do we state delivery and service promises around the holiday?",
     ("CS", "SCM", "MKT"), 2, (0, 0, 0), ""),
    (date(2026, 3, 19), "journey_mapping", "全旅程地图：从下单到第一次使用 Journey map: from order to first use",
     "把购买、送装、首次使用的每个接触点贴在墙上，标出痛点与爽点。\nEvery touchpoint from order to first use on "
     "the wall, with pain and delight points marked.", ("SAL", "SCM", "CS", "PRD", "MKT"), 2, (4, 0, 3),
     "电商客户 2 位、门店客户 2 位、核心用户 3 位。Two online and two in-store buyers, three core users."),
    (date(2026, 4, 23), "challenge_ideation", "挑战发想：夜间和周末也 2 小时内回应 Challenge: a 2-hour answer at night "
     "and at weekends", "如果晚上 10 点客户报修，我们怎样在 2 小时内回应？\nIf a customer reports a fault at 10 pm, "
     "how do we answer within 2 hours?", ("CS", "IT", "HR"), 1, (0, 1, 2), "外部专家：呼叫中心排班顾问。"
     "Expert: a contact-centre scheduling consultant."),
    (date(2026, 5, 21), "screening", "筛选与排序：第一季度的 40 个想法 Screening the first quarter's 40 ideas",
     "用点投票和影响 × 难度矩阵筛选前几场工作坊的想法。\nDot votes and the impact × effort matrix on the ideas "
     "of earlier workshops.", ("CS", "SCM", "PRD", "SAL", "FIN"), 0, (0, 0, 0), ""),
    (date(2026, 6, 18), "brainstorming", "核心用户共创：让客户不必重复讲述 Core users: never make customers repeat "
     "themselves", "客户为什么要把问题讲三遍？哪里断了？\nWhy do customers tell their story three times? Where does "
     "it break?", ("CS", "IT", "SAL"), 0, (2, 0, 4), "4 位会员俱乐部核心用户，2 位投诉过的客户。Four club members "
     "and two customers who had complained."),
    (date(2026, 7, 16), "empathy_map", "财务遇见客户：等待退款的感受 Finance meets the customer: waiting for a refund",
     "退款慢的时候客户在想什么？\nWhat do customers think while a refund is slow?", ("FIN", "CS", "SAL"), 1, (2, 0, 0),
     "2 位近期申请退款的客户。Two customers who recently asked for a refund."),
    (date(2026, 8, 20), "journey_mapping", "售后维修旅程 The service and repair journey",
     "从报修到修好的每一步，谁负责，客户看到什么。\nEvery step from reporting a fault to a fixed product: who owns "
     "it, what the customer sees.", ("CS", "SCM", "PRD", "IT"), 2, (3, 1, 2), "维修网点负责人作为专家。"
     "A repair-centre manager as expert."),
    (date(2026, 9, 10), "challenge_ideation", "双 11 之前：送装承诺压力测试 Before Double 11: stress-testing the "
     "delivery promise", "订单翻三倍时，48 小时承诺还守得住吗？\nCan we keep the 48-hour promise when orders triple?",
     ("SCM", "SAL", "MKT", "CS"), 0, (0, 1, 0), "物流合作伙伴的运营经理。The logistics partner's operations manager."),
    (date(2026, 9, 24), "brainstorming", "门店与线上，一致的体验 One experience in store and online",
     "同一个客户在门店和 App 听到的承诺一样吗？\nDoes a customer hear the same promise in the store and in the app?",
     ("SAL", "MKT", "IT"), 1, (3, 0, 1), "门店和电商客户各 1–2 位。One or two buyers from each channel."),
    (date(2026, 10, 22), "screening", "把想法变成 11 月目标 Turning ideas into November targets",
     "筛选第三季度想法，挑出可以成为部门月度目标的几项。\nScreen the third quarter's ideas and pick those that can "
     "become departments' monthly targets.", ("CS", "SCM", "PRD", "SAL", "MKT", "FIN", "IT"), 2, (0, 0, 0), ""),
    (date(2026, 11, 12), "brainstorming", "客户之声月会：差评里的 10 个机会 Voice of the customer: ten chances in poor "
     "ratings", "逐条读 10 条差评，找出背后的环节。\nRead ten poor ratings one by one and find the step behind each.",
     ("CS", "PRD", "SCM"), 1, (2, 0, 2),
     "2 位写过差评的客户愿意来聊。Two customers who left poor ratings came to talk."),
]
PLANNED = [
    (date(2026, 11, 26), "other", "跨部门复盘：我们的部门墙在哪里？ Cross-department review: where are our walls?",
     "用评估结果里的部门差距，讨论交接处的断点。\nUse the department gaps from the assessment to discuss the "
     "hand-offs that break.", ("CS", "SAL", "SCM", "FIN"), 2, (0, 0, 0), "", "世界咖啡 World café"),
    (date(2026, 12, 17), "challenge_ideation", "年度共创：2027 年的客户体验承诺 Annual co-creation: our 2027 customer "
     "promise", "回顾一年的想法和目标，共创 2027 年对客户的承诺。\nLook back at a year of ideas and targets and "
     "co-create the promise for 2027.", ("CS", "SCM", "PRD", "SAL", "MKT", "FIN", "IT", "HR"), 2, (4, 1, 4),
     "邀请 4 位客户、4 位核心用户和 1 位行业专家。Four customers, four core users and one industry expert.", ""),
]
# kind, title, stage, touchpoint, department
IDEAS = [
    ("pain_point", "送装时间只给一整天，客户只能请假在家等 Delivery slot is a whole day; customers take leave to wait",
     "delivery", "送装预约短信 Booking SMS", "SCM"),
    ("improvement", "预约时给 2 小时时间窗并在出发时提醒 2-hour slots and a message when the van leaves", "delivery",
     "送装预约短信 Booking SMS", "SCM"),
    ("pain_point", "安装师傅不知道客户之前报过的问题 The installer does not know what the customer already reported",
     "installation", "派工单 Work order", "CS"),
    ("delight_point", "师傅安装后教客户用第一个程序 The installer runs the first programme with the customer",
     "installation", "安装上门 Installer visit", "SCM"),
    ("improvement", "安装后 24 小时内回访并记录问题 Call back within 24 hours of installation", "use",
     "回访电话 Follow-up call", "CS"),
    ("pain_point", "夜间报修只能留言，第二天才有人回 Night-time fault reports wait until morning", "service",
     "服务热线 Service hotline", "CS"),
    ("improvement", "夜间值班轮岗加在线预诊断 Night rota plus online pre-diagnosis", "service",
     "服务热线 Service hotline", "CS"),
    ("improvement", "App 里报修可上传照片和视频 Report a fault in the app with photos and video", "service",
     "App 报修 In-app fault report", "IT"),
    ("pain_point", "客户换一个客服就要重讲一遍 Customers repeat their story to every new agent", "service",
     "客服转接 Agent hand-over", "CS"),
    ("improvement", "客户信息一屏看全，转接时自动带上记录 One customer view that follows every hand-over", "service",
     "客服工作台 Agent desktop", "IT"),
    ("pain_point", "退款审批要经过三个人，客户等一周 Three approvals for a refund; customers wait a week",
     "service", "退款流程 Refund process", "FIN"),
    ("improvement", "500 元以下退款客服可直接批准 Agents approve refunds under ¥500", "service",
     "退款流程 Refund process", "FIN"),
    ("delight_point", "退款到账时发一条致歉短信 An apology message when the refund arrives", "service",
     "退款通知 Refund notice", "FIN"),
    ("pain_point", "门店说 24 小时送到，App 说 48 小时 The store says 24 hours, the app says 48", "purchase",
     "门店与 App 承诺 Store and app promise", "SAL"),
    ("improvement", "全渠道统一的送装承诺话术 One delivery promise script for every channel", "purchase",
     "销售话术 Sales script", "MKT"),
    ("pain_point", "广告里的“次日达”在三线城市做不到 'Next-day' ads cannot be kept in smaller cities", "awareness",
     "广告投放 Advertising", "MKT"),
    ("improvement", "按城市显示真实送装时效 Show the real delivery time per city", "purchase",
     "商品详情页 Product page", "MKT"),
    ("delight_point", "老客户复购时记得他家的安装条件 Repeat buyers: we remember their home set-up", "repurchase",
     "会员档案 Member profile", "SAL"),
    ("pain_point", "说明书太厚，客户找不到第一步 The manual is thick; customers cannot find the first step", "use",
     "说明书 User manual", "PRD"),
    ("improvement", "一页快速上手卡和视频二维码 A one-page quick-start card with a video QR code", "use",
     "包装内卡片 In-box card", "PRD"),
    ("improvement", "大促前 2 周加开临时仓和安装队 Temporary warehouse and installer teams before the peak",
     "delivery", "大促备货 Peak preparation", "SCM"),
    ("pain_point", "送装改期没人主动通知 Nobody tells customers when a delivery slips", "delivery",
     "改期通知 Rescheduling notice", "SCM"),
    ("improvement", "改期自动短信并给出新时间 Automatic message with the new time when a delivery slips",
     "delivery", "改期通知 Rescheduling notice", "SCM"),
    ("delight_point", "客服记得上次的问题并主动问好 The agent remembers last time and asks after it", "service",
     "服务热线 Service hotline", "CS"),
    ("improvement", "差评 2 小时内由组长回电 Team leads call back poor ratings within 2 hours", "service",
     "差评回访 Poor-rating call-back", "CS"),
    ("pain_point", "发票要客户自己再申请 Customers must ask again for the invoice", "purchase",
     "发票 Invoice", "FIN"),
    ("improvement", "下单即自动开电子发票 E-invoice issued automatically with the order", "purchase",
     "发票 Invoice", "FIN"),
    ("improvement", "新员工入职第一周听 5 通客户电话 New hires listen to five customer calls in week one", "",
     "新员工入职 Induction", "HR"),
    ("delight_point", "安装后留下的保护膜和包装被带走 The installer takes the packaging away", "installation",
     "安装上门 Installer visit", "SCM"),
    ("improvement", "App 首页显示订单所在环节 Order status on the app's home screen", "delivery",
     "App 订单页 App order page", "IT"),
    ("pain_point", "旧机回收要另约一次上门 Taking the old appliance away needs a second visit", "installation",
     "旧机回收 Old-appliance pick-up", "SCM"),
    ("improvement", "送新机时顺带回收旧机 Collect the old appliance when delivering the new one", "installation",
     "旧机回收 Old-appliance pick-up", "SCM"),
    ("pain_point", "热线等待超过 5 分钟没有提示 No word on the hotline after five minutes of waiting", "service",
     "服务热线 Service hotline", "CS"),
    ("improvement", "排队超过 3 分钟提供回拨 Offer a call-back after three minutes in the queue", "service",
     "服务热线 Service hotline", "IT"),
    ("delight_point", "销售顾问主动提醒延保到期 The sales adviser reminds customers before the warranty ends",
     "repurchase", "延保提醒 Warranty reminder", "SAL"),
    ("pain_point", "促销规则太复杂，客户结账时才发现不能叠加 Promotion rules surprise customers at checkout",
     "purchase", "结账 Checkout", "MKT"),
    ("improvement", "结账前一句话说清优惠 One plain sentence on the discount before checkout", "purchase",
     "结账 Checkout", "MKT"),
    ("pain_point", "维修配件缺货时客户不知道要等多久 Customers are not told how long a missing part takes",
     "service", "配件等待 Waiting for parts", "SCM"),
    ("improvement", "配件到货预计日期同步给客户 Share the expected arrival date of the part", "service",
     "配件等待 Waiting for parts", "SCM"),
    ("delight_point", "维修后送一张清洁保养卡 A care card left after every repair", "service",
     "维修上门 Repair visit", "CS"),
    ("pain_point", "线上咨询机器人答非所问 The online chatbot answers the wrong question", "awareness",
     "在线咨询 Online chat", "IT"),
    ("improvement", "机器人两次答不上就转人工 Hand over to a person after two missed answers", "awareness",
     "在线咨询 Online chat", "IT"),
    ("improvement", "每月评选“客户之星”并分享故事 A monthly customer star and their story", "",
     "内部表彰 Recognition", "HR"),
    ("pain_point", "大客户的安装需求在交接中丢失 Key-account installation needs get lost in the hand-over",
     "installation", "销售到送装交接 Sales-to-delivery hand-over", "SAL"),
    ("improvement", "大客户订单附安装要求清单 A checklist of installation needs on key-account orders",
     "installation", "销售到送装交接 Sales-to-delivery hand-over", "SAL"),
    ("delight_point", "首次使用后收到一条个性化使用小贴士 A personal tip after the first use", "use",
     "使用提醒 Usage tips", "PRD"),
    ("pain_point", "产品故障代码客户看不懂 Customers cannot read the error codes", "use",
     "故障代码 Error codes", "PRD"),
    ("improvement", "屏幕上直接显示故障原因和下一步 Show the cause and the next step on the display", "use",
     "故障代码 Error codes", "PRD"),
]
PROMOTE = {11: 2, 12: 1}  # workshop index → how many of its best improvement ideas became next month's targets
# Ideas that became targets the department drafted in a later month: idea title start → target title start.
BECAME = {
    "预约时给 2 小时时间窗": "48 小时送装达成率", "客户换一个客服就要重讲一遍": "客户重复讲述问题的工单数",
    "客户信息一屏看全": "客户信息一屏看全", "500 元以下退款": "退款 3 天内到账",
    "按城市显示真实送装时效": "广告承诺与实际送装时效一致",
    "一页快速上手卡": "每月上线 1 个让用户", "新员工入职第一周听 5 通客户电话": "新员工客户体验入职课完成率",
    "下单即自动开电子发票": "发票一次开对率", "差评 2 小时内由组长回电": "每周复盘 3 个差评工单",
    "改期自动短信并给出新时间": "配送改期主动通知率",
}
# People rarely free for a workshop: reach stays below everyone.
BUSY = ("sal.3", "fin.1", "mkt.2", "it.1")
FEEDBACK_COMMENTS = [
    "第一次和客户面对面，很有触动。Meeting customers face to face hit home.",
    "时间有点紧，想法来不及深入。A bit rushed; no time to go deep.",
    "希望下次有财务和 IT 的同事。Hope finance and IT join next time.",
    "方法很好用，回去就在组里用。Great method; I will use it with my team.",
    "", "", "希望看到上次想法的进展。I'd like to see what happened to last time's ideas.",
    "主持人节奏很好。Well facilitated.", "", "客户的原话最有力量。The customers' own words were the strongest part.",
]


def _tz() -> ZoneInfo:
    """The organisation's time zone."""
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Asia/Shanghai"))


def _departments(codes) -> list[Department]:
    """Departments by code, in the given order."""
    found = {d.code: d for d in db.session.scalars(sa.select(Department).where(Department.code.in_(codes)))}
    return [found[c] for c in codes if c in found]


def _create(spec, users: dict[str, User], method_note: str = "") -> Workshop:
    """One workshop, 14:00–16:30 local time, facilitated by HR."""
    day, method, title, topic, codes, room, (customers, experts, core), notes = spec[:8]
    data = {"title": title, "topic": topic, "starts_at": times.combine(day, time(14), _tz()),
            "ends_at": times.combine(day, time(16, 30), _tz()), "location": ROOMS[room],
            "online_url": ONLINE if room == 2 else "", "facilitator_id": users["hr"].id, "method": method,
            "method_note": method_note, "employees_count": 0, "customers_count": customers,
            "experts_count": experts, "core_users_count": core, "cocreator_notes": notes, "capacity": 40}
    workshop = operations.create_workshop(data, _departments(codes), [users["hr"]], users["hr"])
    workshop.created_at = times.to_utc(datetime.combine(day - timedelta(days=14), time(10)), _tz())
    return workshop


def _answers(rng: random.Random, workshop: Workshop, share: float) -> None:
    """Invitees answer in the two weeks before; most say yes."""
    for invitation in sorted(workshop.invitations, key=lambda i: i.user_id):
        if rng.random() < share:
            invitation.rsvp = "yes" if rng.random() < 0.82 else "no"
            invitation.rsvp_at = workshop.starts_at - timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 8))
            if invitation.rsvp == "no" and rng.random() < 0.5:
                invitation.rsvp_note = rng.choice(["出差 On a business trip", "客户拜访 Customer visit",
                                                   "休假 On leave"])
    db.session.flush()


def _attend(rng: random.Random, workshop: Workshop, everyone: list[User], hr: User, busy: set[int]) -> None:
    """Most who said yes come, a few who did not answer come, one or two walk in; busy people rarely."""
    present = set()
    for invitation in workshop.invitations:
        chance = {"yes": 0.92, "pending": 0.5, "no": 0.05}[invitation.rsvp]
        if rng.random() < (chance if invitation.user_id not in busy else 0.03):
            present.add(invitation.user_id)
    invited = {i.user_id for i in workshop.invitations}
    others = [u for u in everyone if u.id not in invited and u.id not in busy]
    walk_ins = {u.id for u in rng.sample(others, k=min(len(others), rng.choice((0, 1, 1, 2))))}
    operations.record_attendance(workshop, present | walk_ins, walk_ins, hr)
    workshop.employees_count = len(present | walk_ins)
    for row in workshop.attendance:
        row.created_at = workshop.starts_at


def _feedback(rng: random.Random, workshop: Workshop, people: dict[int, User], quality: float) -> None:
    """About two thirds of the attendees rate it the day after."""
    for row in sorted(workshop.attendance, key=lambda a: a.user_id):
        if rng.random() < 0.68:
            rating = max(1, min(5, round(quality + rng.choice((-1, -0.5, 0, 0, 0.5, 1)))))
            item = operations.give_feedback(workshop, people[row.user_id], rating, rng.choice(FEEDBACK_COMMENTS))
            item.created_at = workshop.ends_at + timedelta(hours=rng.randint(16, 40))


def _ideas(rng: random.Random, workshop: Workshop, picks: list[tuple], depts: dict[str, Department], hr: User):
    """The workshop's ideas, screened with dot votes and impact × effort."""
    scores = {}
    for kind, title, stage, touchpoint, code in picks:
        idea = operations.add_idea(workshop, {"kind": kind, "title": title, "stage": stage, "touchpoint": touchpoint,
                                              "department_id": depts[code].id, "description": ""}, hr)
        idea.created_at = workshop.ends_at
        impact, effort = rng.randint(2, 5), rng.randint(1, 5)
        decision = "shortlisted" if impact >= 4 and effort <= 3 else rng.choice(("open", "parked", "open"))
        scores[idea.id] = {"dot_votes": rng.randint(0, 12), "impact": impact, "effort": effort, "decision": decision}
    operations.screen_ideas(workshop, scores)


def _promote(workshop: Workshop, count: int, users: dict[str, User]) -> None:
    """Promote the best improvement ideas to targets of the month after the workshop (when that month is open)."""
    try:
        from cxgov.targets import operations as targets
    except ImportError:
        return
    month = times.shift_month(times.local_month(workshop.starts_at, _tz()), 1)
    improvements = {i.id: i for i in workshop.ideas if i.kind == "improvement"}
    ranked = metrics.rank([metrics.IdeaScore(i.id, i.dot_votes, i.impact, i.effort) for i in improvements.values()],
                          by="matrix")
    for idea in [improvements[i] for i in ranked[:count]]:
        department = idea.department
        if targets.is_closed(month) or targets.count_in_month(department.id, month) >= targets.settings() \
                .max_per_department:
            continue
        lead = users.get(f"lead.{department.code.lower()}")
        data = {"title": idea.title, "description": idea.touchpoint, "kind": "milestone", "unit": "",
                "direction": "higher", "baseline": None, "target_value": None, "owner_id": lead.id if lead else None,
                "points": 15, "evidence": "", "dimension_code": "ACTION"}
        target = operations.promote_to_target(idea, department, month, data, users["cxo"])  # HR may not set targets
        if month <= times.local_month(utcnow(), _tz()) and users.get("cxo") is not None:
            targets.approve(target, users["cxo"], "来自工作坊的好想法。A good idea from the workshop.")


def _link_later_targets(held: list[Workshop]) -> None:
    """History: some ideas became a target their department drafted in a later month (the link is on the idea)."""
    try:
        from cxgov.targets.models import Target
    except ImportError:
        return
    for workshop in held:
        month = times.local_month(workshop.starts_at, _tz())
        for idea in workshop.ideas:
            start = next((v for k, v in BECAME.items() if idea.title.startswith(k)), None)
            if start is None or idea.target_id is not None:
                continue
            target = db.session.scalar(sa.select(Target).where(
                Target.department_id == idea.department_id, Target.month > month, Target.title.startswith(start))
                .order_by(Target.month, Target.id).limit(1))
            if target is not None:
                # Loaded as history: the promotion happened when the department drafted the target.
                idea.target_id, idea.promoted_at, idea.decision = target.id, target.created_at, "shortlisted"
                idea.promoted_by_id = target.created_by_id
    db.session.flush()


def load(users: dict[str, User]) -> list[Workshop]:
    """The series since December 2025: held, cancelled, planned; ideas, feedback, promotions."""
    rng = random.Random(20251218)  # nosec B311  # seeded demo data, not a secret
    everyone = [u for u in db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.id))
                if not is_read_only(u)]
    people = {u.id: u for u in everyone}
    depts = {d.code: d for d in db.session.scalars(sa.select(Department))}
    hr = users["hr"]
    for month, per_month, note in (("2025-12", 1, "一月一场 One a month"),
                                   ("2026-02", 0, "春节月不安排 No workshop in the Spring Festival month"),
                                   ("2026-03", 1, ""), ("2026-09", 2, "大促季加一场 One more in the peak season")):
        operations.set_goal(month, per_month, note)
    held, pool = [], list(IDEAS)
    rng.shuffle(pool)
    for index, spec in enumerate(WORKSHOPS):
        workshop = _create(spec, users)
        _answers(rng, workshop, 0.9)
        if spec[0] == date(2026, 2, 12):
            operations.cancel_workshop(workshop, "春节前请假的人太多，改到 3 月。Too many people on leave before the "
                                                 "holiday; moved to March.")
            continue
        _attend(rng, workshop, everyone, hr, {users[k].id for k in BUSY if k in users})
        _feedback(rng, workshop, people, quality=3.6 + index * 0.07)
        picks = [pool.pop() for _k in range(min(len(pool), rng.randint(3, 4)))]
        _ideas(rng, workshop, picks, depts, hr)
        _promote(workshop, PROMOTE.get(index, 0), users)
        held.append(workshop)
    _link_later_targets(held)
    for spec in PLANNED:
        workshop = _create(spec[:8], users, spec[8])
        _answers(rng, workshop, 0.55 if spec[0].month == 12 else 0.85)
    db.session.flush()
    return held

