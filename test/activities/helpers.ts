// Builders for activity tests: a county with a center, staff for it, and activities.
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";

const HOUR = 3600_000;

export async function makeCenter(name = "测试县") {
  const county = await createOrg({ kind: "county", name: `${name}总工会` });
  const center = await createOrg({ kind: "center", name: `${name}职工文化活动中心`, parentId: county.id });
  const staff = await createUser({ name: `${name}中心工作人员` });
  await grantRole(staff.id, "center_staff", center.id);
  return { county, center, staff };
}

type ActivityInput = Partial<{
  title: string;
  capacity: number;
  waitlistEnabled: boolean;
  approvalRequired: boolean;
  eligibility: string;
  status: string;
  signupOpensAt: Date;
  signupClosesAt: Date;
  startsAt: Date;
  category: string;
  questions: { kind: string; label: string; options?: string[]; required?: boolean }[];
}>;

export async function makeActivity(center: { id: string; countyId: string | null }, input: ActivityInput = {}) {
  const startsAt = input.startsAt ?? new Date(Date.now() + 7 * 24 * HOUR);
  return prisma.activity.create({
    data: {
      centerId: center.id,
      countyId: center.countyId,
      title: input.title ?? "职工羽毛球友谊赛",
      description: "活动介绍",
      category: input.category ?? "sports_culture",
      address: "测试县文化路 1 号",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      signupOpensAt: input.signupOpensAt ?? new Date(Date.now() - 24 * HOUR),
      signupClosesAt: input.signupClosesAt ?? new Date(startsAt.getTime() - HOUR),
      capacity: input.capacity ?? 10,
      waitlistEnabled: input.waitlistEnabled ?? true,
      approvalRequired: input.approvalRequired ?? false,
      eligibility: input.eligibility ?? "all",
      status: input.status ?? "published",
      questions: {
        create: (input.questions ?? []).map((q, position) => ({
          position,
          kind: q.kind,
          label: q.label,
          options: JSON.stringify(q.options ?? []),
          required: q.required ?? false,
        })),
      },
    },
    include: { questions: { orderBy: { position: "asc" } } },
  });
}

export async function makeUsers(n: number, extra: { isMigrant?: boolean } = {}) {
  const users = [];
  for (let i = 0; i < n; i++) users.push(await createUser({ email: null, ...extra }));
  return users;
}
