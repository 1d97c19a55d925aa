// Demo data for the activities area (see app/seed/index.server.ts): published activities at the
// Fushan and Yaodu centers, with questions, registrations, a full one with a waiting list, one whose
// sign-ups need approval, a past one with attendance, and a draft. Sign-ups, approvals and
// check-ins go through the domain modules, so the seat counters and funnel steps are exactly what
// real use would produce.
import { approveRegistration } from "~/domain/activities/approval.server";
import { checkIn } from "~/domain/activities/checkin.server";
import { signUp } from "~/domain/activities/registration.server";
import { prisma } from "~/utils/db.server";
import { createUser } from "./factories.server";
import type { FoundationSeed } from "./foundation.server";

const DAY = 86400_000;
const HOUR = 3600_000;

/** A day `days` from now at `hour`:00 Beijing time. */
function at(days: number, hour: number) {
  const d = new Date(Date.now() + days * DAY);
  const beijing = new Date(d.getTime() + 8 * HOUR);
  beijing.setUTCHours(hour, 0, 0, 0);
  return new Date(beijing.getTime() - 8 * HOUR);
}

type Q = { kind: "text" | "single" | "multiple"; label: string; options?: string[]; required?: boolean };

async function activity(
  center: { id: string; countyId: string | null },
  createdById: string,
  a: {
    title: string;
    description: string;
    category: string;
    address: string;
    startDays: number;
    hour: number;
    hours: number;
    capacity: number;
    waitlist?: boolean;
    members?: boolean;
    approval?: boolean;
    status?: string;
    questions?: Q[];
    opensDays?: number;
  },
) {
  const startsAt = at(a.startDays, a.hour);
  return prisma.activity.create({
    data: {
      centerId: center.id,
      countyId: center.countyId,
      title: a.title,
      description: a.description,
      category: a.category,
      address: a.address,
      startsAt,
      endsAt: new Date(startsAt.getTime() + a.hours * HOUR),
      signupOpensAt: at(a.opensDays ?? -7, 9),
      signupClosesAt: new Date(startsAt.getTime() - 2 * HOUR),
      capacity: a.capacity,
      waitlistEnabled: a.waitlist ?? true,
      eligibility: a.members ? "members" : "all",
      approvalRequired: a.approval ?? false,
      status: a.status ?? "published",
      createdById,
      questions: {
        create: (a.questions ?? []).map((q, position) => ({
          position,
          kind: q.kind,
          label: q.label,
          options: JSON.stringify(q.options ?? []),
          required: q.required ?? false,
        })),
      },
    },
    include: { questions: true },
  });
}

const WORKER_NAMES = [
  "刘海峰",
  "王秀英",
  "陈建军",
  "杨丽",
  "赵晓东",
  "黄志刚",
  "周红梅",
  "吴磊",
  "郑小燕",
  "孙浩",
  "马建平",
  "胡春花",
];

export async function seedActivities(base: FoundationSeed) {
  const { fushanCenter, yaoduCenter } = base.centers;
  const staff = base.users.centerStaff.id;
  const workers = [];
  for (const [i, name] of WORKER_NAMES.entries()) {
    workers.push(
      await createUser({
        name,
        phone: `1370000${String(100 + i).padStart(4, "0")}`,
        email: null,
        countyId: i % 2 ? base.yaodu : base.fushan,
        isMigrant: i % 3 === 0,
        employerId: i % 2 ? base.enterprises.express.id : base.enterprises.construction.id,
      }),
    );
  }

  const pingpong = await activity(fushanCenter, staff, {
    title: "浮山县职工迎新春乒乓球比赛",
    description:
      "为丰富职工业余文化生活，浮山县总工会举办迎新春职工乒乓球比赛。\n\n**比赛项目**\n\n- 男子单打\n- 女子单打\n- 混合双打\n\n比赛用球由中心提供，请穿运动鞋参赛。",
    category: "sports_culture",
    address: "浮山县天坛镇府前街 18 号 职工文化活动中心二楼乒乓球馆",
    startDays: 10,
    hour: 9,
    hours: 6,
    capacity: 32,
    questions: [
      { kind: "single", label: "参赛项目", options: ["男子单打", "女子单打", "混合双打"], required: true },
      { kind: "single", label: "是否需要借用球拍", options: ["是", "否"] },
    ],
  });
  const electrician = await activity(fushanCenter, staff, {
    title: "低压电工实操技能提升培训班",
    description:
      "由县职业技能鉴定站讲师授课，理论与实操结合，结业后可参加低压电工作业证复审。\n\n请携带身份证复印件一份。",
    category: "skills_training",
    address: "浮山县职业技术学校实训楼 3 层",
    startDays: 5,
    hour: 14,
    hours: 3,
    capacity: 5,
    questions: [
      { kind: "text", label: "现有电工证编号（如有）" },
      {
        kind: "multiple",
        label: "希望重点学习的内容",
        options: ["配电箱接线", "漏电保护", "电机控制", "安全用电规范"],
      },
    ],
  });
  const forklift = await activity(yaoduCenter, staff, {
    title: "尧都区第三届叉车技能比武",
    description: "面向全区物流、仓储企业叉车司机。设理论考试和场地实操两个环节，前三名授予“尧都区技术能手”称号。",
    category: "labour_contest",
    address: "临汾市尧都区鼓楼南大街 66 号 职工文化活动中心室外训练场",
    startDays: 14,
    hour: 8,
    hours: 8,
    capacity: 40,
    waitlist: false,
    questions: [{ kind: "text", label: "叉车操作证编号", required: true }],
  });
  const lecture = await activity(yaoduCenter, staff, {
    title: "劳模工匠讲堂：班组安全生产管理",
    description: "全国劳动模范、晋能煤电集团班组长讲述一线安全管理经验。本场讲座面向工会会员。",
    category: "lecture",
    address: "尧都区职工文化活动中心一楼报告厅",
    startDays: 7,
    hour: 15,
    hours: 2,
    capacity: 120,
    members: true,
  });
  await activity(yaoduCenter, staff, {
    title: "快递小哥志愿服务日：社区义务理发",
    description: "组织快递行业职工志愿者走进社区，为老年人义务理发、整理快递驿站。欢迎有理发手艺的职工报名。",
    category: "volunteering",
    address: "尧都区鼓楼街道新风社区服务站",
    startDays: 3,
    hour: 9,
    hours: 4,
    capacity: 20,
  });
  await activity(fushanCenter, staff, {
    title: "职工书法绘画公益课（春季班）",
    description: "每周六上午开课，共八次。零基础可报名，笔墨纸砚由中心统一提供。",
    category: "other",
    address: "浮山县职工文化活动中心三楼书画室",
    startDays: 20,
    hour: 9,
    hours: 2,
    capacity: 25,
    opensDays: 2,
  });
  await activity(fushanCenter, staff, {
    title: "农民工子女暑期托管志愿者招募（草稿）",
    description: "草稿，尚未发布。",
    category: "volunteering",
    address: "浮山县职工文化活动中心",
    startDays: 40,
    hour: 9,
    hours: 6,
    capacity: 10,
    status: "draft",
  });
  // Approval mode (issue #12): sign-ups wait for the center's staff to approve them.
  const salon = await activity(fushanCenter, staff, {
    title: "职工心理健康沙龙（报名需审核）",
    description:
      "由县医院心理科医生主持的小组沙龙，名额有限，**报名需中心审核**：优先安排一线职工和农民工。\n\n审核结果会通知您。",
    category: "lecture",
    address: "浮山县职工文化活动中心四楼活动室",
    startDays: 9,
    hour: 19,
    hours: 2,
    capacity: 12,
    approval: true,
  });
  const walk = await activity(fushanCenter, staff, {
    title: "浮山县职工健步走活动",
    description: "沿天坛镇环城绿道健步走 5 公里，完成者可领取纪念品。",
    category: "sports_culture",
    address: "浮山县天坛镇环城绿道南入口",
    startDays: -12,
    hour: 8,
    hours: 3,
    capacity: 60,
    opensDays: -25,
  });

  const answer = (a: { questions: { id: string; label: string }[] }, byLabel: Record<string, string | string[]>) =>
    Object.fromEntries(a.questions.filter((q) => byLabel[q.label]).map((q) => [q.id, byLabel[q.label]]));

  // Ping-pong: the demo worker and a few others.
  for (const [i, user] of [base.users.worker, ...workers.slice(0, 6)].entries()) {
    await signUp({
      activityId: pingpong.id,
      userId: user.id,
      answers: answer(pingpong, {
        参赛项目: ["男子单打", "女子单打", "混合双打"][i % 3],
        是否需要借用球拍: i % 2 ? "是" : "否",
      }),
    });
  }
  // Electrician course: full (5 seats) with three on the waiting list.
  for (const user of workers.slice(0, 8)) {
    await signUp({
      activityId: electrician.id,
      userId: user.id,
      answers: answer(electrician, { 希望重点学习的内容: ["配电箱接线", "漏电保护"] }),
    });
  }
  for (const [i, user] of workers.slice(6, 10).entries()) {
    await signUp({
      activityId: forklift.id,
      userId: user.id,
      answers: answer(forklift, { 叉车操作证编号: `LF-CC-2024-${1000 + i}` }),
    });
  }
  await signUp({ activityId: lecture.id, userId: base.users.member.id, answers: {} });
  // The salon: three sign-ups waiting for approval, one already approved.
  for (const user of workers.slice(8, 12)) await signUp({ activityId: salon.id, userId: user.id, answers: {} });
  const firstSalon = await prisma.registration.findFirstOrThrow({
    where: { activityId: salon.id },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  await approveRegistration({ activityId: salon.id, registrationId: firstSalon.id, staffId: staff });
  // The past walk: signed up during its window, most checked in on the day.
  const walkSignupTime = new Date(walk.startsAt.getTime() - 5 * DAY);
  const walkers = [base.users.worker, base.users.member, ...workers.slice(0, 8)];
  for (const user of walkers) await signUp({ activityId: walk.id, userId: user.id, answers: {}, now: walkSignupTime });
  const walkRegs = await prisma.registration.findMany({
    where: { activityId: walk.id },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  for (const reg of walkRegs.slice(0, 8))
    await checkIn(walk.id, reg.id, staff, new Date(walk.startsAt.getTime() + 10 * 60_000));
}
