import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionError, StatusBadge, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { textLang, UserText } from "~/components/user-text";
import { orgName } from "~/utils/org-name";
import { FormMessage } from "~/components/form-parts";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";
import { formatDateTime, formatDateTimeRange, formatNumber } from "~/utils/time";
import { pageMeta } from "~/utils/meta";
import type * as Server from "./__contest-page.server";
import { TableScroll } from "~/components/table-scroll";

// Loader and action live in ./__contest-page.server.ts (the page's JavaScript stays within its budget).
export { action, loader } from "./__contest-page.server";

export const meta = pageMeta<typeof Server.loader>(
  "page.contest.title",
  "page.contest.description",
  (d) => d.contest.title,
);

export default function ContestPage() {
  const {
    contest,
    phase,
    signedIn,
    eligible,
    showJoin,
    mine,
    invitations,
    heavy,
    correctedAt,
    ideas,
    winners,
    isOrganiser,
  } = useLoaderData<typeof Server.loader>();
  const actionData = useActionData<typeof Server.action>();
  const { t, locale } = useI18n();
  const organiser = orgName(contest.org, locale);
  const cat = useCategoryLabel();
  const golden = contest.kind === "golden_idea";
  return (
    <div className="space-y-4">
      <div>
        <span className="badge">{t(`contests.kind.${contest.kind}` as MessageKey)}</span>{" "}
        <span className="badge">
          {contest.status === "results_published"
            ? t("contests.contestStatus.results_published")
            : t(`contests.phase.${phase}` as MessageKey)}
        </span>
        <UserText as="h1" className="page-title mt-2" text={contest.title} />
        <p className="text-sm text-gray-600">
          {/* The organiser's name, marked with its language when it is not the page's, in "label: value". */}
          {textLang(organiser, locale)
            ? t("common.labelled", { label: t("contests.organiser"), value: "\uE000" })
                .split("\uE000")
                .flatMap((part, i) => (i ? [<UserText key={i} text={organiser} />, part] : [part]))
            : t("common.labelled", { label: t("contests.organiser"), value: organiser })}
          {isOrganiser ? (
            <>
              {" · "}
              <Link className="link" to={`/organise/${contest.id}`}>
                {t("contests.org.title")}
              </Link>
            </>
          ) : null}
        </p>
      </div>
      <ActionError error={actionData?.error} />
      {actionData && "message" in actionData && actionData.message ? (
        <FormMessage message={t(actionData.message as MessageKey)} />
      ) : null}
      {invitations.length ? (
        <section className="card space-y-2 text-sm">
          <h2 className="font-semibold">{t("judging.invite.title")}</h2>
          <p className="text-xs text-gray-600">{t("judging.invite.help")}</p>
          <ul className="space-y-2">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-2">
                <span>{t("judging.invite.line", { name: i.by, title: i.title })}</span>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="entryId" value={i.id} />
                  <button type="submit" name="intent" value="accept" className="btn-primary">
                    {t("judging.invite.accept")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="btn-secondary">
                    {t("judging.invite.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card space-y-2 text-sm">
        <p className="whitespace-pre-line">{contest.description}</p>
        <p>
          {t("common.labelled", {
            label: golden ? t("contests.themes") : t("contests.categories"),
            value: contest.categories.map(cat).join(t("common.listSeparator")),
          })}
        </p>
        <p>
          {t("common.labelled", {
            label: t("contests.eligibility"),
            value: t(`contests.eligibility.${contest.eligibility}` as MessageKey),
          })}
        </p>
        <p>
          {t("common.labelled", {
            label: t("contests.submissionPeriod"),
            value: formatDateTimeRange(contest.submissionOpensAt, contest.submissionClosesAt, locale),
          })}
        </p>
        {!golden ? (
          <p>
            {t("common.labelled", {
              label: t("contests.judgingPeriod"),
              value: formatDateTimeRange(contest.judgingOpensAt, contest.judgingClosesAt, locale),
            })}
            {contest.blindReview ? ` · ${t("contests.blindReview")}` : ""}
          </p>
        ) : null}
      </section>

      {phase === "submission" && contest.status !== "draft" ? (
        signedIn ? (
          eligible ? (
            <Link to={`/contests/${contest.id}/enter`} className="btn-primary inline-block">
              {golden ? t("contests.submitIdea") : t("contests.submitEntry")}
            </Link>
          ) : (
            <p className="text-sm text-gray-600">
              {t("contests.notEligible", { scope: t(`contests.eligibility.${contest.eligibility}` as MessageKey) })}
            </p>
          )
        ) : (
          <Link to={`/login?redirectTo=/contests/${contest.id}`} className="btn-primary inline-block">
            {t("contests.loginToEnter")}
          </Link>
        )
      ) : null}

      {mine.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{t("contests.me.title")}</h2>
          <ul className="space-y-1 text-sm">
            {mine.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                <UserText text={e.title} /> <StatusBadge status={e.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {showJoin ? (
        <section className="card border-brand-200 bg-brand-50 text-sm">
          <p>{t("contests.joinInvite")}</p>
          <a className="link font-semibold" href={`/join/go?from=contest:${contest.id}`}>
            {t("contests.joinInviteLink")}
          </a>
        </section>
      ) : null}

      {!golden && contest.criteria.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{t("contests.rubric")}</h2>
          <ul className="text-sm">
            {contest.criteria.map((c) => (
              <li key={c.id}>
                {c.name} · {t("contests.points", { max: c.maxPoints })} · {t("contests.weight")}{" "}
                {formatNumber(c.weight, locale)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {golden ? (
        <section>
          <h2 className="mb-2 font-semibold">{t("contests.ideas")}</h2>
          <ul className="space-y-2">
            {ideas.map((i) => (
              <li key={i.id} className="card flex flex-wrap items-center justify-between gap-2">
                <div>
                  <UserText as="p" className="font-medium" text={i.title} />
                  <p className="text-sm text-gray-600">
                    {cat(i.category)} · <StatusBadge status={i.status} /> ·{" "}
                    {t("contests.supports", { n: i.supportCount })}
                  </p>
                </div>
                {signedIn && !i.own ? (
                  i.supported ? (
                    <span className="badge">{t("contests.supported")}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="support" />
                      <input type="hidden" name="entryId" value={i.id} />
                      <button className="btn-secondary" type="submit">
                        👍 {t("contests.support")}
                      </button>
                    </Form>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {winners.length ? (
        <section>
          <h2 className="mb-2 font-semibold">{t("contests.resultsPublic")}</h2>
          <div className="mb-2 space-y-1 text-xs text-gray-600">
            <p>{t("judging.results.publicMethod", { criterion: heavy })}</p>
            <p>{t("judging.results.publicPerCategory")}</p>
            {correctedAt ? (
              <p className="font-semibold text-amber-800">
                {t("judging.results.correctedOn", { date: formatDateTime(correctedAt, locale) })}
              </p>
            ) : null}
          </div>
          <TableScroll label={t("contests.resultsPublic")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("contests.entry.category")}</th>
                  <th>{t("contests.award")}</th>
                  <th>{t("contests.entry.title")}</th>
                  <th>{t("contests.entry.authors")}</th>
                  <th>{t("contests.score")}</th>
                  <th>{t("judging.results.median")}</th>
                  <th>{t("judging.results.heavyShare", { criterion: heavy })}</th>
                </tr>
              </thead>
              <tbody>
                {winners.map((w) => (
                  <tr key={w.id}>
                    <td>{cat(w.category)}</td>
                    <td>
                      {w.tier}
                      {w.correctedAt ? (
                        <span className="block text-xs text-amber-800">
                          {t("judging.results.correctedOn", { date: formatDateTime(w.correctedAt, locale) })}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <UserText text={w.title} />
                    </td>
                    <td>
                      {w.authors.join(t("common.listSeparator"))}
                      {w.org ? <span className="block text-xs text-gray-500">{w.org}</span> : null}
                    </td>
                    <td>
                      {w.score !== null ? formatNumber(w.score, locale, { maximumFractionDigits: 2 }) : ""}
                      {w.method ? (
                        <span className="block text-xs text-gray-500">
                          {t(`contests.org.method.${w.method}` as MessageKey)}
                        </span>
                      ) : null}
                    </td>
                    <td>{w.median !== null ? formatNumber(w.median, locale, { maximumFractionDigits: 2 }) : ""}</td>
                    <td>
                      {w.heavyShare !== null
                        ? `${formatNumber(w.heavyShare * 100, locale, { maximumFractionDigits: 1 })}%`
                        : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
