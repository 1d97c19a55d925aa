// Every download of a table (dashboards, the application queue, assessment overviews, attendance)
// goes through exportResponse: CSV or XLSX written one way, and an audit-log entry for each export
// (who downloaded what, when), because these files carry workers' names and phone numbers.
import ExcelJS from "exceljs";
import { audit } from "./audit.server";
import type { ColumnKind, DataTable } from "./data-table";
import { prisma } from "./db.server";

export type ExportFormat = "csv" | "xlsx";

function cellText(value: string | number, kind: ColumnKind) {
  return kind === "percent" && typeof value === "number" ? `${(value * 100).toFixed(1)}%` : String(value);
}

function csvCell(value: string | number | null, kind: ColumnKind) {
  if (value === null) return "";
  const text = cellText(value, kind);
  // A text a spreadsheet would run as a formula (=, +, -, @, or after a tab or CR) gets a leading
  // quote mark; numbers are left alone (-5 is a number, not a formula).
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark (so Excel on Chinese Windows reads it), CRLF line ends. */
export function toCsv(table: DataTable) {
  const lines = [table.columns.map((c) => csvCell(c.label, "text")).join(",")];
  for (const row of table.rows) lines.push(row.map((v, i) => csvCell(v, table.columns[i].kind)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** One sheet, bold header; XLSX stores text as text, so no formula can run from a cell. */
export async function toXlsx(table: DataTable) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.title.replace(/[*?:\\/[\]]/g, " ").slice(0, 31) || "Sheet1");
  sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === null ? "" : v)));
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.kind === "text" ? 24 : 14;
    if (c.kind === "percent") column.numFmt = "0.0%";
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export type ExportInput = {
  actorId: string;
  table: DataTable;
  format: ExportFormat;
  /** Without the extension; may be Chinese (sent as filename*, with `<table id>.<format>` as the ASCII fallback). */
  fileName: string;
  /** The audit entry: what was exported (entity, id; the table's id by default) and with which filters. */
  entity?: string;
  entityId?: string;
  orgId?: string | null;
  what?: Record<string, unknown>;
};

export async function exportResponse(input: ExportInput) {
  const { table, format } = input;
  const body = format === "csv" ? toCsv(table) : await toXlsx(table);
  await audit(prisma, {
    actorId: input.actorId,
    action: "export",
    entity: input.entity ?? "dashboard",
    entityId: input.entityId ?? table.id,
    orgId: input.orgId,
    after: { format, rows: table.rows.length, ...input.what },
  });
  const name = `${input.fileName}.${format}`;
  const ascii = /^[\x20-\x7e]+$/.test(name) && !/["\\]/.test(name) ? name : `${table.id}.${format}`;
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type":
        format === "csv"
          ? "text/csv; charset=utf-8"
          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
