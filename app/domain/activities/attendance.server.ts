// The attendance list of an activity as a table (one column per custom question), for the
// download at /center/activities/:id/export (written by app/utils/export.server.ts).
import type { TFunction } from "~/i18n";
import { maskPhone } from "./checkin.server";
import type { DataTable } from "~/utils/data-table";
import { prisma } from "~/utils/db.server";
import { formatDateTime, type Locale } from "~/utils/time";

/** Phones are masked (138****0001) unless `contact` (asked for with a stated purpose, audited). */
export async function attendanceTable(
  activityId: string,
  t: TFunction,
  locale: Locale,
  { contact = false } = {},
): Promise<DataTable> {
  const activity = await prisma.activity.findUniqueOrThrow({
    where: { id: activityId },
    select: { title: true, questions: { orderBy: { position: "asc" }, select: { id: true, label: true } } },
  });
  const regs = await prisma.registration.findMany({
    where: { activityId },
    // NULLs first, as SQLite sorts them (PostgreSQL would put them last): one order on both engines.
    orderBy: [{ status: "asc" }, { waitlistSeq: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    select: {
      status: true,
      checkinCode: true,
      walkIn: true,
      attendedAt: true,
      createdAt: true,
      answers: true,
      user: { select: { name: true, phone: true, membership: { select: { id: true } } } },
    },
  });
  const header = [
    t("activities.export.name"),
    t("activities.export.phone"),
    t("activities.export.status"),
    t("activities.export.code"),
    t("activities.export.registeredAt"),
    t("activities.export.attendedAt"),
    t("activities.export.walkIn"),
    t("activities.export.member"),
    ...activity.questions.map((q) => q.label),
  ];
  const rows = regs.map((r) => {
    const answers = JSON.parse(r.answers || "{}") as Record<string, string | string[]>;
    return [
      r.user.name,
      contact ? (r.user.phone ?? "") : maskPhone(r.user.phone),
      t(`activities.status.${r.status}` as never),
      r.checkinCode,
      formatDateTime(r.createdAt, locale),
      r.attendedAt ? formatDateTime(r.attendedAt, locale) : "",
      r.walkIn ? t("common.yes") : t("common.no"),
      r.user.membership ? t("common.yes") : t("common.no"),
      ...activity.questions.map((q) => {
        const a = answers[q.id];
        return Array.isArray(a) ? a.join("; ") : (a ?? "");
      }),
    ];
  });
  return {
    id: "attendance",
    title: activity.title,
    columns: header.map((label) => ({ label, kind: "text" as const })),
    rows,
  };
}
