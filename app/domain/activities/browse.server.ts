// The public activity list: filters from the query string, validated leniently (a bad value is ignored).
import { z } from "zod";
import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { containsFilter } from "~/utils/sql-dialect.server";
import { parseLocalDate } from "~/utils/time";
import { CATEGORIES } from "./categories";

export const PAGE_SIZE = 12;

const FilterSchema = z.object({
  q: z.string().trim().max(50).optional().catch(undefined),
  county: z.string().max(64).optional().catch(undefined),
  center: z.string().max(64).optional().catch(undefined),
  category: z.enum(CATEGORIES).optional().catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
  seats: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type BrowseFilters = z.infer<typeof FilterSchema>;

export function readFilters(url: URL): BrowseFilters {
  return FilterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
}

export async function browseActivities(f: BrowseFilters, now = new Date()) {
  const from = f.from ? parseLocalDate(f.from) : null;
  const to = f.to ? parseLocalDate(f.to) : null;
  const where: Prisma.ActivityWhereInput = {
    status: "published",
    // Without a date range, only what has not ended yet.
    endsAt: { gte: from ?? now },
    ...(to ? { startsAt: { lt: new Date(to.getTime() + 24 * 3600 * 1000) } } : {}),
    ...(f.county ? { countyId: f.county } : {}),
    ...(f.center ? { centerId: f.center } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.q
      ? { OR: [{ title: containsFilter(f.q) }, { address: containsFilter(f.q) }, { description: containsFilter(f.q) }] }
      : {}),
    ...(f.seats ? { confirmedCount: { lt: prisma.activity.fields.capacity } } : {}),
  };
  const [total, items] = await Promise.all([
    prisma.activity.count({ where }),
    prisma.activity.findMany({
      where,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: (f.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        title: true,
        category: true,
        startsAt: true,
        capacity: true,
        confirmedCount: true,
        waitlistEnabled: true,
        eligibility: true,
        coverFileId: true,
        center: { select: { name: true, nameEn: true } },
      },
    }),
  ]);
  return { total, items, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** Counties/zones and centers for the filter menus. */
export async function filterOptions() {
  const [counties, centers] = await Promise.all([
    prisma.organisation.findMany({
      where: { kind: { in: ["county", "zone"] } },
      // NULLs first, as SQLite sorts them (PostgreSQL would put them last): one order on both engines.
      orderBy: { code: { sort: "asc", nulls: "first" } },
      select: { id: true, name: true, nameEn: true },
    }),
    prisma.organisation.findMany({
      where: { kind: "center" },
      orderBy: { name: "asc" },
      select: { id: true, name: true, nameEn: true },
    }),
  ]);
  return { counties, centers };
}
