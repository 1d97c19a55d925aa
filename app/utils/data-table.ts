// One table in a neutral shape (no .server: pages render it too): what a page shows as a <table>
// and what app/utils/export.server.ts writes as CSV or XLSX, so an export is exactly what is shown.
export type ColumnKind = "text" | "number" | "percent";
export type DataTable = {
  id: string;
  title: string;
  columns: { label: string; kind: ColumnKind }[];
  rows: (string | number | null)[][];
  /** A row whose figures are of another kind than their columns' (a rate among counts). */
  rowKinds?: (ColumnKind | undefined)[];
};

/** The kind of one cell: the first column is the row's label; others follow rowKinds, then the column. */
export function cellKind(table: DataTable, row: number, column: number): ColumnKind {
  if (column === 0) return table.columns[0].kind;
  return table.rowKinds?.[row] ?? table.columns[column].kind;
}
