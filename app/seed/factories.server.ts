// Small builders shared by the demo seed and the tests, so both create data the same way.
import { creditCheckChar } from "~/domain/membership/validators";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import type { Role } from "~/utils/permissions.server";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// Hashing is deliberately slow; tests and the seed share one hash per password.
const hashCache = new Map<string, Promise<string>>();
export function cachedHash(password: string) {
  if (!hashCache.has(password)) hashCache.set(password, hashPassword(password));
  return hashCache.get(password)!;
}

export const DEFAULT_PASSWORD = "Xingguang2026";

type OrgInput = {
  kind: "city" | "county" | "zone" | "union" | "center";
  name: string;
  parentId?: string | null;
  unionType?: "committee" | "joint" | "industry";
  code?: string;
  nameEn?: string;
  address?: string;
  foundedAt?: Date;
};

/** Creates an organisation with its materialised path and county link. */
export async function createOrg(input: OrgInput) {
  const parent = input.parentId
    ? await prisma.organisation.findUniqueOrThrow({
        where: { id: input.parentId },
        select: { path: true, countyId: true, kind: true, id: true },
      })
    : null;
  const id = `org_${unique()}`;
  const countyId = input.kind === "county" || input.kind === "zone" ? id : (parent?.countyId ?? null);
  return prisma.organisation.create({
    data: {
      id,
      kind: input.kind,
      unionType: input.unionType ?? null,
      name: input.name,
      nameEn: input.nameEn ?? null,
      code: input.code ?? null,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      countyId,
      address: input.address ?? null,
      foundedAt: input.foundedAt ?? null,
    },
  });
}

type UserInput = {
  name?: string;
  phone?: string | null;
  email?: string | null;
  password?: string;
  countyId?: string | null;
  employerId?: string | null;
  isMigrant?: boolean;
  gender?: "male" | "female";
  birthDate?: Date;
};

export async function createUser(input: UserInput = {}) {
  const n = unique();
  return prisma.user.create({
    data: {
      name: input.name ?? `测试用户${n.slice(-4)}`,
      phone: input.phone === undefined ? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}` : input.phone,
      email: input.email === undefined ? `user-${n}@example.test` : input.email,
      passwordHash: await cachedHash(input.password ?? DEFAULT_PASSWORD),
      countyId: input.countyId ?? null,
      employerId: input.employerId ?? null,
      isMigrant: input.isMigrant ?? false,
      gender: input.gender ?? null,
      birthDate: input.birthDate ?? null,
    },
  });
}

/** Many plain workers at once (one INSERT per 500), for load and concurrency tests. */
export async function createUsers(count: number, input: Pick<UserInput, "isMigrant" | "countyId"> = {}) {
  const passwordHash = await cachedHash(DEFAULT_PASSWORD);
  const batch = unique();
  const users = Array.from({ length: count }, (_, i) => ({
    id: `u${batch}${i.toString(36)}`,
    name: `测试用户${i}`,
    phone: null,
    email: null,
    passwordHash,
    countyId: input.countyId ?? null,
    isMigrant: input.isMigrant ?? false,
  }));
  for (let i = 0; i < users.length; i += 500) await prisma.user.createMany({ data: users.slice(i, i + 500) });
  return users;
}

export async function grantRole(userId: string, role: Role, orgId: string, grantedById?: string) {
  return prisma.roleGrant.upsert({
    where: { userId_orgId_role: { userId, orgId, role } },
    update: {},
    create: { userId, role, orgId, grantedById: grantedById ?? null },
  });
}

/** A valid unified social credit code (18 chars, GB 32100-2015 check character) from a 17-char body. */
export function withCreditCheck(body17: string) {
  return body17 + creditCheckChar(body17);
}

export async function createEnterprise(input: {
  name: string;
  countyId: string;
  industry?: string;
  size?: string;
  unionId?: string | null;
  workerCount?: number;
  creditBody?: string;
}) {
  const body = input.creditBody ?? `91141000${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
  return prisma.enterprise.create({
    data: {
      name: input.name,
      creditCode: withCreditCheck(body),
      countyId: input.countyId,
      industry: input.industry ?? "manufacturing",
      size: input.size ?? "medium",
      unionId: input.unionId ?? null,
      coveredAt: input.unionId ? new Date() : null,
      workerCount: input.workerCount ?? 100,
    },
  });
}
