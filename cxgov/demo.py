"""The demo company: a home-appliance maker in its second year with cxgov.

Used by `flask --app wsgi cxgov demo` and by `make run` on an empty database.
The shared password below exists only here and in the README.
"""
from datetime import UTC, datetime

from cxgov.audit.tracking import acting_as
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org import operations

DEMO_DOMAIN = "demo.cxgov.example"
DEMO_PASSWORD = "cxgov-demo"  # nosec B105  # the demo accounts' documented password

ORGANISATION = {
    "name": "晨星家电 Morningstar Appliances",
    "vision": "让每个家庭都信赖晨星：好用、耐用、有人管。\nEvery household trusts Morningstar: easy to use, built "
              "to last, and always looked after.",
    "mission": "从客户的一天出发设计产品与服务，让购买、安装、使用和售后的每个环节都省心。\nWe design products and "
               "services around the customer's day, so that buying, installing, using and servicing are effortless.",
    "values": "客户第一；说到做到；跨部门一起担责；小步快跑，持续改进。\nCustomer first; do what we promise; own "
              "problems together across departments; small steps, constant improvement.",
    "brand_promise": "48 小时内送装到家，一次装好；有问题 2 小时内回应，24 小时内给出方案；客户无需重复讲述问题。\n"
                     "Delivered and installed within 48 hours, right first time; any problem answered within 2 hours "
                     "and resolved or planned within 24; customers never have to repeat themselves.",
    "fiscal_year_start_month": 1,
    "default_locale": "zh",
}

# code, English name, Chinese name, kind, lead (name, title), members [(name, title)]
DEPARTMENTS = [
    ("EXO", "Executive Office", "总经办", "functional", ("王建国 Wang Jianguo", "CEO 首席执行官"), []),
    ("PRD", "Product", "产品部", "functional", ("刘洋 Liu Yang", "Head of Product 产品总监"),
     [("赵敏 Zhao Min", "Product manager 产品经理"), ("孙浩 Sun Hao", "UX designer 体验设计师")]),
    ("MKT", "Marketing", "市场部", "customer_facing", ("周婷 Zhou Ting", "Head of Marketing 市场总监"),
     [("吴磊 Wu Lei", "Brand manager 品牌经理"), ("郑爽 Zheng Shuang", "Digital marketing 数字营销")]),
    ("SAL", "Sales", "销售部", "customer_facing", ("黄志强 Huang Zhiqiang", "Head of Sales 销售总监"),
     [("林峰 Lin Feng", "Key accounts 大客户经理"), ("何静 He Jing", "Store sales 门店销售"),
      ("马超 Ma Chao", "E-commerce sales 电商运营")]),
    ("CS", "Customer Service", "客户服务部", "customer_facing", ("李娜 Li Na", "Head of Service 客服总监"),
     [("高飞 Gao Fei", "Service team lead 客服组长"), ("罗丽 Luo Li", "Service agent 客服专员"),
      ("梁伟 Liang Wei", "Installer coordinator 安装调度")]),
    ("SCM", "Supply Chain", "供应链部", "support", ("陈刚 Chen Gang", "Head of Supply Chain 供应链总监"),
     [("宋佳 Song Jia", "Logistics planner 物流计划"), ("唐杰 Tang Jie", "Warehouse lead 仓储主管")]),
    ("FIN", "Finance", "财务部", "functional", ("许文 Xu Wen", "CFO 财务总监"),
     [("邓楠 Deng Nan", "Accounts receivable 应收会计")]),
    ("HR", "Human Resources", "人力资源部", "support", ("冯雪 Feng Xue", "Head of HR 人力资源总监"), []),
    ("IT", "Information Technology", "信息技术部", "support", ("曹明 Cao Ming", "CIO 信息总监"),
     [("彭宇 Peng Yu", "Service systems 客服系统工程师")]),
]

# e-mail prefix, name, title, department code, roles
SPECIAL_ACCOUNTS = [
    ("ceo", "王建国 Wang Jianguo", "CEO 首席执行官", "EXO", ["executive"]),
    ("cxo", "陈思远 Chen Siyuan", "CX programme manager 客户体验项目经理", "EXO", ["cx_office"]),
    ("hr", "韩梅 Han Mei", "HR culture lead 企业文化经理", "HR", ["hr", "member"]),
    ("viewer", "董事会观察员 Board Observer", "Board member 董事", None, ["viewer"]),
    ("admin", "系统管理员 System Admin", "IT administrator 系统管理员", "IT", ["admin"]),
]


def email(prefix: str) -> str:
    """A demo e-mail address."""
    return f"{prefix}@{DEMO_DOMAIN}"


def is_empty() -> bool:
    """True when no user exists yet."""
    return db.session.scalar(db.select(db.func.count(User.id))) == 0


def load(publish_reports: bool = True) -> dict[str, User]:
    """Create the demo organisation, departments and accounts (caller commits).

    Publishing last year's annual report renders two PDFs (a few seconds each); `publish_reports=False`
    leaves it for the user to do.
    """
    from cxgov.assessments import demo as assessments_demo

    with acting_as(None, "demo loader"):
        operations.save_organisation(ORGANISATION)
        users = _load_special_accounts()
        _load_departments(users)
        assessments_demo.load(users)
        # Each feature below loads its demo history under its own marker (and imports inside the marker).
        # --- teams ---
        from cxgov.teams import demo as teams_demo

        teams_demo.load(users)
        # --- targets ---
        from cxgov.targets import demo as targets_demo

        targets_demo.load(users)
        # --- workshops ---
        from cxgov.workshops import demo as workshops_demo

        workshops_demo.load(users)
        # --- actions ---
        from cxgov.actions import demo as actions_demo

        actions_demo.load(users)
        # --- reviews ---
        from cxgov.reviews import demo as reviews_demo

        reviews_demo.load(users)
        # --- alignment ---
        from cxgov.alignment import demo as alignment_demo

        alignment_demo.load(users)
        # --- reports ---
        from cxgov.reports import demo as reports_demo

        if publish_reports:
            reports_demo.load(users)
        # --- rhythm (inbox, e-mail, chat, calendar feeds, scheduled runs) ---
        from cxgov.rhythm import demo as rhythm_demo

        rhythm_demo.load(users)
    return users


def _load_special_accounts() -> dict[str, User]:
    """The CEO, CX office, HR, viewer and admin accounts, before their departments exist."""
    users = {}
    for prefix, name, title, _code, roles in SPECIAL_ACCOUNTS:
        users[prefix] = operations.create_user(
            {"email": email(prefix), "name": name, "job_title": title}, roles, DEMO_PASSWORD)
    return users


# The departments exist from before the first cycle (Spring 2025): a cycle expects the departments that existed
# when it was set up, so departments created on the day the demo loads would make every past cycle look full.
FOUNDED = datetime(2025, 1, 2, 1, tzinfo=UTC)  # 09:00 in Shanghai


def _load_departments(users: dict[str, User]) -> None:
    """Departments with a lead and members each; the CEO leads the executive office."""
    codes = {prefix: code for prefix, _n, _t, code, _r in SPECIAL_ACCOUNTS}
    for code, name_en, name_zh, kind, (lead_name, lead_title), members in DEPARTMENTS:
        dept = operations.create_department({"code": code, "name_en": name_en, "name_zh": name_zh, "kind": kind})
        dept.created_at = FOUNDED  # the company existed before its first assessment cycle
        if code == "EXO":
            lead = users["ceo"]
        else:
            lead = operations.create_user({"email": email(f"lead.{code.lower()}"), "name": lead_name,
                                           "job_title": lead_title, "department_id": dept.id},
                                          ["dept_lead"], DEMO_PASSWORD)
            users[f"lead.{code.lower()}"] = lead
        dept.lead_id = lead.id
        for index, (member_name, member_title) in enumerate(members, start=1):
            prefix = f"{code.lower()}.{index}"
            users[prefix] = operations.create_user(
                {"email": email(prefix), "name": member_name, "job_title": member_title, "department_id": dept.id},
                ["member"], DEMO_PASSWORD)
        for prefix, dept_code in codes.items():
            if dept_code == code:
                users[prefix].department_id = dept.id
    db.session.flush()
