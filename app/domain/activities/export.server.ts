// Attendance exports with one column per custom question. CSV carries a UTF-8 byte-order mark
// so Excel opens Chinese text correctly.
import ExcelJS from "exceljs";
import type { TFunction } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { formatDateTime, type Locale } from "~/utils/time";

export async function attendanceTable(activityId: string, t: TFunction, locale: Locale) {
  const activity = await prisma.activity.findUniqueOrThrow({
    where: { id: activityId },
    select: { title: true, questions: { orderBy: { position: "asc" }, select: { id: true, label: true } } },
  });
  const regs = await prisma.registration.findMany({
    where: { activityId },
    orderBy: [{ status: "asc" }, { waitlistSeq: "asc" }, { createdAt: "asc" }],
    select: {
      status: true, checkinCode: true, walkIn: true, attendedAt: true, createdAt: true, answers: true,
      user: { select: { name: true, phone: true, membership: { select: { id: true } } } },
    },
  });
  const header = [
    t("activities.export.name"), t("activities.export.phone"), t("activities.export.status"), t("activities.export.code"),
    t("activities.export.registeredAt"), t("activities.export.attendedAt"), t("activities.export.walkIn"), t("activities.export.member"),
    ...activity.questions.map((q) => q.label),
  ];
  const rows = regs.map((r) => {
    const answers = JSON.parse(r.answers || "{}") as Record<string, string | string[]>;
    return [
      r.user.name, r.user.phone ?? "", t(`activities.status.${r.status}` as never), r.checkinCode,
      formatDateTime(r.createdAt, locale), r.attendedAt ? formatDateTime(r.attendedAt, locale) : "",
      r.walkIn ? t("common.yes") : t("common.no"), r.user.membership ? t("common.yes") : t("common.no"),
      ...activity.questions.map((q) => {
        const a = answers[q.id];
        return Array.isArray(a) ? a.join("; ") : (a ?? "");
      }),
    ];
  });
  return { title: activity.title, header, rows };
}

function csvCell(value: string) {
  // Cells that a spreadsheet would run as a formula are prefixed with a quote mark.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: string[][]) {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export async function toXlsx(title: string, header: string[], rows: string[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(title.replace(/[*?:\\/[\]]/g, " ").slice(0, 31) || "Sheet1");
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
