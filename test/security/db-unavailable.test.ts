// Issue #13, "Bad input": a lost database connection on PostgreSQL gives a clear, translated error
// page (503, not a stack) and the app recovers by itself once the database is back. PostgreSQL only:
// an embedded SQLite file cannot become unreachable this way. The shared test cluster is never
// restarted; instead this file's own database stops accepting connections and its connections are
// terminated, which a server process sees exactly as a restarting cluster (FATAL on connect, and
// connections cut mid-pool). A second test stands a TCP proxy between the server and PostgreSQL and
// closes it: refused connections and reset sockets, as when the cluster is stopped and started again.
import net from "node:net";
import { afterAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { admin, databaseNameOf, ident, onPostgres, postgresAdminUrl } from "../helpers/postgres";
import { getPage, sessionCookieFor } from "../helpers/server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { startServerProcess, type ServerProcess } from "./server-processes";

const started: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

async function setReachable(reachable: boolean) {
  const name = databaseNameOf(process.env.DATABASE_URL!);
  await admin(postgresAdminUrl()!, async (c) => {
    await c.query(`ALTER DATABASE ${ident(name)} ALLOW_CONNECTIONS ${reachable}`);
    if (!reachable)
      await c.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [name],
      );
  });
}

/** Polls `path` until it answers 200 (the pool reconnects on the next request), for up to 30 s. */
async function waitForPage(server: ServerProcess, path: string, cookie: string) {
  const deadline = Date.now() + 30_000;
  let page = await getPage(server, path, { cookie });
  while (page.status !== 200 && Date.now() < deadline) {
    await page.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 250));
    page = await getPage(server, path, { cookie });
  }
  return page;
}

test.runIf(onPostgres())(
  "PostgreSQL unreachable: pages answer 503 with a translated page, and work again by themselves when it is back",
  async () => {
    const { center } = await makeCenter("断线县");
    const activity = await makeActivity(center, { title: "断线测试活动" });
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const server = await startServerProcess(process.env.DATABASE_URL!);
    started.push(server);
    const before = await getPage(server, `/activities/${activity.id}`, { cookie });
    expect(before.status).toBe(200);
    expect(await before.text()).toContain("断线测试活动");

    await setReachable(false);
    try {
      for (const [path, lang, text] of [
        [`/activities/${activity.id}`, "zh-CN", "数据库暂时无法连接"],
        ["/activities", "zh-CN", "暂时无法访问"],
        [`/activities/${activity.id}`, "en", "The database cannot be reached at the moment"],
      ]) {
        const down = await getPage(server, path, { cookie, headers: { "Accept-Language": lang } });
        const html = await down.text();
        expect(down.status, path).toBe(503);
        expect(down.headers.get("retry-after")).toBe("5");
        expect(html, path).toContain(text);
        // No stack, no driver message, no database name in the page.
        expect(html).not.toMatch(/\bat \S+ \(|node_modules|not currently accepting|xg_test_/);
      }
      // A client-side navigation's data request gets the same status.
      const data = await getPage(server, `/activities/${activity.id}.data`, { cookie });
      expect(data.status).toBe(503);
      await data.arrayBuffer();
    } finally {
      await setReachable(true);
    }

    // Back: the very next requests work, on connections the pool opens anew; no restart.
    const after = await waitForPage(server, `/activities/${activity.id}`, cookie);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("断线测试活动");
    for (let i = 0; i < 5; i++) {
      const page = await getPage(server, "/activities", { cookie });
      expect(page.status).toBe(200);
      await page.arrayBuffer();
    }
    // The process stayed up throughout and logged the outage as one line per request, not a stack.
    expect(server.output()).toMatch(/database unavailable: /);
    expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
  },
  120_000,
);

/** A TCP proxy to the PostgreSQL server that can be switched off (sockets reset, new ones refused) and on. */
async function switchableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      sockets.add(a);
      a.pipe(b);
      a.on("error", () => b.destroy());
      a.on("close", () => (sockets.delete(a), b.destroy()));
    }
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    down: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.resetAndDestroy();
      await closed;
    },
    up: () => listen(port),
    // The server process keeps idle pool connections open: end them, or close() waits for them.
    close: async () => {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}

test.runIf(onPostgres())(
  "PostgreSQL stopped and started again (connections reset, then refused): 503 meanwhile, pages work again after",
  async () => {
    const { center } = await makeCenter("重启县");
    const activity = await makeActivity(center, { title: "重启测试活动" });
    const cookie = await sessionCookieFor((await createUser()).id);
    const url = new URL(process.env.DATABASE_URL!);
    const proxy = await switchableProxy(url);
    const viaProxy = new URL(url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    const server = await startServerProcess(viaProxy.toString());
    started.push(server);
    try {
      const page = `/activities/${activity.id}`;
      expect((await waitForPage(server, page, cookie)).status).toBe(200);

      await proxy.down();
      for (let i = 0; i < 3; i++) {
        const down = await getPage(server, page, { cookie });
        expect(down.status).toBe(503);
        expect(await down.text()).toContain("数据库暂时无法连接");
      }

      await proxy.up();
      const back = await waitForPage(server, page, cookie);
      expect(back.status).toBe(200);
      expect(await back.text()).toContain("重启测试活动");
      expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
    } finally {
      await proxy.close();
    }
  },
  120_000,
);
