// Pages are valid UTF-8 text: React 18.3's Node renderer used to send the unwritten tail of its
// 2 KB buffer when a 3-byte Chinese character did not fit at its end, so a page could carry NUL
// bytes in the middle of a word ("身份证号码格式不正\0确"). Where that lands depends on everything
// rendered before, so this renders a Chinese-heavy list at three alignments: at least one puts a
// character across a buffer edge.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("a page full of Chinese text has no NUL bytes, whatever the alignment", async () => {
  const { center } = await makeCenter("临汾编码测试");
  const activities = [];
  for (let i = 0; i < 40; i++)
    activities.push(await makeActivity(center, { title: `第${i}场职工书法、摄影与剪纸技艺交流展示活动` }));
  let pagesWithNul = 0;
  for (let shift = 0; shift < 3; shift++) {
    await prisma.activity.update({
      where: { id: activities[0].id },
      data: { title: `${"x".repeat(shift)}职工书法交流` },
    });
    for (const path of ["/activities", "/activities?page=2"]) {
      const response = await fetch(server.url + path, {
        headers: { "Accept-Encoding": "identity", "Accept-Language": "zh-CN" },
      });
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.includes(0)) pagesWithNul++;
      expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toContain("职工书法");
    }
  }
  expect(pagesWithNul).toBe(0);
});
