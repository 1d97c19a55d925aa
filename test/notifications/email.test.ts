// Issue #10 item 4: e-mail through a real SMTP server (smtp-server on 127.0.0.1). The message
// arrives with subject and body in the recipient's language and a link that works: it opens the
// notification (marking it read) and lands on the page it is about. An SMTP server that refuses
// leaves the message pending with the reason recorded, and the retry delivers it.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backoffMs, deliverDue } from "~/domain/notifications/delivery.server";
import { notify } from "~/domain/notifications/notify.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { sessionCookieFor, startServer, type TestServer } from "../helpers/server";

const inbox: ParsedMail[] = [];
let refuse = false;
let smtp: SMTPServer;
let server: TestServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, callback) {
      if (!refuse) return callback();
      callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 450 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => inbox.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  server = await startServer();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "星光 <no-reply@xingguang.test>";
  process.env.PUBLIC_URL = server.url;
});
afterAll(async () => {
  for (const k of ["SMTP_URL", "MAIL_FROM", "PUBLIC_URL"]) delete process.env[k];
  await server.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

test("an English reader gets an English e-mail whose link opens the notification and its page", async () => {
  const user = await createUser({ phone: null, email: "reader@example.test" });
  await prisma.user.update({ where: { id: user.id }, data: { locale: "en" } });
  await prisma.$transaction((tx) =>
    notify(tx, user.id, { kind: "membership.notify.approved", params: { number: "GH-0042" }, link: "/me/card" }),
  );
  expect(await deliverDue()).toMatchObject({ sent: 1 });

  const mail = inbox.find((m) => m.to && JSON.stringify(m.to).includes("reader@example.test"))!;
  expect(mail.subject).toMatch(/^\[Xingguang\] .*GH-0042/);
  expect(mail.from?.text).toContain("no-reply@xingguang.test");
  expect(mail.text).toContain("GH-0042");
  expect(mail.text).toContain("notification settings");
  const link = /Open: (\S+)/.exec(mail.text ?? "")![1];
  expect(link.startsWith(`${server.url}/me/notifications/`)).toBe(true);

  // The link works for its reader: it marks the notification read and lands on the membership card.
  const opened = await fetch(link, { headers: { Cookie: await sessionCookieFor(user.id) }, redirect: "manual" });
  expect(opened.status).toBe(302);
  expect(opened.headers.get("location")).toBe("/me/card");
  const notification = await prisma.notification.findFirstOrThrow({ where: { userId: user.id } });
  expect(notification.readAt).not.toBeNull();

  // Someone else following the same link finds nothing.
  const stranger = await createUser();
  const other = await fetch(link, { headers: { Cookie: await sessionCookieFor(stranger.id) }, redirect: "manual" });
  expect(other.status).toBe(404);
});

test("a Chinese reader gets the message in Chinese", async () => {
  const user = await createUser({ phone: null, email: "duzhe@example.test" });
  await prisma.$transaction((tx) =>
    notify(tx, user.id, {
      kind: "activities.notify.cancelled",
      params: { title: "职工羽毛球赛" },
      link: "/activities",
    }),
  );
  await deliverDue();
  const mail = inbox.find((m) => JSON.stringify(m.to).includes("duzhe@example.test"))!;
  expect(mail.subject).toBe("【星光】很抱歉，活动已取消：职工羽毛球赛");
  expect(mail.text).toContain("查看详情：");
  expect(mail.text).toContain(`${server.url}/me/notification-settings`);
});

test("an SMTP server that refuses: the message waits with the reason, and the retry delivers it", async () => {
  const user = await createUser({ phone: null, email: "later@example.test" });
  await prisma.$transaction((tx) =>
    notify(tx, user.id, { kind: "membership.notify.rejected", params: { reason: "材料不全" }, link: "/join" }),
  );
  refuse = true;
  const now = new Date();
  expect(await deliverDue(now)).toMatchObject({ retrying: 1 });
  const waiting = await prisma.outboxMessage.findFirstOrThrow({ where: { recipient: "later@example.test" } });
  expect(waiting.status).toBe("pending");
  expect(waiting.lastError).toContain("Mailbox temporarily unavailable");

  refuse = false;
  expect(await deliverDue(new Date(now.getTime() + backoffMs(1)))).toMatchObject({ sent: 1 });
  expect(inbox.some((m) => JSON.stringify(m.to).includes("later@example.test"))).toBe(true);
  const sent = await prisma.outboxMessage.findFirstOrThrow({ where: { recipient: "later@example.test" } });
  expect(sent.status).toBe("sent");
});
