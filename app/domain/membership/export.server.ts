// CSV (UTF-8 with BOM, so Excel on Chinese Windows opens it correctly) and XLSX downloads of a
// DataTable. Every export is recorded in the audit log: who, what, when.
import ExcelJS from "exceljs";
import { prisma } from "~/utils/db.server";
import type { DataTable } from "./dashboard-tables";

function csvCell(value: string | number | null, kind: string) {
  if (value === null) return "";
  const text = kind === "percent" && typeof value === "number" ? `${(value * 100).toFixed(1)}%` : String(value);
  // Quote everything that could break the row, and defuse formula injection (=, +, -, @).
  const safe = /^[=+\-@]/.test(text) && kind === "text" ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: DataTable) {
  const lines = [table.columns.map((c) => csvCell(c.label, "text")).join(",")];
  for (const row of table.rows) lines.push(row.map((v, i) => csvCell(v, table.columns[i].kind)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function toXlsx(table: DataTable) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === null ? "" : v)));
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.kind === "text" ? 32 : 14;
    if (c.kind === "percent") column.numFmt = "0.0%";
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function exportResponse(input: { actorId: string; table: DataTable; format: "csv" | "xlsx"; fileName: string; what: unknown; entity?: string }) {
  const { table, format } = input;
  const body = format === "csv" ? toCsv(table) : await toXlsx(table);
  await prisma.auditLog.create({
    data: { actorId: input.actorId, action: "export", entity: input.entity ?? "dashboard", entityId: table.id, after: JSON.stringify({ format, ...(input.what as object) }) },
  });
  const name = `${input.fileName}.${format}`;
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
