// Real server processes (`node app/server/index.js` on the built app from XG_BUILD_DIR), for tests
// that need more than the in-process server: several processes on one database file, a database
// on a full disk, a database that is read-only at start.
import { spawn } from "node:child_process";
import path from "node:path";
import type { TestServer } from "../helpers/server";

export type ServerProcess = TestServer & {
  output: () => string;
  pid: number;
  /** Resolves with the match once the process has printed `pattern` (already or later). */
  waitForOutput: (pattern: RegExp) => Promise<RegExpExecArray>;
};

const root = path.resolve(import.meta.dirname, "../..");

/** Starts a server on a free port against `databaseUrl`; resolves once it listens. */
export async function startServerProcess(
  databaseUrl: string,
  { env, ...options }: { uid?: number; gid?: number; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["app/server/index.js"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      COOKIE_SECURE: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
  });
  let output = "";
  const waiting = new Set<() => void>();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      for (const check of waiting) check();
      const listening = /serving on (http:\/\/\S+)/.exec(output);
      if (listening) resolve(listening[1]);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    void exited.then(() => reject(new Error(`the server process exited before listening:\n${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    output: () => output,
    waitForOutput: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            waiting.delete(check);
            resolve(match);
          }
        };
        waiting.add(check);
        check();
        void exited.then(() => reject(new Error(`the server process exited before printing ${pattern}:\n${output}`)));
      }),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
