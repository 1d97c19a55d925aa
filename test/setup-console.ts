// Any console.error during a test fails that test (issue #9 item 8, as the Epic Stack's test setup does): an error
// the app logs — a React warning while rendering, a swallowed exception — is a bug even when the answer looks right.
// A test that expects one says so: `vi.spyOn(console, "error").mockImplementation(...)` takes the call away from
// this check for as long as the spy lives (vi.restoreAllMocks() hands it back). Errors logged outside a test fail the
// next test (beforeAll) or the file (afterAll).
import { format } from "node:util";
import { afterAll, afterEach, beforeEach } from "vitest";

const logged: string[] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  logged.push(format(...args));
  original.apply(console, args);
};

function failOnLogged(when: string) {
  if (!logged.length) return;
  const lines = logged.splice(0).map((line) => line.split("\n").slice(0, 6).join("\n"));
  throw new Error(`console.error was called ${when} (${lines.length}×):\n${lines.join("\n---\n")}`);
}

beforeEach(() => failOnLogged("before this test (in a beforeAll hook)"));
afterEach(() => failOnLogged("during this test"));
afterAll(() =>
  failOnLogged("after the tests (in an afterAll hook, or a beforeAll hook of a file whose tests were all skipped)"),
);
