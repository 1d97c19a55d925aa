import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormMessage } from "~/components/forms";
import { createGroup } from "~/domain/assessment/inspection.server";
import { attempt, ok, refuse, submissionErrors, type Reply } from "~/domain/assessment/reply.server";
import { closeRound, createRound, newVersion, openRound, updateItem } from "~/domain/assessment/schemes.server";
import { requireCityStaff } from "~/domain/assessment/scope.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { formatDateTime, parseLocalDateTime } from "~/utils/time";
import { idField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";
import { localName } from "~/utils/org-name";

export const meta = pageMeta<typeof loader>("assessment.rounds.title", "page.assessmentRounds.description");

// City staff: the schemes (items editable until a round locks them; then copy as a new version),
// the rounds (create, open, close) and each round's inspection groups.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCityStaff(request);
  const [schemes, rounds, targets] = await Promise.all([
    prisma.assessmentScheme.findMany({
      include: { items: { orderBy: { position: "asc" } } },
      orderBy: [{ year: "desc" }, { key: "asc" }, { version: "desc" }],
      take: 20,
    }),
    prisma.assessmentRound.findMany({
      orderBy: [{ year: "desc" }, { createdAt: "desc" }],
      include: {
        schemes: { select: { scheme: { select: { name: true, version: true } } } },
        groups: {
          select: {
            id: true,
            name: true,
            leader: { select: { name: true } },
            members: { select: { user: { select: { name: true } } } },
            targets: { select: { org: { select: { name: true } } } },
          },
        },
      },
    }),
    // Counties, zones and the unions directly under the city can be assigned to a group.
    prisma.organisation.findMany({
      where: { OR: [{ kind: { in: ["county", "zone"] } }, { kind: "union", parent: { kind: "city" } }] },
      select: { id: true, name: true },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
    }),
  ]);
  return {
    schemes: schemes.map((s) => ({
      ...s,
      lockedAt: s.lockedAt?.toISOString() ?? null,
      createdAt: undefined,
      grade: JSON.parse(s.gradeThresholds),
      level: JSON.parse(s.levelThresholds),
    })),
    rounds: rounds.map((r) => ({
      id: r.id,
      name: r.name,
      year: r.year,
      status: r.status,
      deadline: r.deadline.toISOString(),
      schemes: r.schemes.map((x) => `${x.scheme.name} v${x.scheme.version}`),
      groups: r.groups,
    })),
    targets,
  };
}

// Loose text (empty when left out); the group form checks its fields against the database itself.
const looseText = z.string().trim().default("");
const idList = z.array(z.string()).default([]);
const RoundsIntent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("item"),
    itemId: idField,
    name: z
      .string()
      .trim()
      .min(1)
      .transform((v) => v.slice(0, 200)),
    maxPoints: z.coerce.number().gt(0).max(100),
    requiresEvidence: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  }),
  z.object({ intent: z.literal("version"), schemeId: looseText }),
  z.object({
    intent: z.literal("create"),
    year: z.coerce
      .number({ invalid_type_error: "assessment.error.required", required_error: "assessment.error.required" })
      .int("assessment.error.required")
      .min(2000, "assessment.error.required")
      .max(2100, "assessment.error.required"),
    name: z
      .string({ required_error: "assessment.error.required" })
      .trim()
      .min(1, "assessment.error.required")
      .transform((v) => v.slice(0, 100)),
    deadline: z
      .string({ required_error: "assessment.error.date" })
      .transform(
        (v, ctx) =>
          parseLocalDateTime(v) ?? (ctx.addIssue({ code: "custom", message: "assessment.error.date" }), z.NEVER),
      ),
    schemeIds: idList,
  }),
  z.object({ intent: z.literal("open"), roundId: looseText }),
  z.object({ intent: z.literal("close"), roundId: looseText }),
  z.object({
    intent: z.literal("group"),
    roundId: looseText,
    name: looseText,
    leader: looseText,
    members: looseText,
    targets: idList,
  }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireCityStaff(request);
  const t = getT(request);
  const submission = parseWithZod(await request.formData(), { schema: RoundsIntent });
  if (submission.status !== "success") {
    const error = submission.error ?? {};
    if (error.intent) return refuse(400, t("error.badRequest.title"));
    // The item form has one message for the row; the round form one per field.
    if (submission.payload.intent === "item") return refuse(400, t("assessment.error.scoreRange", { max: 100 }));
    return refuse(400, null, submissionErrors(error, t));
  }
  const input = submission.value;
  if (input.intent === "item") {
    const { itemId, name, maxPoints, requiresEvidence } = input;
    const r = await attempt(t, () => updateItem(itemId, { name, maxPoints, requiresEvidence }, user.id));
    return "refused" in r ? r.refused : ok(t("assessment.rounds.itemSaved"));
  }
  if (input.intent === "version") {
    const r = await attempt(t, () => newVersion(input.schemeId, user.id));
    return "refused" in r ? r.refused : ok(t("assessment.rounds.versionCreated"));
  }
  if (input.intent === "create") {
    const { year, name, deadline, schemeIds } = input;
    const r = await attempt(t, () => createRound({ year, name, deadline, schemeIds }, user.id));
    return "refused" in r ? r.refused : ok(t("assessment.rounds.created"));
  }
  if (input.intent === "open" || input.intent === "close") {
    const { intent, roundId } = input;
    const r = await attempt(t, () => (intent === "open" ? openRound(roundId, user.id) : closeRound(roundId, user.id)));
    return "refused" in r
      ? r.refused
      : ok(t(intent === "open" ? "assessment.rounds.opened" : "assessment.rounds.closed"));
  }
  const phones = input.members.split(/[\s,，、]+/).filter(Boolean);
  const [leader, members, round] = await Promise.all([
    prisma.user.findUnique({ where: { phone: input.leader }, select: { id: true } }),
    prisma.user.findMany({ where: { phone: { in: phones } }, select: { id: true } }),
    prisma.assessmentRound.findUnique({ where: { id: input.roundId }, select: { id: true } }),
  ]);
  const errors: Record<string, string[]> = {};
  if (!input.name) errors.groupName = [t("assessment.error.required")];
  if (!leader) errors.leader = [t("assessment.error.notFound")];
  if (members.length !== new Set(phones).size) errors.members = [t("assessment.error.notFound")];
  if (!round) errors.roundId = [t("assessment.error.notFound")];
  if (Object.keys(errors).length) return refuse(400, null, errors);
  const targetIds = input.targets;
  const valid = await prisma.organisation.count({ where: { id: { in: targetIds } } });
  if (valid !== targetIds.length) return refuse(400, null, { targets: [t("assessment.error.notFound")] });
  const r = await attempt(t, () =>
    createGroup(
      {
        roundId: round!.id,
        name: input.name.slice(0, 100),
        leaderId: leader!.id,
        memberIds: members.map((m) => m.id),
        targetOrgIds: targetIds,
      },
      user.id,
    ),
  );
  return "refused" in r ? r.refused : ok(t("assessment.rounds.groupCreated"));
}

export default function Rounds() {
  const { schemes, rounds, targets } = useLoaderData<typeof loader>();
  const reply = useActionData<Reply>();
  const busy = useNavigation().state !== "idle";
  const { t, locale } = useI18n();
  const errors = reply?.errors ?? {};
  return (
    <div className="mx-auto max-w-4xl">
      <p className="mb-2 text-sm">
        <Link to="/assessment" className="link">
          ← {t("assessment.title")}
        </Link>
      </p>
      <h1 className="page-title">{t("assessment.rounds.title")}</h1>
      {reply?.message ? <FormMessage tone={reply.ok ? "success" : "error"} message={reply.message} /> : null}

      <h2 className="mb-2 text-lg font-semibold">{t("assessment.rounds.rounds")}</h2>
      <ul className="mb-4 space-y-3">
        {rounds.map((r) => (
          <li key={r.id} className="card text-sm">
            <p className="font-medium">
              {r.name} · {t(`assessment.roundStatus.${r.status}` as MessageKey)}
            </p>
            <p>{t("assessment.deadline", { date: formatDateTime(r.deadline, locale) })}</p>
            <p className="break-words text-gray-600">{r.schemes.join(t("common.listSeparator"))}</p>
            {r.status !== "closed" ? (
              <Form method="post" className="mt-2">
                <input type="hidden" name="roundId" value={r.id} />
                <button
                  type="submit"
                  name="intent"
                  value={r.status === "draft" ? "open" : "close"}
                  className="btn-secondary"
                  disabled={busy}
                >
                  {t(r.status === "draft" ? "assessment.rounds.openRound" : "assessment.rounds.closeRound")}
                </button>
              </Form>
            ) : null}
            {r.groups.length ? (
              <ul className="mt-2 list-disc pl-5">
                {r.groups.map((g) => (
                  <li key={g.id} className="break-words">
                    {g.name} · {t("assessment.inspection.leader")} {g.leader.name} ·{" "}
                    {g.members.map((m) => m.user.name).join(t("common.listSeparator"))} ·{" "}
                    {g.targets.map((x) => x.org.name).join(t("common.listSeparator"))}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>

      <details className="card mb-4">
        <summary className="cursor-pointer font-medium">{t("assessment.rounds.create")}</summary>
        <Form method="post" className="mt-2 space-y-2">
          <label className="label" htmlFor="year">
            {t("assessment.rounds.year")}
          </label>
          <input id="year" name="year" type="number" className="input" defaultValue={new Date().getFullYear()} />
          <ErrorList errors={errors.year} />
          <label className="label" htmlFor="name">
            {t("assessment.rounds.name")}
          </label>
          <input id="name" name="name" className="input" maxLength={100} />
          <ErrorList errors={errors.name} />
          <label className="label" htmlFor="deadline">
            {t("assessment.rounds.deadline")}
          </label>
          <input id="deadline" name="deadline" type="datetime-local" className="input" />
          <ErrorList errors={errors.deadline} />
          <fieldset>
            <legend className="label">{t("assessment.rounds.schemesPick")}</legend>
            {schemes.map((s) => (
              <label key={s.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="schemeIds" value={s.id} />
                {s.name} v{s.version}
              </label>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="create" className="btn-primary" disabled={busy}>
            {t("assessment.rounds.create")}
          </button>
        </Form>
      </details>

      <details className="card mb-4">
        <summary className="cursor-pointer font-medium">{t("assessment.rounds.newGroup")}</summary>
        <Form method="post" className="mt-2 space-y-2">
          <label className="label" htmlFor="g-round">
            {t("assessment.round")}
          </label>
          <select id="g-round" name="roundId" className="input">
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <label className="label" htmlFor="g-name">
            {t("assessment.inspection.group")}
          </label>
          <input id="g-name" name="name" className="input" maxLength={100} />
          <ErrorList errors={errors.groupName} />
          <label className="label" htmlFor="g-leader">
            {t("assessment.rounds.leaderPhone")}
          </label>
          <input id="g-leader" name="leader" className="input" inputMode="tel" />
          <ErrorList errors={errors.leader} />
          <label className="label" htmlFor="g-members">
            {t("assessment.rounds.memberPhones")}
          </label>
          <input id="g-members" name="members" className="input" />
          <ErrorList errors={errors.members} />
          <label className="label" htmlFor="g-targets">
            {t("assessment.inspection.targets")}
          </label>
          <select id="g-targets" name="targets" multiple size={6} className="input">
            {targets.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <ErrorList errors={errors.targets} />
          <button type="submit" name="intent" value="group" className="btn-primary" disabled={busy}>
            {t("assessment.rounds.newGroup")}
          </button>
        </Form>
      </details>

      <h2 className="mb-2 text-lg font-semibold">{t("assessment.rounds.schemes")}</h2>
      {schemes.map((s) => (
        <section key={s.id} className="card mb-4 text-sm">
          <p className="font-medium">
            {localName(s, locale)} · v{s.version} ·{" "}
            <span className="badge">{t(s.lockedAt ? "assessment.rounds.locked" : "assessment.rounds.unlocked")}</span>
          </p>
          <p className="text-gray-600">
            {t("assessment.rounds.kinds", {
              kinds: s.unionKinds
                .split(",")
                .map((k) => t(`assessment.unionKind.${k}` as MessageKey))
                .join(t("common.listSeparator")),
            })}
          </p>
          <p className="mb-2 text-gray-600">{t("assessment.rounds.thresholds", { ...s.grade, ...s.level })}</p>
          <ul className="space-y-1">
            {s.items.map((i) =>
              s.lockedAt || i.autoSource ? (
                <li key={i.id} className="break-words">
                  {t(i.kind === "rigid" ? "assessment.sub.rigid" : "assessment.sub.flexible")} · {localName(i, locale)}{" "}
                  · {t("assessment.sub.max", { max: i.maxPoints })}
                  {i.autoSource ? ` · ${t("assessment.rounds.autoItem")}` : ""}
                </li>
              ) : (
                <li key={i.id}>
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="itemId" value={i.id} />
                    <input
                      name="name"
                      aria-label={t("assessment.rounds.itemName")}
                      defaultValue={i.name}
                      className="input min-w-0 flex-1"
                      maxLength={200}
                    />
                    <input
                      name="maxPoints"
                      aria-label={t("assessment.rounds.maxPoints")}
                      type="number"
                      step="0.5"
                      defaultValue={i.maxPoints}
                      className="input w-20"
                    />
                    <label className="flex items-center gap-1">
                      <input type="checkbox" name="requiresEvidence" defaultChecked={i.requiresEvidence} />
                      {t("assessment.rounds.requiresEvidence")}
                    </label>
                    <button type="submit" name="intent" value="item" className="btn-secondary" disabled={busy}>
                      {t("assessment.rounds.saveItem")}
                    </button>
                  </Form>
                </li>
              ),
            )}
          </ul>
          <Form method="post" className="mt-2">
            <input type="hidden" name="schemeId" value={s.id} />
            <button type="submit" name="intent" value="version" className="btn-secondary" disabled={busy}>
              {t("assessment.rounds.newVersion")}
            </button>
          </Form>
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
