// One CSV writer for every download (app/utils/export.server.ts): BOM, CRLF, quoting, and one
// formula-injection rule for text cells.
import { expect, test } from "vitest";
import { toCsv } from "~/utils/export.server";

test("text that a spreadsheet would run as a formula is defused; numbers are not", () => {
  const csv = toCsv({
    id: "t",
    title: "t",
    columns: [
      { label: "名称", kind: "text" },
      { label: "数量", kind: "number" },
      { label: "转化率", kind: "percent" },
    ],
    rows: [
      ['=HYPERLINK("x")', -5, 0.125],
      ["\t=1+1", 0, null],
      ["-2+3", 7, 1],
      ["+86 号码", 1, 0],
      ["@SUM(A1)", 2, 0],
    ],
  });
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv.endsWith("\r\n")).toBe(true);
  expect(csv.slice(1).split("\r\n")).toEqual([
    "名称,数量,转化率",
    `"'=HYPERLINK(""x"")",-5,12.5%`,
    "'\t=1+1,0,",
    "'-2+3,7,100.0%",
    "'+86 号码,1,0.0%",
    "'@SUM(A1),2,0.0%",
    "",
  ]);
});
