// Lists the browser needs live in plain shared modules that the server imports too, so a page can
// never offer what the server refuses (or hide what it accepts).
import { afterAll, beforeAll, expect, test } from "vitest";
import { GRANTABLE_ROLES } from "~/domain/admin/constants";
import { ROLES } from "~/utils/permissions.server";
import { acceptFor, UPLOAD_RULES } from "~/utils/upload-rules";
import { UPLOAD_RULES as SERVER_RULES } from "~/utils/upload.server";
import { makeCenter } from "../activities/helpers";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("the server checks uploads and roles against the very lists the pages use", () => {
  expect(SERVER_RULES).toBe(UPLOAD_RULES);
  expect(GRANTABLE_ROLES).toBe(ROLES);
});

test("the cover picker offers exactly the file types the server accepts for a cover", async () => {
  const { staff } = await makeCenter("选文件县");
  const html = await (
    await getPage(server, "/center/activities/new", { cookie: await sessionCookieFor(staff.id) })
  ).text();
  expect(acceptFor("activity_cover")).toBe("image/jpeg,image/png,image/webp");
  expect(html).toContain(`accept="${acceptFor("activity_cover")}"`);
});
