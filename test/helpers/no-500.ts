// The robustness sweep (test/foundation/no-500-{admin,owners}.test.ts, two parts so both test workers share it):
// whatever a user (or a broken client) sends, the server answers with a page or a 4xx, never a 500. Every route
// module that exports an action is POSTed empty and garbage forms (every known intent plus made-up ones, huge
// strings, negative/NaN/infinite numbers, impossible dates, repeated fields, other records' ids); every loader
// route is fetched with garbage query strings. Ids in the URL come from the demo seed, so the requests reach the
// real code paths, not just the 404s.
//
// Kept fast (issue #9 item 8) without dropping a kind of garbage: each field meets each odd value once per route
// rather than once per intent (the odd values rotate over the fields, one step per intent); a made-up intent gets
// two bodies (a discriminated union refuses it before reading fields); the over-the-cap body, refused before any
// action runs, is sent once per route; query strings that set different parameters are merged; one session per
// intent; answers uncompressed (compression has its own tests): about a third less CPU per request.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { fillParams as fillRouteParams, type RouteFile } from "./routes";
import { seededDemo } from "./seeded-db";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "./server";

let server: TestServer;
let ids: Record<string, string>;
let users: Record<string, string>;
const loggedErrors: unknown[][] = [];

/** Seeds the demo, starts the server (development mode, so swallowed errors are logged) and watches the console. */
export function setUpSweep() {
  beforeAll(async () => {
    const demo = await seededDemo();
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

const INJECTION = "💥<script>alert(1)</script>' OR 1=1 --";
// Odd values a number or date field might let through, rotated over the fields (see above).
const ODD_VALUES = ["-1", "NaN", "1e309", "2026-13-45T99:99", "0.5", "2026-02-30"];
const LONG_TEXT_FIELDS = ["title", "name", "description", "comment", "reason", "address"];
const ID_FIELDS = [
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

const allFields = (value: string | string[]) => Object.fromEntries(FIELD_NAMES.map((n) => [n, value]));

/** The garbage bodies for one intent; `round` (the intent's index) turns the odd values' rotation. */
function garbageBodies(round: number): Record<string, string | string[]>[] {
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
    allFields(INJECTION),
    // Within the form cap, so the actions themselves meet over-long values in their long-text fields.
    { ...allFields("x"), ...Object.fromEntries(LONG_TEXT_FIELDS.map((n) => [n, HUGE])) },
    Object.fromEntries(FIELD_NAMES.map((n, i) => [n, ODD_VALUES[(i + round) % ODD_VALUES.length]])),
    allFields(["", "abc", "-5"]),
    {
      ...allFields("2026-02-30T25:61"),
      ...Object.fromEntries(ID_FIELDS.map((f, i) => [f, otherIds[i % otherIds.length]])),
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

// Uncompressed answers: gzip on both ends took about a third of a page request's CPU here.
const IDENTITY = { "Accept-Encoding": "identity" };

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

/** Sends one form; a connection the server closed on an unread body is the client's problem: retried once. */
async function post(url: string, fields: Record<string, string | string[]>, cookie: string) {
  try {
    return await postForm(server, url, fields, { cookie, headers: IDENTITY });
  } catch {
    // A route that answers before reading a big body leaves the kept-alive connection unusable
    // for the next request (the client's problem, not a server error): retry on a new one.
    return postForm(server, url, fields, { cookie, headers: IDENTITY });
  }
}

export async function sweepPost(route: RouteFile, as: string, findings: Finding[]) {
  const url = fillParams(route.url);
  const check = async (intent: string, fields: Record<string, string | string[]>, cookie: string) => {
    const errorsBefore = loggedErrors.length;
    const response = await post(url, fields, cookie);
    await response.text();
    if (response.status >= 500 || loggedErrors.length > errorsBefore)
      findings.push({
        method: "POST",
        url,
        as,
        status: response.status,
        what: `intent=${intent} ${JSON.stringify(fields).slice(0, 100)} ${firstLine(loggedErrors[errorsBefore])}`,
      });
    return response;
  };
  // Past the form cap: answered 413 before any action runs, whatever the intent.
  await check("", { ...allFields(HUGE), intent: "" }, await sessionCookieFor(users[as]));
  const intents = [...literalValues(route.source), "", "no-such-intent"];
  for (const [round, intent] of intents.entries()) {
    // A made-up intent is refused before its fields are read: the empty and one garbage body are enough.
    const bodies = intent === "no-such-intent" ? garbageBodies(round).slice(0, 2) : garbageBodies(round);
    let cookie = await sessionCookieFor(users[as]);
    for (const body of bodies) {
      const fields = intent === "" && Object.keys(body).length === 0 ? {} : { ...body, intent };
      const response = await check(intent, fields, cookie);
      // A garbage "log out everywhere" ends the session: the next bodies get a fresh one.
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")?.startsWith("/login"))
        cookie = await sessionCookieFor(users[as]);
    }
  }
}

// Parameters that no two strings share are merged into one string.
const QUERIES = [
  "?page=-1&page=abc&county=no-such-county&center=%00&category=nope&status=nope&hasSeats=maybe&period=nope&table=nope&format=nope",
  "?page=99999999999999999999999&from=notadate&to=2026-13-45T99:99&entry=nope&purpose=nope&reason=nope&redirectTo=//evil.example&submitted=1&expired=1&welcome=1&transferred=1",
  "?page=NaN&q=" + encodeURIComponent(HUGE.slice(0, 4000)),
  "?from=2026-02-30&to=1970-01-01&page=1.5&q=%25%5F%27",
  "?q=%E0%A4%A&page=%FF",
];

export async function sweepGet(route: RouteFile, as: string, findings: Finding[]) {
  const cookie = await sessionCookieFor(users[as]);
  for (const query of QUERIES) {
    const url = fillParams(route.url) + query;
    const errorsBefore = loggedErrors.length;
    const response = await getPage(server, url, { cookie, headers: IDENTITY });
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
