// Definitions of the dashboards' figures (union conversion dashboard, center and contest
// dashboards): each figure is defined once, here, and printed next to it on the page.
export const zh = {
  "dash.col.people": "人数",
  "dash.definitions": "指标说明",
  "dash.chart.of": "{table}：{series}",
  "dash.def.view": "浏览：活动、竞赛或活动中心页面的访客；每位访客每个页面每天计一次，含未登录访客。",
  "dash.def.signup": "报名：取得的活动名额（含候补转正）和提交的竞赛作品。",
  "dash.def.attend": "参加：活动现场签到，每人每场计一次。",
  "dash.def.join_click": "点击入会：在活动、竞赛或活动中心页面点击“申请入会”，每人每个来源每天计一次。",
  "dash.def.apply": "提交申请：提交的入会申请，计入申请人最后一次接触的来源（90 天内）。",
  "dash.def.approve": "批准入会：批准的入会申请，计入该申请的来源。",
  "dash.def.count": "人次：该环节在时间范围内发生的次数。",
  "dash.def.people": "人数：时间范围内到达该环节的已登录用户人数（未登录访客无法识别，不计入）。",
  "dash.def.stepConversion":
    "环节转化率：到达上一环节的人中，也到达本环节的比例。分子分母是同一批人，所以不会超过 100%；没有人到达上一环节时显示“—”。",
  "dash.def.overallConversion": "总转化率：有浏览记录的人中，到达本环节的比例。",
  "dash.def.breakdown":
    "各列为时间范围内的人次，定义同“转化漏斗”；申请和批准计入最后一次接触的来源，因此与报名人数不可直接相除。",
  "dash.def.byCounty": "按来源所在的县（市、区）统计。",
  "dash.def.top": "只列出批准入会最多的 20 项（其次按报名、浏览排序），导出包含全部。",
  "dash.def.migrant": "按本人登记的农民工身份统计；未登记身份的不计入。",
  "dash.def.trend": "按发生日期（北京时间）汇总，每周从星期一开始。",
  "dash.def.ttc": "从首次接触（申请前 90 天内）到批准入会的天数；没有接触记录的为“直接申请”。",
  "dash.def.sources": "按批准入会人数排列的前 10 个来源（最后一次接触）。",
  "dash.def.organisation": "“今年”指 1 月 1 日（北京时间）至今，不受上面的时间范围影响。",
  "dash.def.coverage": "入会率 = 会员总数 ÷ 法人单位登记的职工总数；没有登记职工时显示“—”。",
  "dash.center.def.views": "浏览：活动页面的访客，每位访客每天计一次，含未登录访客。",
  "dash.center.def.signups": "报名：取得名额的人次（含候补转正，含之后取消的），与入会转化看板的“报名”相同。",
  "dash.center.def.waitlisted": "候补：目前在候补名单上的人数。",
  "dash.center.def.cancelled": "取消：目前已取消的报名。",
  "dash.center.def.attended": "签到：现场签到的人数，与入会转化看板的“参加”相同。",
  "dash.center.def.rate": "到场率：取得名额的人中签到的比例；无人报名时显示“—”。",
  "dash.center.def.joinClicks": "入会点击：在活动页面点击“申请入会”，每人每天计一次。",
  "dash.contest.def.adoptionRate":
    "采纳率：已评定的作品中被采纳的比例（不含撤回和评审中的作品）；没有评定的作品时显示“—”。",
  "dash.contest.def.migrants": "提交人登记为农民工的作品数（不含撤回的）。",
  "dash.contest.def.nonMembers": "提交人尚未入会的作品数（不含撤回的）。",
  "dash.contest.def.verifiedBenefit": "已核实效益：各作品核实的实际节约金额之和。",
} as const;

export const en: Record<keyof typeof zh, string> = {
  "dash.col.people": "People",
  "dash.definitions": "Definitions",
  "dash.chart.of": "{table}: {series}",
  "dash.def.view":
    "Views: visitors to an activity, contest or center page; each visitor once per page per day, visitors not signed in included.",
  "dash.def.signup":
    "Sign-ups: seats taken at activities (promotions from the waiting list included) and contest entries submitted.",
  "dash.def.attend": "Attended: check-ins at the door, once per person per activity.",
  "dash.def.join_click":
    "Join clicks: clicks on “Join the union” from an activity, contest or center page, once per person, source and day.",
  "dash.def.apply": "Applications: membership applications, credited to the applicant's last touch (within 90 days).",
  "dash.def.approve": "Approved: approved applications, credited to the application's source.",
  "dash.def.count": "Count: how many times the stage happened in the period.",
  "dash.def.people":
    "People: signed-in people who reached the stage in the period (visitors who are not signed in cannot be told apart and are left out).",
  "dash.def.stepConversion":
    "Step conversion: of the people who reached the previous stage, the share who also reached this one. Both are the same people, so it never exceeds 100 %; “—” when nobody reached the previous stage.",
  "dash.def.overallConversion": "Overall conversion: of the people with a view, the share who reached this stage.",
  "dash.def.breakdown":
    "Columns count events in the period, defined as in the funnel; applications and approvals are credited to the last touch, so they cannot be divided by the same row's sign-ups.",
  "dash.def.byCounty": "By the county/district of the source.",
  "dash.def.top": "Only the 20 rows with the most approvals (then sign-ups, then views); exports carry every row.",
  "dash.def.migrant": "By the migrant-worker status people gave themselves; people who gave none are left out.",
  "dash.def.trend": "By the day it happened (Beijing time); weeks start on Monday.",
  "dash.def.ttc":
    "Days from the first touch (within 90 days before applying) to approval; “direct” when there was no touch.",
  "dash.def.sources": "The 10 sources (last touch) with the most approved members.",
  "dash.def.organisation": "“This year” is from 1 January (Beijing time) until today; the period above does not apply.",
  "dash.def.coverage":
    "Membership rate = members ÷ workers registered by employers; “—” when no workers are registered.",
  "dash.center.def.views":
    "Views: visitors to the activity's page, each once per day, visitors not signed in included.",
  "dash.center.def.signups":
    "Sign-ups: seats taken (promotions from the waiting list and later cancellations included) — the same as the conversion dashboard's sign-ups.",
  "dash.center.def.waitlisted": "Waiting: people on the waiting list now.",
  "dash.center.def.cancelled": "Cancelled: registrations cancelled so far.",
  "dash.center.def.attended":
    "Attended: people checked in at the door — the same as the conversion dashboard's attended.",
  "dash.center.def.rate": "Attendance: the share of sign-ups who were checked in; “—” when nobody signed up.",
  "dash.center.def.joinClicks":
    "Join clicks: clicks on “Join the union” on the activity's page, once per person per day.",
  "dash.contest.def.adoptionRate":
    "Adoption rate: the share of decided entries that were adopted (withdrawn entries and entries still under review left out); “—” when none is decided.",
  "dash.contest.def.migrants": "Entries (not withdrawn) whose submitter is registered as a migrant worker.",
  "dash.contest.def.nonMembers": "Entries (not withdrawn) whose submitter is not yet a union member.",
  "dash.contest.def.verifiedBenefit": "Verified benefit: the sum of the savings verified for each entry.",
};
