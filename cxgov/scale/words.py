"""Word lists the large demo draws names, titles and values from (bilingual, like the normal demo)."""
from __future__ import annotations

# Family names and given names with their pinyin: a name is drawn from both lists, so few repeat.
SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
            ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
            ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"), ("林", "Lin"),
            ("罗", "Luo"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"), ("唐", "Tang"),
            ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"), ("彭", "Peng"),
            ("曾", "Zeng"), ("肖", "Xiao"), ("田", "Tian"), ("董", "Dong"), ("袁", "Yuan"), ("潘", "Pan"),
            ("于", "Yu"), ("蒋", "Jiang"), ("蔡", "Cai"), ("余", "Yu"), ("杜", "Du"), ("叶", "Ye"), ("程", "Cheng")]
GIVEN = [("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"), ("强", "Qiang"),
         ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"), ("艳", "Yan"), ("杰", "Jie"), ("娟", "Juan"),
         ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying"), ("霞", "Xia"), ("平", "Ping"),
         ("刚", "Gang"), ("桂英", "Guiying"), ("建华", "Jianhua"), ("晓东", "Xiaodong"), ("子涵", "Zihan"),
         ("思远", "Siyuan"), ("雨桐", "Yutong"), ("浩然", "Haoran"), ("欣怡", "Xinyi"), ("宇航", "Yuhang"),
         ("佳琪", "Jiaqi"), ("志强", "Zhiqiang"), ("婷", "Ting"), ("鹏", "Peng"), ("琳", "Lin"), ("博", "Bo"),
         ("海燕", "Haiyan"), ("文博", "Wenbo"), ("嘉怡", "Jiayi"), ("一鸣", "Yiming"), ("俊杰", "Junjie")]

# Regions the regional departments sit in: code, English, Chinese.
REGIONS = [("E", "East", "华东"), ("N", "North", "华北"), ("S", "South", "华南"), ("W", "West", "西部"),
           ("C", "Central", "华中"), ("NE", "Northeast", "东北"), ("SW", "Southwest", "西南"),
           ("NW", "Northwest", "西北"), ("SH", "Shanghai", "上海"), ("BJ", "Beijing", "北京"),
           ("GZ", "Guangzhou", "广州"), ("SZ", "Shenzhen", "深圳"), ("CD", "Chengdu", "成都"),
           ("WH", "Wuhan", "武汉"), ("HZ", "Hangzhou", "杭州"), ("XA", "Xi'an", "西安")]

# Functions a regional department does: code, English, Chinese, kind, the library its targets come from.
FUNCTIONS = [("CS", "Customer Service", "客户服务部", "customer_facing", "CS"),
             ("SAL", "Sales", "销售部", "customer_facing", "SAL"),
             ("INS", "Installation", "安装服务部", "customer_facing", "SCM"),
             ("LOG", "Logistics", "物流部", "support", "SCM"),
             ("MKT", "Marketing", "市场部", "customer_facing", "MKT"),
             ("STO", "Stores", "门店运营部", "customer_facing", "SAL"),
             ("ECM", "E-commerce", "电商部", "customer_facing", "SAL"),
             ("REP", "Repairs", "维修服务部", "customer_facing", "CS"),
             ("FIN", "Finance", "财务部", "functional", "FIN"),
             ("HR", "People", "人力资源部", "support", "HR"),
             ("IT", "IT Support", "信息技术部", "support", "IT"),
             ("PRD", "Product Care", "产品支持部", "functional", "PRD"),
             ("QA", "Quality", "质量部", "functional", "PRD")]

# The normal demo's departments keep their codes in the large demo, so the same accounts sign in at both sizes.
CORE = [("EXO", "Executive Office", "总经办", "functional", "HR"),
        ("PRD", "Product", "产品部", "functional", "PRD"),
        ("MKT", "Marketing", "市场部", "customer_facing", "MKT"),
        ("SAL", "Sales", "销售部", "customer_facing", "SAL"),
        ("CS", "Customer Service", "客户服务部", "customer_facing", "CS"),
        ("SCM", "Supply Chain", "供应链部", "support", "SCM"),
        ("FIN", "Finance", "财务部", "functional", "FIN"),
        ("HR", "Human Resources", "人力资源部", "support", "HR"),
        ("IT", "Information Technology", "信息技术部", "support", "IT")]

LEAD_TITLES = ["Head of {f} {z}负责人", "{f} director {z}总监", "{f} manager {z}经理"]
MEMBER_TITLES = ["Specialist 专员", "Senior specialist 高级专员", "Team lead 组长", "Coordinator 协调员",
                 "Analyst 分析师", "Engineer 工程师", "Agent 坐席", "Planner 计划员", "Consultant 顾问",
                 "Trainee 实习生", "Supervisor 主管", "Account manager 客户经理"]

DIMENSIONS = ("LEAD", "ALIGN", "LISTEN", "JOURNEY", "ENGAGE", "MOTIV", "ACTION", "CAPAB")

# library → [(title, kind, unit, direction, baseline, target, dimension)]; values vary per department and month.
TARGETS = {
    "CS": [("首次响应 ≤ 2 小时的工单占比 Tickets answered within 2 h", "numeric", "%", "higher", 78, 88, "LISTEN"),
           ("投诉 24 小时内给出方案 Complaints resolved or planned within 24 h", "numeric", "%", "higher", 70, 85,
            "LISTEN"),
           ("客户重复讲述问题的工单数 Tickets where the customer repeated the issue", "numeric", "tickets", "lower",
            60, 40, "JOURNEY"),
           ("每周复盘 3 个差评工单 Review three poor ratings every week", "milestone", "", "higher", None, None,
            "ACTION"),
           ("一次解决率 First-contact resolution", "numeric", "%", "higher", 64, 75, "JOURNEY"),
           ("客服满意度 Service satisfaction score", "numeric", "points", "higher", 4.1, 4.5, "CAPAB"),
           ("回访 50 位投诉客户 Call back 50 complainants", "numeric", "calls", "higher", 0, 50, "LISTEN")],
    "PRD": [("上线 1 个让用户“哇”的改进 Ship one 'wow' improvement found with users", "milestone", "", "higher",
             None, None, "ACTION"),
            ("安装预约流程完成率 Installation booking completion in the app", "numeric", "%", "higher", 62, 72,
             "JOURNEY"),
            ("访谈 8 位真实用户 Interview eight real users", "numeric", "interviews", "higher", 0, 8, "LISTEN"),
            ("说明书看懂率 Manuals understood at first read", "numeric", "%", "higher", 58, 70, "JOURNEY"),
            ("开箱不良率 Dead on arrival rate", "numeric", "%", "lower", 1.8, 1.2, "CAPAB"),
            ("完成一次竞品体验走查 Walk through a rival's experience", "milestone", "", "higher", None, None,
             "ALIGN")],
    "MKT": [("广告承诺与实际送装时效一致 Ads promise only what delivery can keep", "milestone", "", "higher", None,
             None, "ALIGN"),
            ("NPS 推荐者占比 Promoters in NPS survey", "numeric", "%", "higher", 41, 45, "CAPAB"),
            ("新品页面常见问题覆盖率 FAQ coverage on product pages", "numeric", "%", "higher", 55, 80, "JOURNEY"),
            ("社媒差评 24 小时回应率 Social complaints answered within 24 h", "numeric", "%", "higher", 60, 85,
             "LISTEN"),
            ("客户故事收集 10 个 Collect ten customer stories", "numeric", "stories", "higher", 0, 10, "ENGAGE"),
            ("活动页退订率 Campaign unsubscribe rate", "numeric", "%", "lower", 2.4, 1.6, "CAPAB")],
    "SAL": [("交付信息一次说清率 Orders with complete delivery info at checkout", "numeric", "%", "higher", 83, 95,
             "JOURNEY"),
            ("复购客户回访 30 位 Call back 30 repeat customers", "numeric", "calls", "higher", 0, 30, "LISTEN"),
            ("咨询到下单转化率 Enquiry to order conversion", "numeric", "%", "higher", 11, 13, "CAPAB"),
            ("门店客户等待超过 10 分钟次数 Store waits over 10 minutes", "numeric", "cases", "lower", 40, 20,
             "JOURNEY"),
            ("记录客户前三大问题 Log customers' top three problems", "milestone", "", "higher", None, None,
             "LISTEN"),
            ("以旧换新说明一次讲清 Trade-in explained right first time", "numeric", "%", "higher", 70, 85,
             "ACTION")],
    "SCM": [("48 小时送装达成率 Delivered and installed within 48 h", "numeric", "%", "higher", 81, 90, "JOURNEY"),
            ("改期主动通知率 Customers told before a delivery slips", "numeric", "%", "higher", 64, 85, "LISTEN"),
            ("破损件数 Items damaged in delivery", "numeric", "items", "lower", 35, 20, "ACTION"),
            ("一次安装成功率 Installed right first time", "numeric", "%", "higher", 88, 95, "JOURNEY"),
            ("预约时段准时率 Arrived within the booked slot", "numeric", "%", "higher", 75, 90, "CAPAB"),
            ("安装师傅服务规范培训 Installer service training", "milestone", "", "higher", None, None, "ENGAGE")],
    "FIN": [("发票一次开对率 Invoices right first time", "numeric", "%", "higher", 92, 97, "JOURNEY"),
            ("退款 3 天内到账 Refunds paid within 3 days", "numeric", "%", "higher", 71, 90, "JOURNEY"),
            ("账单改为客户看得懂的语言 Rewrite the bill in plain words", "milestone", "", "higher", None, None,
             "CAPAB"),
            ("账单相关来电 Bill-related calls", "numeric", "calls", "lower", 300, 200, "LISTEN"),
            ("小额退款授权一线 Small refunds approved by agents", "milestone", "", "higher", None, None, "ALIGN")],
    "HR": [("举办 1 场客户体验工作坊 Hold one CX workshop", "milestone", "", "higher", None, None, "ENGAGE"),
           ("新员工体验入职课完成率 New hires completing the CX induction", "numeric", "%", "higher", 60, 90,
            "ENGAGE"),
           ("绩效面谈含客户指标比例 Reviews that include a customer metric", "numeric", "%", "higher", 20, 40,
            "MOTIV"),
           ("客户体验表彰 5 人 Recognise five CX heroes", "numeric", "people", "higher", 0, 5, "MOTIV"),
           ("一线岗位流失率 Front-line attrition", "numeric", "%", "lower", 4.0, 3.0, "LEAD")],
    "IT": [("客服系统可用率 Service desk system uptime", "numeric", "%", "higher", 99.0, 99.7, "CAPAB"),
           ("客户信息一屏看全 One customer view for agents", "milestone", "", "higher", None, None, "JOURNEY"),
           ("App 崩溃率 App crash rate", "numeric", "%", "lower", 1.2, 0.6, "CAPAB"),
           ("工单系统响应时间 Ticket system response time", "numeric", "ms", "lower", 900, 500, "CAPAB"),
           ("自助服务解决率 Self-service resolution", "numeric", "%", "higher", 30, 40, "JOURNEY")],
}

UPDATE_NOTES = ["", "", "", "按周报数据 from the weekly report", "系统导出 system export",
                "抽样核对 sampled and checked", "含节假日影响 holiday effect included", "区域汇总 regional roll-up"]
EVIDENCE = ["客户之声月报 monthly VoC report", "部门周会纪要 weekly meeting minutes", "NPS 看板截图 NPS dashboard",
            "工作坊输出 workshop output", "流程文件 process document", "神秘顾客报告 mystery shopper report",
            "投诉分析 complaint analysis", "培训签到表 training attendance sheet"]
