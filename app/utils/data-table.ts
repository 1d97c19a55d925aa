// One table in a neutral shape (no .server: pages render it too): what a page shows as a <table>
// and what app/utils/export.server.ts writes as CSV or XLSX, so an export is exactly what is shown.
export type ColumnKind = "text" | "number" | "percent";
export type DataTable = {
  id: string;
  title: string;
  columns: { label: string; kind: ColumnKind }[];
  rows: (string | number | null)[][];
};
