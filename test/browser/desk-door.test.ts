// At the door (issue #12 items 1–3): the camera scanner with a fake camera showing a real QR code,
// search results without nested forms (with and without JavaScript), and the code field after a
// check-in. Chromium gets a fake camera whose video is a y4m file drawn from the QR of a real
// registration's check-in code.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, expect, test } from "vitest";
import { signUp, qrPayload } from "~/domain/activities/registration.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { makeActivity, makeCenter } from "../activities/helpers";
import {
  assertNoConsoleErrors,
  gotoInteractive,
  logInAs,
  newPage,
  overflowsHorizontally,
  startBrowserAndServer,
  stopBrowserAndServer,
} from "../helpers/browser";
import type { TestServer } from "../helpers/server";

/** A y4m video (I420) of `frames` identical frames showing the QR code of `text`, black on white. */
function qrVideo(text: string, file: string, frames = 5) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const [width, height, scale, quiet] = [480, 360, 8, 4];
  const left = Math.floor((width - (size + 2 * quiet) * scale) / 2) + quiet * scale;
  const top = Math.floor((height - (size + 2 * quiet) * scale) / 2) + quiet * scale;
  const luma = Buffer.alloc(width * height, 235);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let y = 0; y < scale; y++)
        luma.fill(
          16,
          (top + r * scale + y) * width + left + c * scale,
          (top + r * scale + y) * width + left + (c + 1) * scale,
        );
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

let server: TestServer;
let browser: Browser;
let fixture: Awaited<ReturnType<typeof makeFixture>>;
const video = path.resolve(`test/.tmp/desk-qr-${process.pid}.y4m`);

async function makeFixture() {
  const { center, staff } = await makeCenter("门口");
  const activity = await makeActivity(center, { title: "职工象棋赛" });
  const scanned = await createUser({ name: "扫码者" });
  const searched = await createUser({ name: "查找者" });
  const reg = await signUp({ activityId: activity.id, userId: scanned.id, answers: {} });
  await signUp({ activityId: activity.id, userId: searched.id, answers: {} });
  const code = (await prisma.registration.findUniqueOrThrow({ where: { id: reg.registrationId } })).checkinCode;
  return { staff, activity, code, scannedId: reg.registrationId, searched };
}

beforeAll(async () => {
  fixture = await makeFixture();
  fs.mkdirSync(path.dirname(video), { recursive: true });
  qrVideo(qrPayload(fixture.activity.id, fixture.code), video);
  ({ server, browser } = await startBrowserAndServer({
    args: [
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  }));
});
afterAll(async () => {
  await stopBrowserAndServer({ server, browser });
  fs.rmSync(video, { force: true });
});

test("without BarcodeDetector, the camera reads a real QR with jsQR and checks the worker in", async () => {
  const s = await newPage(browser);
  await s.context.grantPermissions(["camera"], { origin: server.url });
  // As on iPhones, Firefox and desktop Chrome: no BarcodeDetector at all.
  await s.context.addInitScript(() => {
    delete (window as { BarcodeDetector?: unknown }).BarcodeDetector;
  });
  await logInAs(s.context, server.url, fixture.staff.id);
  const checkin = `${server.url}/center/activities/${fixture.activity.id}/checkin`;
  await gotoInteractive(s.page, checkin);
  expect(await s.page.evaluate(() => "BarcodeDetector" in window)).toBe(false);
  await s.page.getByRole("button", { name: "扫码签到" }).click();
  await s.page.getByText("扫码者 签到成功。").waitFor();
  // The revalidated page lists the scanned worker among the recent check-ins.
  await s.page.getByRole("region", { name: "最近签到" }).getByText("扫码者").waitFor();
  expect((await prisma.registration.findUniqueOrThrow({ where: { id: fixture.scannedId } })).attendedAt).not.toBeNull();

  // Ready for the next person: the cleared code field is not marked invalid.
  const field = s.page.getByLabel("签到码");
  expect(await field.inputValue()).toBe("");
  expect(await field.evaluate((el) => el.matches(":invalid, :user-invalid, [aria-invalid='true']"))).toBe(false);
  // The main task comes first: the export buttons sit below the code field.
  const codeBox = (await field.boundingBox())!;
  const exportBox = (await s.page.getByRole("link", { name: "导出 CSV" }).boundingBox())!;
  expect(exportBox.y).toBeGreaterThan(codeBox.y);
  expect(await overflowsHorizontally(s.page)).toBe(false);
  assertNoConsoleErrors(s.errors);
});

test("search results are not nested in the search form: valid HTML, no hydration error, and check-in works without JavaScript", async () => {
  const { staff, activity, searched } = fixture;
  const url = `/center/activities/${activity.id}/checkin?q=${encodeURIComponent("查找者")}`;
  const s = await newPage(browser);
  await logInAs(s.context, server.url, staff.id);
  await gotoInteractive(s.page, server.url + url);
  await s.page.getByText("查找者").first().waitFor();
  // The server's HTML itself never opens a form inside another.
  const html = await s.page.evaluate(async (u) => (await fetch(u)).text(), url);
  let depth = 0;
  for (const tag of html.match(/<\/?form\b/g) ?? []) {
    depth += tag === "<form" ? 1 : -1;
    expect(depth).toBeLessThanOrEqual(1);
  }
  assertNoConsoleErrors(s.errors); // a nested form made React report hydration error #418 here

  const n = await newPage(browser, { javaScript: false });
  await logInAs(n.context, server.url, staff.id);
  await n.page.goto(server.url + url);
  const row = n.page.getByRole("listitem").filter({ hasText: "查找者" });
  await row.getByRole("button", { name: "签到", exact: true }).click();
  await n.page.getByText("查找者 签到成功。").waitFor();
  const reg = await prisma.registration.findFirstOrThrow({ where: { activityId: activity.id, userId: searched.id } });
  expect(reg.attendedAt).not.toBeNull();
  // The search is still shown, now with the undo button on the row.
  await n.page
    .getByRole("listitem")
    .filter({ hasText: "查找者" })
    .first()
    .getByRole("button", { name: "撤销签到" })
    .waitFor();
  assertNoConsoleErrors(n.errors);
});

test("the same walk-in entered twice is 'already checked in' the second time", async () => {
  const s = await newPage(browser, { javaScript: false });
  await logInAs(s.context, server.url, fixture.staff.id);
  const checkin = `${server.url}/center/activities/${fixture.activity.id}/checkin`;
  for (const expected of ["已记录 现场来宾 的现场报名", "现场来宾 已经签到过了。"]) {
    await s.page.goto(checkin);
    await s.page.getByLabel("姓名", { exact: true }).fill("现场来宾");
    await s.page.getByLabel("手机号", { exact: true }).fill("13912345678");
    await s.page.getByRole("button", { name: "报名并签到" }).click();
    await s.page.getByRole("status").getByText(expected).waitFor();
  }
  expect(
    await prisma.registration.count({ where: { activityId: fixture.activity.id, user: { phone: "13912345678" } } }),
  ).toBe(1);
  assertNoConsoleErrors(s.errors);
});
