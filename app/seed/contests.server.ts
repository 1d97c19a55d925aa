// Demo data for the contests area (see app/seed/index.server.ts): a 五小 contest of the coal-power
// group union in its judging phase, a golden-idea collection with ideas at every lifecycle
// stage, and last year's city-wide contest with published results.
import { DEFAULT_RUBRIC, DEFAULT_TIERS } from "~/domain/contests/constants";
import { transitionIdea, type IdeaAction } from "~/domain/contests/ideas.server";
import { autoAssign, saveScores } from "~/domain/contests/judging.server";
import { correctAward, loadResults, saveAwards } from "~/domain/contests/results.server";
import { prisma } from "~/utils/db.server";
import { createUser } from "./factories.server";
import type { FoundationSeed } from "./foundation.server";

const DAY = 86_400_000;

type Author = { id: string; name: string; employerId: string | null; unionId: string | null };

async function contest(
  base: FoundationSeed,
  data: {
    orgId: string;
    kind: "five_small" | "golden_idea";
    title: string;
    description: string;
    categories: string[];
    eligibility: string;
    opens: number;
    closes: number;
    judgingOpens: number;
    judgingCloses: number;
    results: number;
    status?: string;
    judgesPerEntry?: number;
  },
) {
  const now = Date.now();
  return prisma.contest.create({
    data: {
      orgId: data.orgId,
      kind: data.kind,
      title: data.title,
      description: data.description,
      categories: JSON.stringify(data.categories),
      eligibility: data.eligibility,
      blindReview: true,
      judgesPerEntry: data.judgesPerEntry ?? 2,
      status: data.status ?? "published",
      submissionOpensAt: new Date(now + data.opens * DAY),
      submissionClosesAt: new Date(now + data.closes * DAY),
      judgingOpensAt: new Date(now + data.judgingOpens * DAY),
      judgingClosesAt: new Date(now + data.judgingCloses * DAY),
      resultsAt: new Date(now + data.results * DAY),
      createdById: base.users.organiser.id,
      criteria:
        data.kind === "five_small"
          ? {
              create: DEFAULT_RUBRIC.map((c, position) => ({
                name: c.zh,
                maxPoints: c.maxPoints,
                weight: c.weight,
                position,
              })),
            }
          : undefined,
      tiers:
        data.kind === "five_small"
          ? {
              create: DEFAULT_TIERS.map((t, position) => ({
                key: t.key,
                name: t.zh,
                count: t.key === "excellence" ? 2 : 1,
                position,
              })),
            }
          : undefined,
    },
  });
}

async function entry(
  contestId: string,
  author: Author,
  e: {
    category: string;
    title: string;
    problem: string;
    solution: string;
    benefit: string;
    saving?: number;
    coAuthors?: string[];
    daysAgo: number;
  },
) {
  const at = new Date(Date.now() - e.daysAgo * DAY);
  return prisma.entry.create({
    data: {
      contestId,
      category: e.category,
      title: e.title,
      problem: e.problem,
      solution: e.solution,
      benefit: e.benefit,
      estimatedSaving: e.saving ?? null,
      status: "submitted",
      submittedAt: at,
      submittedById: author.id,
      enterpriseId: author.employerId,
      orgId: author.unionId,
      createdAt: at,
      authors: {
        create: [
          { userId: author.id, name: author.name, position: 0 },
          ...(e.coAuthors ?? []).map((name, i) => ({ name, position: i + 1 })),
        ],
      },
      history: { create: { from: "draft", to: "submitted", actorId: author.id, createdAt: at } },
    },
  });
}

/** Deterministic "random" points so the demo matrix looks the same on every seed. */
function pointsFor(seed: number, max: number) {
  const x = Math.sin(seed * 9301 + 49297) * 233280;
  const share = 0.55 + (x - Math.floor(x)) * 0.45;
  return Math.round(max * share * 2) / 2;
}

async function scoreAll(contestId: string, judgeIds: string[], now: Date, submit: boolean) {
  const criteria = await prisma.rubricCriterion.findMany({ where: { contestId }, orderBy: { position: "asc" } });
  const assignments = await prisma.assignment.findMany({
    where: { contestId, judgeId: { in: judgeIds } },
    orderBy: { createdAt: "asc" },
  });
  let n = 0;
  for (const a of assignments) {
    n++;
    await saveScores({
      assignmentId: a.id,
      judgeId: a.judgeId,
      submit,
      now,
      values: criteria.map((c, i) => ({
        criterionId: c.id,
        points: pointsFor(n * 7 + i, c.maxPoints),
        comment: i === 2 ? "经济效益测算依据较充分。" : "",
      })),
    });
  }
}

export async function seedContests(base: FoundationSeed) {
  const { coal, construction, steel, express } = base.enterprises;
  const { coalUnion, fushanIndustry, houmaSteel, yaoduLogistics } = base.unions;
  const person = async (
    name: string,
    employer: { id: string; unionId: string | null },
    extra: { isMigrant?: boolean; countyId?: string } = {},
  ): Promise<Author> => {
    const u = await createUser({
      name,
      employerId: employer.id,
      countyId: extra.countyId ?? base.yaodu,
      isMigrant: extra.isMigrant ?? false,
    });
    return { id: u.id, name, employerId: employer.id, unionId: employer.unionId };
  };
  const asAuthor = (u: { id: string; name: string; employerId: string | null }, unionId: string | null): Author => ({
    id: u.id,
    name: u.name,
    employerId: u.employerId,
    unionId,
  });
  const wang = await person("王建军", coal);
  const hu = await person("胡晓燕", coal);
  const zhao = await person("赵志刚", coal, { isMigrant: true });
  const guo = await person("郭鹏飞", steel, { countyId: base.houma });
  const ma = await person("马红梅", express, { isMigrant: true });
  const tian = await person("田国庆", construction, { countyId: base.fushan, isMigrant: true });
  const liNa = asAuthor(base.users.member, coalUnion.id);
  const zhangWei = asAuthor(base.users.worker, fushanIndustry.id);
  void houmaSteel;
  void yaoduLogistics;

  // ── 1. The coal-power group's 五小 contest, now in judging ──
  const fiveSmall = await contest(base, {
    orgId: coalUnion.id,
    kind: "five_small",
    eligibility: "city",
    title: "2026年度晋能煤电集团职工“五小”创新竞赛",
    description:
      "围绕安全生产、节能降耗、提质增效，征集职工小发明、小创造、小革新、小设计、小建议成果。评审实行匿名评审，每件作品由两位评委独立打分。",
    categories: ["invention", "creation", "innovation", "design", "suggestion"],
    opens: -40,
    closes: -5,
    judgingOpens: -2,
    judgingCloses: 12,
    results: 20,
  });
  const fiveEntries: [Author, Parameters<typeof entry>[2]][] = [
    [
      wang,
      {
        category: "innovation",
        title: "皮带输送机跑偏自动纠偏装置",
        problem: "主运输皮带频繁跑偏，人工调整耗时且存在安全隐患。",
        solution: "在机架两侧加装立辊与限位传感器，跑偏时自动调整托辊角度。",
        benefit: "年减少停机约 60 小时，减少皮带磨损。",
        saving: 380000,
        coAuthors: ["刘海"],
        daysAgo: 20,
      },
    ],
    [
      hu,
      {
        category: "design",
        title: "井下作业人员定位看板优化设计",
        problem: "原看板信息分散，调度员难以及时掌握人员分布。",
        solution: "重新设计分区视图与告警色标，接入现有定位系统数据。",
        benefit: "应急响应时间缩短约 30%。",
        saving: 50000,
        daysAgo: 18,
      },
    ],
    [
      zhao,
      {
        category: "invention",
        title: "锅炉吹灰器防卡涩工具",
        problem: "吹灰器枪管卡涩需停机处理。",
        solution: "设计可在线使用的专用顶推工具。",
        benefit: "每年减少非计划停机 2 次。",
        saving: 210000,
        daysAgo: 15,
      },
    ],
    [
      liNa,
      {
        category: "suggestion",
        title: "班前会安全提示卡标准化建议",
        problem: "各班组班前会内容随意，重点不突出。",
        solution: "按工种编制标准提示卡，每周轮换重点。",
        benefit: "提升安全意识，减少违章。",
        daysAgo: 12,
      },
    ],
    [
      guo,
      {
        category: "creation",
        title: "转炉出钢口快速修补器",
        problem: "出钢口修补作业时间长、劳动强度大。",
        solution: "制作带导向的喷补装置，一人即可操作。",
        benefit: "单次修补缩短 25 分钟。",
        saving: 160000,
        coAuthors: ["韩冰", "李强"],
        daysAgo: 10,
      },
    ],
    [
      ma,
      {
        category: "suggestion",
        title: "快递分拣线错分复核流程建议",
        problem: "高峰期错分率高，客户投诉多。",
        solution: "在出口增设扫码复核点并调整班次。",
        benefit: "错分率预计下降一半。",
        saving: 30000,
        daysAgo: 9,
      },
    ],
    [
      tian,
      {
        category: "innovation",
        title: "脚手架扣件快速紧固扳手改进",
        problem: "普通扳手紧固扣件效率低。",
        solution: "改进为棘轮式双头扳手并加防滑套。",
        benefit: "搭设效率提升约 20%。",
        saving: 45000,
        daysAgo: 8,
      },
    ],
    [
      zhangWei,
      {
        category: "design",
        title: "工地临时用电配电箱防雨罩设计",
        problem: "雨季配电箱进水跳闸频繁。",
        solution: "设计可折叠防雨罩，兼顾散热与检修。",
        benefit: "减少雨季停工，保障用电安全。",
        saving: 20000,
        daysAgo: 7,
      },
    ],
  ];
  for (const [author, e] of fiveEntries) await entry(fiveSmall.id, author, e);
  // A registered co-author who accepted the invitation (issue #11): she counts as an author, and
  // judges from her employer or union are kept off the entry.
  const belt = await prisma.entry.findFirstOrThrow({
    where: { contestId: fiveSmall.id, title: "皮带输送机跑偏自动纠偏装置" },
    select: { id: true },
  });
  await prisma.entryAuthor.create({
    data: {
      entryId: belt.id,
      userId: base.users.member.id,
      name: base.users.member.name,
      position: 2,
      status: "accepted",
    },
  });
  for (const judge of [base.users.judge1, base.users.judge2, base.users.judge3]) {
    await prisma.contestJudge.create({ data: { contestId: fiveSmall.id, userId: judge.id } });
  }
  await autoAssign(fiveSmall.id);
  await scoreAll(fiveSmall.id, [base.users.judge1.id], new Date(), true);
  await scoreAll(fiveSmall.id, [base.users.judge2.id], new Date(), false);

  // ── 2. A golden-idea collection, open, with ideas at every stage ──
  const ideas = await contest(base, {
    orgId: coalUnion.id,
    kind: "golden_idea",
    eligibility: "org",
    title: "2026年“金点子”合理化建议征集",
    description:
      "人人都是创新者。欢迎围绕安全生产、提质增效、降本节支、节能环保、管理创新提出合理化建议，被采纳并产生效益的将给予奖励。",
    categories: ["safety", "quality", "cost", "energy", "management", "other"],
    opens: -60,
    closes: 30,
    judgingOpens: 31,
    judgingCloses: 60,
    results: 61,
  });
  const ideaRows: [Author, string, string, string, IdeaAction[], Record<string, unknown>][] = [
    [
      wang,
      "energy",
      "空压机余热回收用于浴室供暖",
      "空压机余热直接排放，冬季浴室另用电锅炉供暖。",
      ["evaluate", "adopt", "implement", "verify", "reward"],
      { realisedSaving: 126000, rewardAmount: 3000 },
    ],
    [
      hu,
      "cost",
      "劳保用品按需申领代替按月发放",
      "部分劳保用品积压浪费。",
      ["evaluate", "adopt", "implement", "verify"],
      { realisedSaving: 48000 },
    ],
    [
      zhao,
      "safety",
      "受限空间作业增加气体检测二次确认",
      "单次检测存在误判风险。",
      ["evaluate", "adopt", "implement"],
      {},
    ],
    [liNa, "management", "维修工单电子化闭环管理", "纸质工单易丢失，难以追踪。", ["evaluate", "adopt"], {}],
    [
      wang,
      "quality",
      "煤质化验样品编码防混淆",
      "样品编号手写易混淆。",
      ["evaluate", "reject"],
      { reason: "已纳入集团信息化项目统一实施。" },
    ],
    [hu, "other", "职工食堂错峰就餐", "午餐高峰排队时间长。", ["evaluate"], {}],
    [zhao, "energy", "厂区路灯改为光控加时控", "路灯开关时间固定，浪费电能。", [], {}],
  ];
  let day = 50;
  for (const [author, category, title, problem, steps, extra] of ideaRows) {
    const idea = await entry(ideas.id, author, {
      category,
      title,
      problem,
      solution: `建议：${title}。`,
      benefit: "降低成本、提高效率。",
      saving: 20000,
      daysAgo: (day -= 5),
    });
    for (const action of steps) {
      await transitionIdea({
        entryId: idea.id,
        contestId: ideas.id,
        actorId: base.users.organiser.id,
        action,
        reason: action === "reject" ? String(extra.reason) : null,
        realisedSaving: action === "verify" ? Number(extra.realisedSaving) : null,
        rewardAmount: action === "reward" ? Number(extra.rewardAmount) : null,
      });
    }
    for (const supporter of [liNa, wang, hu, zhao].filter((s) => s.id !== author.id).slice(0, (day % 3) + 1)) {
      await prisma.ideaSupport.create({ data: { entryId: idea.id, userId: supporter.id } });
      await prisma.entry.update({ where: { id: idea.id }, data: { supportCount: { increment: 1 } } });
    }
  }

  // ── 3. Last year's city-wide contest, results published ──
  const finished = await contest(base, {
    orgId: base.city.id,
    kind: "five_small",
    eligibility: "city",
    judgesPerEntry: 3,
    title: "2025年度临汾市职工“五小”创新成果评选",
    description: "全市职工“五小”创新成果评选，共评出一等奖、二等奖、三等奖和优秀奖。",
    categories: ["invention", "creation", "innovation", "design", "suggestion"],
    opens: -400,
    closes: -330,
    judgingOpens: -320,
    judgingCloses: -300,
    results: -295,
  });
  const lastYear: [Author, string, string][] = [
    [wang, "innovation", "采煤机截齿快速更换工装"],
    [guo, "innovation", "高炉风口堵漏装置改进"],
    [tian, "innovation", "塔吊吊钩可视化辅助系统"],
    [hu, "design", "调度室大屏布局优化"],
    [ma, "design", "快递柜取件引导标识设计"],
    [zhao, "invention", "输煤皮带清扫器"],
    [zhangWei, "invention", "钢筋弯曲角度测量尺"],
  ];
  for (const [author, category, title] of lastYear) {
    await entry(finished.id, author, {
      category,
      title,
      problem: `${title}：现场存在效率低、安全风险高的问题。`,
      solution: "经多次试验改进形成成果。",
      benefit: "已在本单位推广应用。",
      saving: 100000,
      daysAgo: 350,
    });
  }
  for (const judge of [base.users.judge1, base.users.judge2, base.users.judge3]) {
    await prisma.contestJudge.create({ data: { contestId: finished.id, userId: judge.id } });
  }
  await autoAssign(finished.id);
  await scoreAll(
    finished.id,
    [base.users.judge1.id, base.users.judge2.id, base.users.judge3.id],
    new Date(finished.judgingOpensAt.getTime() + DAY),
    true,
  );
  const { suggested } = await loadResults(finished.id);
  await saveAwards(finished.id, Object.fromEntries(suggested), true);
  // Awards are locked once published: a change is a correction with a reason, audited and marked
  // "corrected on …" on the public page.
  const tiers = await prisma.awardTier.findMany({ where: { contestId: finished.id }, orderBy: { position: "asc" } });
  const sweeper = await prisma.entry.findFirstOrThrow({
    where: { contestId: finished.id, title: "输煤皮带清扫器" },
    select: { id: true, awardTierId: true },
  });
  await correctAward({
    contestId: finished.id,
    entryId: sweeper.id,
    tierId: sweeper.awardTierId === tiers[1].id ? tiers[0].id : tiers[1].id,
    reason: "复核发现一位评委的经济效益分录入有误，更正后名次提前。",
    actorId: base.users.organiser.id,
    now: new Date(finished.resultsAt.getTime() + 3 * DAY),
  });

  return { fiveSmall, ideas, finished };
}
