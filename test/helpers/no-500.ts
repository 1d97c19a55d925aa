// The robustness sweep (test/foundation/no-500-*.test.ts, split in parts so both test workers share it): whatever a user (or a broken client) sends, the server answers with a page or
// a 4xx, never a 500. Every route module that exports an action is POSTed empty and garbage forms
// (every known intent plus made-up ones, huge strings, negative/NaN numbers, impossible dates,
// other records' ids); every loader route is fetched with garbage query strings. Ids in the URL
// come from the demo seed, so the requests reach the real code paths, not just the 404s.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { fillParams as fillRouteParams, seedDemoForRoutes, type RouteFile } from "./routes";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "./server";

let server: TestServer;
let ids: Record<string, string>;
let users: Record<string, string>;
const loggedErrors: unknown[][] = [];

/** Seeds the demo, starts the server (development mode, so swallowed errors are logged) and watches the console. */
export function setUpSweep() {
  beforeAll(async () => {
    const demo = await seedDemoForRoutes();
    const registration = await prisma.registration.findFirstOrThrow({
      where: { activityId: { not: demo.activity.id } },
    });
    const grant = await prisma.roleGrant.findFirstOrThrow();
    const otherEntry = await prisma.entry.findFirstOrThrow({
      where: { contestId: { not: demo.assignment.contestId } },
    });
    ids = {
      ...demo.ids,
      // Ids of OTHER records, posted as field values (foreign ids, wrong-parent ids).
      otherRegistrationId: registration.id,
      otherEntryId: otherEntry.id,
      otherAssignmentId: demo.assignment.id,
      grantId: grant.id,
      otherOrgId: demo.base.yaodu,
    };
    users = demo.users;
    // Development mode makes Remix log every unexpected error with console.error (test mode stays
    // silent), so an error swallowed into a < 500 answer is still caught below.
    process.env.NODE_ENV = "development";
    server = await startServer();
    process.env.NODE_ENV = "test";
    // Remix logs unexpected errors with console.error (outside test mode); the app may log its own.
    for (const level of ["error", "warn"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        loggedErrors.push([level, ...args]);
      });
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
  });
}

export const fillParams = (url: string) => fillRouteParams(url, ids);

/** Intents and other literal values a route's forms and action mention. */
function literalValues(source: string) {
  const values = new Set<string>();
  for (const m of source.matchAll(/(?:value=|case |=== |!== )"([a-zA-Z][a-zA-Z0-9_.-]*)"/g)) values.add(m[1]);
  return [...values];
}

// Longer than any field allows (the longest, a description, takes 10,000 characters).
const HUGE = "字".repeat(500) + "x".repeat(10_000);
const FIELD_NAMES = (() => {
  const names = new Set<string>([
    "title",
    "name",
    "description",
    "category",
    "categories",
    "capacity",
    "startsAt",
    "endsAt",
    "signupOpensAt",
    "signupClosesAt",
    "address",
    "eligibility",
    "waitlistEnabled",
    "page",
    "id",
    "phone",
    "email",
    "password",
    "confirmPassword",
    "currentPassword",
    "newPassword",
    "role",
    "kind",
    "status",
    "score",
    "points",
    "comment",
    "amount",
    "reason",
    "code",
    "county",
    "countyId",
    "employerId",
    "isMigrant",
    "gender",
    "birthDate",
    "locale",
    "redirectTo",
    "submissionOpensAt",
    "submissionClosesAt",
    "judgingOpensAt",
    "judgingClosesAt",
    "resultsAt",
    "criteria[0].name",
    "criteria[0].weight",
    "criteria[0].maxPoints",
    "tiers[0].name",
    "tiers[0].count",
    "questions[0].label",
    "questions[0].kind",
    "questions[0].options",
    "questions[0].required",
    "theme",
  ]);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = fs.readFileSync(full, "utf8");
        for (const m of source.matchAll(/name="([a-zA-Z][a-zA-Z0-9_.[\]-]*)"/g)) names.add(m[1]);
      }
    }
  };
  walk(path.resolve("app/routes"));
  walk(path.resolve("app/components"));
  return [...names].filter((n) => n !== "intent");
})();

function garbageBodies(): Record<string, string | string[]>[] {
  const all = (value: string | string[]) => Object.fromEntries(FIELD_NAMES.map((n) => [n, value]));
  const idFields = [
    "entryId",
    "registrationId",
    "assignmentId",
    "judgeId",
    "userId",
    "orgId",
    "parentId",
    "unionId",
    "grantId",
    "to",
    "enterpriseIds",
    "center",
    "county",
    "coAuthors",
  ];
  const otherIds = [
    ids.otherRegistrationId,
    ids.otherEntryId,
    ids.otherAssignmentId,
    ids.grantId,
    ids.otherOrgId,
    ids.userId,
  ];
  return [
    {},
    all("💥<script>alert(1)</script>' OR 1=1 --"),
    all(HUGE), // past the form cap: answered 413 before any action runs
    // Within the cap, so the actions themselves meet over-long values in their long-text fields.
    {
      ...all("x"),
      ...Object.fromEntries(["title", "name", "description", "comment", "reason", "address"].map((n) => [n, HUGE])),
    },
    all("-1"),
    all("NaN"),
    all("1e309"),
    all("2026-13-45T99:99"),
    all(["", "abc", "-5"]),
    {
      ...all("2026-02-30T25:61"),
      ...Object.fromEntries(idFields.map((f, i) => [f, otherIds[i % otherIds.length]])),
      // Conform-style nested fields with out-of-range indexes.
      "criteria[99999].weight": "-100",
      "tiers[-1].count": "abc",
      "questions[5].options": "",
      "points.nope": "1000",
      "comment.nope": "x",
      "award.nope": "gold",
    },
  ];
}

export type Finding = { method: string; url: string; as: string; status: number; what: string };

function firstLine(logged: unknown[] | undefined) {
  if (!logged) return "";
  const error = logged.find((x) => x instanceof Error) as Error | undefined;
  return `— ${String(error?.stack ?? logged.join(" "))
    .split("\n")
    .slice(0, 3)
    .join(" | ")
    .slice(0, 400)}`;
}

export async function sweepPost(route: RouteFile, as: string, findings: Finding[]) {
  const url = fillParams(route.url);
  const intents = [...literalValues(route.source), "no-such-intent", ""];
  for (const intent of intents) {
    for (const body of garbageBodies()) {
      // A fresh session each time: a garbage "log out everywhere" must not end the sweep.
      const cookie = await sessionCookieFor(users[as]);
      const fields = intent === "" && Object.keys(body).length === 0 ? {} : { ...body, intent };
      const errorsBefore = loggedErrors.length;
      let response: Response;
      try {
        response = await postForm(server, url, fields, { cookie });
      } catch {
        // A route that answers before reading a big body leaves the kept-alive connection unusable
        // for the next request (the client's problem, not a server error): retry on a new one.
        response = await postForm(server, url, fields, { cookie });
      }
      await response.text();
      if (response.status >= 500 || loggedErrors.length > errorsBefore)
        findings.push({
          method: "POST",
          url,
          as,
          status: response.status,
          what: `intent=${intent} ${JSON.stringify(fields).slice(0, 100)} ${firstLine(loggedErrors[errorsBefore])}`,
        });
    }
  }
}

const QUERIES = [
  "?page=-1&page=abc",
  "?page=99999999999999999999999&from=notadate&to=2026-13-45T99:99",
  "?page=NaN&q=" + encodeURIComponent(HUGE.slice(0, 4000)),
  "?county=no-such-county&center=%00&category=nope&status=nope&hasSeats=maybe&period=nope&table=nope&format=nope",
  "?entry=nope&purpose=nope&reason=nope&redirectTo=//evil.example&submitted=1&expired=1&welcome=1&transferred=1",
  "?from=2026-02-30&to=1970-01-01&page=1.5&q=%25%5F%27",
  "?q=%E0%A4%A&page=%FF",
];

export async function sweepGet(route: RouteFile, as: string, findings: Finding[]) {
  const cookie = await sessionCookieFor(users[as]);
  for (const query of QUERIES) {
    const url = fillParams(route.url) + query;
    const errorsBefore = loggedErrors.length;
    const response = await getPage(server, url, { cookie });
    await response.text();
    if (response.status >= 500 || loggedErrors.length > errorsBefore)
      findings.push({
        method: "GET",
        url: url.slice(0, 200),
        as,
        status: response.status,
        what: `${query.slice(0, 100)} ${firstLine(loggedErrors[errorsBefore])}`,
      });
  }
}

export function report(findings: Finding[]) {
  if (process.env.XG_NO500_REPORT)
    fs.appendFileSync(process.env.XG_NO500_REPORT, findings.map((f) => JSON.stringify(f)).join("\n") + "\n");
  return findings.map((f) => `${f.method} ${f.url} as ${f.as} → ${f.status} (${f.what})`).join("\n");
}
