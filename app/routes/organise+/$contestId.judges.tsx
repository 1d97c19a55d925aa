import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionError, OrganiserTabs } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage, IdNameOptions } from "~/components/forms";
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import {
  assignByHand,
  autoAssign,
  inviteJudge,
  notifyAssignedJudges,
  removeAssignment,
  reopenAssignment,
  unannouncedCount,
} from "~/domain/contests/judging.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { requireContestOrganiser } from "~/utils/permissions.server";
import { ruleResult } from "~/utils/rule-error.server";
import { phoneField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(
  "page.organiseJudges.title",
  "page.organiseJudges.description",
  (d) => d.contest.title,
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const contest = await prisma.contest.findUniqueOrThrow({
    where: { id: contestId },
    select: { id: true, title: true, kind: true, judgesPerEntry: true, org: { select: { path: true } } },
  });
  const [judges, entries, unannounced] = await Promise.all([
    prisma.contestJudge.findMany({
      where: { contestId },
      select: {
        userId: true,
        user: { select: { name: true, employerName: true, employer: { select: { name: true } } } },
      },
      orderBy: { createdAt: "asc" },
    }),
    prisma.entry.findMany({
      where: { contestId, status: ACTIVE_ENTRY },
      select: {
        id: true,
        title: true,
        assignments: {
          select: { id: true, status: true, conflictReason: true, judge: { select: { name: true } } },
          orderBy: { createdAt: "asc" },
        },
      },
      orderBy: { submittedAt: "asc" },
    }),
    unannouncedCount(contestId),
  ]);
  // Holders of the judge role over this contest's organisation (granted on it or an ancestor) are suggested.
  const ancestors = contest.org.path.split("/").filter(Boolean);
  const suggested = await prisma.roleGrant.findMany({
    where: { role: "judge", orgId: { in: ancestors }, userId: { notIn: judges.map((j) => j.userId) } },
    select: { user: { select: { id: true, name: true, phone: true } } },
    distinct: ["userId"],
    take: 20,
  });
  return {
    contest: { id: contest.id, title: contest.title, kind: contest.kind, judgesPerEntry: contest.judgesPerEntry },
    judges: judges.map((j) => ({
      id: j.userId,
      name: j.user.name,
      employer: j.user.employer?.name ?? j.user.employerName ?? "",
    })),
    entries,
    unannounced,
    suggested: suggested.map((s) => s.user),
  };
}

const idField = z.string({ required_error: "validation.required" });
const JudgesIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), phone: phoneField }),
  z.object({ intent: z.literal("auto") }),
  z.object({ intent: z.literal("assign"), entryId: idField, judgeId: idField }),
  z.object({ intent: z.literal("remove"), assignmentId: idField }),
  z.object({ intent: z.literal("reopen"), assignmentId: idField }),
  z.object({ intent: z.literal("notify") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { contestId, user } = await requireContestOrganiser(request, params.contestId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: JudgesIntent });
  if (submission.status !== "success") {
    if (submission.error?.intent) badRequest();
    return data({ error: null, fieldErrors: submission.error ?? {}, message: null }, { status: 400 });
  }
  const input = submission.value;
  const done = (message: { key: string; params: Record<string, number> } | null) => ({
    error: null,
    fieldErrors: {},
    message,
  });
  if (input.intent === "invite") {
    const r = await ruleResult(() => inviteJudge(contestId, input.phone));
    return r.ok ? done({ key: "contests.org.invited", params: {} }) : r.response;
  }
  if (input.intent === "auto") {
    const r = await ruleResult(() => autoAssign(contestId));
    if (!r.ok) return r.response;
    return {
      error: r.value.short.length ? { key: "contests.org.short", params: { n: r.value.short.length } } : null,
      fieldErrors: {},
      message: { key: "contests.org.autoAssigned", params: { n: r.value.added.length } },
    };
  }
  if (input.intent === "assign") {
    const r = await ruleResult(() => assignByHand(contestId, input.entryId, input.judgeId));
    return r.ok ? done({ key: "contests.org.assignedOk", params: {} }) : r.response;
  }
  if (input.intent === "remove") {
    const r = await ruleResult(() => removeAssignment(contestId, input.assignmentId));
    return r.ok ? done(null) : r.response;
  }
  if (input.intent === "notify") {
    const n = await notifyAssignedJudges(contestId);
    return done({ key: "judging.assign.notified", params: { n } });
  }
  const r = await ruleResult(() => reopenAssignment(contestId, input.assignmentId, user.id));
  return r.ok ? done({ key: "contests.org.reopened", params: {} }) : r.response;
}

export default function JudgesPage() {
  const { contest, judges, entries, suggested, unannounced } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const fieldErrors = (actionData?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const message = actionData && "message" in actionData ? actionData.message : null;
  return (
    <div>
      <h1 className="page-title">{contest.title}</h1>
      <OrganiserTabs contestId={contest.id} kind={contest.kind} />
      {message ? (
        <FormMessage message={t(message.key as MessageKey, message.params as Record<string, number>)} />
      ) : null}
      <ActionError error={actionData?.error} />
      <section className="card mb-4">
        <h2 className="mb-2 font-semibold">{t("contests.org.judges")}</h2>
        <ul className="mb-3 text-sm">
          {judges.map((j) => (
            <li key={j.id}>
              {j.name} <span className="text-gray-500">{j.employer}</span>
            </li>
          ))}
        </ul>
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="invite" />
          <div className="min-w-0 flex-1">
            <label className="label" htmlFor="phone">
              {t("contests.org.inviteJudge")}
            </label>
            <input id="phone" name="phone" className="input" inputMode="tel" list="suggested-judges" />
            <datalist id="suggested-judges">
              {suggested.map((s) => (
                <option key={s.id} value={s.phone ?? ""}>
                  {s.name}
                </option>
              ))}
            </datalist>
            {fieldErrors.phone ? <p className="field-error">{t(fieldErrors.phone[0] as MessageKey)}</p> : null}
          </div>
          <button type="submit" className="btn-secondary">
            {t("contests.org.invite")}
          </button>
        </Form>
        {suggested.length ? (
          <p className="mt-2 text-xs text-gray-500">
            {t("contests.org.suggested")} {suggested.map((s) => `${s.name} ${s.phone ?? ""}`).join("；")}
          </p>
        ) : null}
      </section>
      <section className="card mb-4">
        <Form method="post" className="mb-3">
          <input type="hidden" name="intent" value="auto" />
          <button type="submit" className="btn-primary">
            {t("contests.org.autoAssign")}
          </button>
        </Form>
        <h2 className="mb-2 font-semibold">{t("contests.org.assignByHand")}</h2>
        <Form method="post" className="grid gap-2 sm:grid-cols-[1fr_1fr_auto]">
          <input type="hidden" name="intent" value="assign" />
          <select name="entryId" aria-label={t("contests.org.entry")} className="input">
            {entries.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
          <select name="judgeId" aria-label={t("contests.org.judge")} className="input">
            <IdNameOptions items={judges} />
          </select>
          <button type="submit" className="btn-secondary">
            {t("contests.org.assign")}
          </button>
        </Form>
        {fieldErrors.judgeId ? <p className="field-error">{t(fieldErrors.judgeId[0] as MessageKey)}</p> : null}
        <p className="mt-3 text-xs text-gray-600">{t("judging.assign.roundHelp")}</p>
        {unannounced > 0 ? (
          <Form method="post" className="mt-2 flex flex-wrap items-center gap-2">
            <input type="hidden" name="intent" value="notify" />
            <span className="text-sm">{t("judging.assign.unannounced", { n: unannounced })}</span>
            <button type="submit" className="btn-primary">
              {t("judging.assign.notify")}
            </button>
          </Form>
        ) : null}
      </section>
      <ul className="space-y-2">
        {entries.map((e) => (
          <li key={e.id} className="card text-sm">
            <p className="font-medium">
              {e.title}{" "}
              <span
                className={
                  e.assignments.filter((a) => a.status !== "conflict").length < contest.judgesPerEntry
                    ? "text-red-700"
                    : "text-gray-500"
                }
              >
                ({e.assignments.filter((a) => a.status !== "conflict").length}/{contest.judgesPerEntry})
              </span>
            </p>
            <ul>
              {e.assignments.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-2 py-0.5">
                  <span>{a.judge.name}</span>
                  <span className="badge">{t(`contests.assignmentStatus.${a.status}` as MessageKey)}</span>
                  {a.conflictReason ? (
                    <span className="text-xs text-gray-500">
                      {t("contests.org.conflictReason", { reason: a.conflictReason })}
                    </span>
                  ) : null}
                  {a.status === "submitted" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="reopen" />
                      <input type="hidden" name="assignmentId" value={a.id} />
                      <button className="link text-xs" type="submit">
                        {t("contests.org.reopen")}
                      </button>
                    </Form>
                  ) : a.status === "conflict" ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="assignmentId" value={a.id} />
                      <button className="link text-xs" type="submit">
                        {t("contests.org.remove")}
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
