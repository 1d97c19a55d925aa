// Every download of a table (dashboards, the application queue, assessment overviews, attendance)
// goes through exportResponse: CSV or XLSX written one way, and an audit-log entry for each export
// (who downloaded what, when), because these files carry workers' names and phone numbers.
// exceljs is loaded on the first XLSX export, not when the server starts (~0.2 s CPU at every start, and every
// test file starts a server).
import type ExcelJS from "exceljs";
import { audit } from "./audit.server";
import { cellKind, type ColumnKind, type DataTable } from "./data-table";
import { prisma } from "./db.server";

/** json only for the personal-data download (app/routes/me+/data.download.ts), which passes `json`. */
export type ExportFormat = "csv" | "xlsx" | "json";

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
  table.rows.forEach((row, r) => lines.push(row.map((v, i) => csvCell(v, cellKind(table, r, i))).join(",")));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** One sheet per table, bold header; XLSX stores text as text, so no formula can run from a cell. */
export async function toXlsx(first: DataTable, more: DataTable[] = []) {
  const { default: excel } = await import("exceljs");
  const book = new excel.Workbook();
  for (const table of more.length ? more : [first]) addSheet(book, table);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function addSheet(book: ExcelJS.Workbook, table: DataTable) {
  let name = table.title.replace(/[*?:\\/[\]]/g, " ").slice(0, 31) || "Sheet1";
  // Sheet names are unique within a book (the personal-data download has one sheet per section).
  for (let n = 2; book.getWorksheet(name); n++) name = `${name.slice(0, 27)} ${n}`;
  const sheet = book.addWorksheet(name);
  sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
  table.rows.forEach((row, r) => {
    const added = sheet.addRow(row.map((v) => (v === null ? "" : v)));
    if (table.rowKinds?.[r] === "percent") row.forEach((_, i) => i > 0 && (added.getCell(i + 1).numFmt = "0.0%"));
  });
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.kind === "text" ? 24 : 14;
    if (c.kind === "percent") column.numFmt = "0.0%";
  });
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
  /** XLSX: one sheet per table instead of `table` alone. */
  sheets?: DataTable[];
  /** The body of a json export. */
  json?: unknown;
  /** Set when the staff member asked for contact details (unmasked phones): why, for the audit log. */
  contactPurpose?: string | null;
};

export async function exportResponse(input: ExportInput) {
  const { table, format } = input;
  const body =
    format === "csv"
      ? toCsv(table)
      : format === "json"
        ? JSON.stringify(input.json ?? null, null, 2)
        : await toXlsx(table, input.sheets);
  await audit(prisma, {
    actorId: input.actorId,
    action: "export",
    entity: input.entity ?? "dashboard",
    entityId: input.entityId ?? table.id,
    orgId: input.orgId,
    after: {
      format,
      rows: table.rows.length,
      ...input.what,
      ...(input.contactPurpose ? { contactDetails: true, purpose: input.contactPurpose } : {}),
    },
  });
  const name = `${input.fileName}.${format}`;
  const ascii = /^[\x20-\x7e]+$/.test(name) && !/["\\]/.test(name) ? name : `${table.id}.${format}`;
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type":
        format === "csv"
          ? "text/csv; charset=utf-8"
          : format === "json"
            ? "application/json; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
