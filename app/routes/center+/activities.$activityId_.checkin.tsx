import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import {
  checkIn,
  findRegistrations,
  maskPhone,
  registerWalkIn,
  registrationRowSelect,
  unclaimedWalkInCount,
  undoCheckIn,
} from "~/domain/activities/checkin.server";
import { normaliseCode } from "~/domain/activities/registration.server";
import { qrSvg } from "~/domain/activities/render.server";
import type { MessageKey } from "~/i18n";
import { isMessageKey } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import { ContactExportForm } from "~/components/contact-export-form";
import { useI18n } from "~/utils/i18n";
import { requireActivityStaff } from "~/utils/permissions.server";
import { clientAddress, throttleWalkIn } from "~/utils/rate-limit.server";
import { catchRule } from "~/utils/rule-error.server";
import { formatDateTime } from "~/utils/time";
import { idField, typedPhoneField } from "~/utils/validation";
import { CodeScanner } from "./__code-scanner";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(
  "activities.checkin.title",
  "page.checkin.description",
  (d) => d.activity.title,
);

type Row = {
  id: string;
  status: string;
  checkinCode: string;
  attendedAt: Date | null;
  walkIn: boolean;
  user: { id: string; name: string; phone: string | null; membership: { id: string } | null };
};
const toView = (r: Row) => ({
  id: r.id,
  status: r.status,
  code: r.checkinCode,
  attendedAt: r.attendedAt,
  walkIn: r.walkIn,
  name: r.user.name,
  phone: maskPhone(r.user.phone),
  isMember: Boolean(r.user.membership),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { activity } = await requireActivityStaff(request, params.activityId!);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const [a, results, recent, attended, unclaimed] = await Promise.all([
    prisma.activity.findUniqueOrThrow({
      where: { id: activity.id },
      select: {
        id: true,
        title: true,
        startsAt: true,
        capacity: true,
        confirmedCount: true,
        waitlistCount: true,
        status: true,
      },
    }),
    findRegistrations(activity.id, q),
    prisma.registration.findMany({
      where: { activityId: activity.id, attendedAt: { not: null } },
      orderBy: { attendedAt: "desc" },
      take: 10,
      select: registrationRowSelect,
    }),
    prisma.registration.count({ where: { activityId: activity.id, attendedAt: { not: null } } }),
    unclaimedWalkInCount(activity.id),
  ]);
  // Walk-ins not linked to an account are anonymous heads: present, but in no one's history.
  return {
    activity: a,
    q,
    attended: attended + unclaimed,
    unclaimed,
    results: results.map(toView),
    recent: recent.map(toView),
  };
}

/**
 * The join invitation for a non-member checked in; for a walk-in (userId null) shown whatever they
 * are, worded "if", and leading to the claim page with the number the staff typed (issue #10: the
 * walk-in proves it, sets a password and lands on the application).
 */
async function joinInvite(request: Request, activityId: string, userId: string | null, walkInPhone?: string) {
  const member = userId ? await prisma.membership.findUnique({ where: { userId }, select: { id: true } }) : null;
  if (member) return null;
  const from = `activity:${activityId}`;
  const path = walkInPhone
    ? `/claim?${new URLSearchParams({ phone: walkInPhone, from })}`
    : `/join/go?from=${encodeURIComponent(from)}`;
  const url = new URL(path, request.url).toString();
  const text: MessageKey = userId ? "activities.checkin.notMember" : "activities.checkin.walkInInvite";
  return { url, svg: await qrSvg(url), text };
}

const CheckinIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("code"), code: z.string().trim().default("") }),
  z.object({ intent: z.literal("checkin"), registrationId: idField }),
  z.object({ intent: z.literal("undo"), registrationId: idField }),
  z.object({
    intent: z.literal("walkin"),
    name: z
      .string({ required_error: "activities.checkin.walkInName" })
      .trim()
      .min(1, "activities.checkin.walkInName")
      .max(50, "activities.checkin.walkInName"),
    phone: typedPhoneField,
  }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, activity } = await requireActivityStaff(request, params.activityId!);
  const submission = parseWithZod(await request.formData(), { schema: CheckinIntent });
  const done = async (userId: string, message: MessageKey) => {
    const who = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
    return { ok: true as const, message, name: who.name, invite: await joinInvite(request, activity.id, userId) };
  };
  const fail = (message: MessageKey, status = 400) =>
    data({ ok: false as const, message, name: null, invite: null }, { status });
  if (submission.status !== "success") {
    const error = submission.error ?? {};
    const key = error.intent
      ? "error.badRequest.title"
      : (error.name ?? error.phone ?? error.code ?? error.registrationId)?.[0];
    return fail(isMessageKey(key ?? "") ? (key as MessageKey) : "error.badRequest.title");
  }
  const input = submission.value;
  const checkedIn = async (registrationId: string) => {
    const result = await catchRule(() => checkIn(activity.id, registrationId, user.id));
    if (!result.ok) return fail(result.error.key, result.error.status);
    return done(result.value.userId, result.value.already ? "activities.checkin.already" : "activities.checkin.done");
  };

  if (input.intent === "code") {
    const code = normaliseCode(input.code);
    if (input.code.startsWith("XGA:") && input.code.split(":")[1] !== activity.id)
      return fail("activities.checkin.otherActivity");
    const reg = code
      ? await prisma.registration.findUnique({
          where: { activityId_checkinCode: { activityId: activity.id, checkinCode: code } },
          select: { id: true },
        })
      : null;
    if (!reg) return fail("activities.checkin.unknownCode", 404);
    return checkedIn(reg.id);
  }
  if (input.intent === "checkin") return checkedIn(input.registrationId);
  if (input.intent === "undo") {
    if (!(await undoCheckIn(activity.id, input.registrationId))) return fail("activities.checkin.notFound", 404);
    return { ok: true as const, message: "activities.checkin.undone" as MessageKey, name: null, invite: null };
  }
  const { name, phone } = input;
  // A walk-in looks the phone number up: throttled per address like the other look-ups.
  if (!(await throttleWalkIn(clientAddress(context))).allowed) return fail("auth.throttle.tryLater", 429);
  const result = await catchRule(() => registerWalkIn(activity.id, { name, phone }, user.id));
  if (!result.ok) return fail(result.error.key, result.error.status);
  // The same answer whether the number was new or someone's: the name the staff typed, never the
  // stored one, and the invitation without looking at anyone's membership.
  return {
    ok: true as const,
    message: (result.value.already ? "desk.walkIn.already" : "activities.checkin.walkInRecorded") as MessageKey,
    name,
    invite: await joinInvite(request, activity.id, null, phone),
  };
}

export default function CheckinScreen() {
  const { t, locale } = useI18n();
  const { activity, q, attended, unclaimed, results, recent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const codeInput = useRef<HTMLInputElement>(null);
  // Ready for the next person: clear and refocus the code field after each result.
  useEffect(() => {
    if (result && codeInput.current) {
      codeInput.current.value = "";
      codeInput.current.focus();
    }
  }, [result]);
  const rowActions = (r: ReturnType<typeof toView>) =>
    r.attendedAt ? (
      <Form method="post" className="inline">
        <input type="hidden" name="registrationId" value={r.id} />
        <button className="btn-secondary" name="intent" value="undo">
          {t("activities.checkin.undo")}
        </button>
      </Form>
    ) : r.status === "confirmed" ? (
      <Form method="post" className="inline">
        <input type="hidden" name="registrationId" value={r.id} />
        <button className="btn-primary" name="intent" value="checkin">
          {t("activities.checkin.markAttended")}
        </button>
      </Form>
    ) : (
      <span className="badge">{t(`activities.status.${r.status}` as MessageKey)}</span>
    );
  const list = (rows: ReturnType<typeof toView>[]) => (
    <ul className="divide-y divide-gray-100">
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <div className="min-w-0">
            <p className="font-medium">
              {r.name} <span className="text-sm text-gray-500">{r.phone}</span>
            </p>
            <p className="text-xs text-gray-500">
              {r.code}
              {r.attendedAt
                ? ` · ${t("activities.checkin.attendedAt", { time: formatDateTime(r.attendedAt, locale) })}`
                : ""}
              {r.walkIn ? ` · ${t("activities.checkin.walkIn")}` : ""}
              {r.isMember ? ` · ${t("activities.checkin.member")}` : ""}
            </p>
          </div>
          {rowActions(r)}
        </li>
      ))}
    </ul>
  );
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div>
        <Link to={`/center/activities/${activity.id}`} className="link text-sm">
          ← {activity.title}
        </Link>
        <h1 className="page-title mt-1 mb-0">{t("activities.checkin.title")}</h1>
        <p className="text-sm text-gray-600">
          {t("activities.checkin.summary", {
            attended,
            confirmed: activity.confirmedCount,
            capacity: activity.capacity,
          })}
        </p>
        {unclaimed > 0 ? (
          <p className="text-sm text-gray-600">{t("activities.checkin.unclaimed", { count: unclaimed })}</p>
        ) : null}
      </div>
      {result ? (
        <div>
          <FormMessage
            tone={result.ok ? "success" : "error"}
            message={t(result.message, { name: result.name ?? "" })}
          />
          {result.invite ? (
            <div className="card border-brand-100 bg-brand-50" data-testid="join-invite">
              <p className="font-medium">{t(result.invite.text, { name: result.name ?? "" })}</p>
              <div className="mt-2 flex items-center gap-3">
                <div
                  className="h-28 w-28 shrink-0 bg-white"
                  data-invite-url={result.invite.url}
                  dangerouslySetInnerHTML={{ __html: result.invite.svg }}
                />
                <p className="text-sm text-gray-700">{t("activities.checkin.inviteHint")}</p>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
      <Form method="post" className="card" replace>
        {/* The intent travels with every submit: the button, Enter in the field, and the scanner's requestSubmit(). */}
        <input type="hidden" name="intent" value="code" />
        <label className="label" htmlFor="checkin-code">
          {t("activities.checkin.code")}
        </label>
        <div className="flex gap-2">
          <input
            id="checkin-code"
            name="code"
            className="input font-mono uppercase"
            autoComplete="off"
            autoCapitalize="characters"
            maxLength={120}
            ref={codeInput}
          />
          <button className="btn-primary shrink-0" disabled={busy}>
            {t("activities.checkin.submitCode")}
          </button>
        </div>
        <CodeScanner inputId="checkin-code" />
      </Form>
      {/* The results sit after the search form, not inside it: their own check-in/undo forms cannot nest. */}
      <section className="card">
        <Form method="get">
          <label className="label" htmlFor="checkin-q">
            {t("activities.checkin.search")}
          </label>
          <div className="flex gap-2">
            <input
              id="checkin-q"
              name="q"
              className="input"
              defaultValue={q}
              placeholder={t("activities.checkin.searchPlaceholder")}
            />
            <button className="btn-secondary shrink-0">{t("common.search")}</button>
          </div>
        </Form>
        {q ? (
          <div className="mt-2">
            {results.length ? (
              list(results)
            ) : (
              <p className="text-sm text-gray-600">{t("activities.checkin.noMatch")}</p>
            )}
          </div>
        ) : null}
      </section>
      <Form method="post" className="card">
        <h2 className="mb-2 font-semibold">{t("activities.checkin.walkInTitle")}</h2>
        <div className="grid gap-2 sm:grid-cols-2">
          <div>
            <label className="label" htmlFor="walkin-name">
              {t("activities.checkin.walkInNameLabel")}
            </label>
            <input id="walkin-name" name="name" className="input" required maxLength={50} />
          </div>
          <div>
            <label className="label" htmlFor="walkin-phone">
              {t("activities.checkin.walkInPhone")}
            </label>
            <input id="walkin-phone" name="phone" className="input" inputMode="tel" required maxLength={20} />
          </div>
        </div>
        <button className="btn-secondary mt-3" name="intent" value="walkin">
          {t("activities.checkin.walkInSubmit")}
        </button>
      </Form>
      <section className="card" aria-labelledby="checkin-recent">
        <h2 id="checkin-recent" className="mb-2 font-semibold">
          {t("activities.checkin.recent")}
        </h2>
        {recent.length ? list(recent) : <p className="text-sm text-gray-600">{t("activities.checkin.noneYet")}</p>}
      </section>
      <div className="grid gap-2 sm:flex sm:items-center sm:justify-end">
        <Link className="btn-secondary" to={`/center/activities/${activity.id}/attendees`}>
          {t("desk.attendees.link")}
        </Link>
        <a className="btn-secondary" href={`/center/activities/${activity.id}/export?format=csv`}>
          {t("common.exportCsv")}
        </a>
        <a className="btn-secondary" href={`/center/activities/${activity.id}/export?format=xlsx`}>
          {t("common.exportXlsx")}
        </a>
      </div>
      <ContactExportForm action={`/center/activities/${activity.id}/export`} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
