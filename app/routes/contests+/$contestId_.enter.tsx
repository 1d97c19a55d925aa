import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ActionError, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { categoriesFor, MAX_YUAN } from "~/domain/contests/constants";
import { saveEntry } from "~/domain/contests/entries.server";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { clientAddress, retryAfter, throttleCoAuthorLookups } from "~/utils/rate-limit.server";
import { useI18n } from "~/utils/i18n";
import { isMessageKey } from "~/i18n/translate";
import { UploadField } from "~/components/upload-field";
import { keepUploadsIf } from "~/utils/stored-files.server";
import { collectUploads, parseUploadForm } from "~/utils/upload.server";
import { parseStringList } from "~/utils/string-list";
import { formatDateTime } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("page.enter.title", "page.enter.description", (d) => d.contest.title);

const EntrySchema = z.object({
  intent: z.enum(["draft", "submit"], { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  entryId: z.string().optional(),
  category: z.string({ required_error: "validation.required" }),
  title: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(2, "validation.required")
    .max(100, "validation.tooLong"),
  problem: z.string({ required_error: "validation.required" }).trim().max(4000, "validation.tooLong"),
  solution: z.string().trim().max(4000, "validation.tooLong").default(""),
  benefit: z.string().trim().max(2000, "validation.tooLong").default(""),
  estimatedSaving: z.coerce
    .number({ invalid_type_error: "validation.invalidNumber" })
    .int("validation.invalidNumber")
    .min(0, "validation.invalidNumber")
    .max(MAX_YUAN, "validation.invalidNumber")
    .optional(),
  coAuthors: z.string().max(1000, "validation.tooLong").default(""),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contest = await prisma.contest.findFirst({
    where: { id: params.contestId ?? "", status: { not: "draft" } },
    select: { id: true, kind: true, title: true, categories: true, submissionClosesAt: true, blindReview: true },
  });
  if (!contest) notFound();
  const entryId = new URL(request.url).searchParams.get("entry");
  const draft = entryId
    ? await prisma.entry.findFirst({
        where: { id: entryId, contestId: contest.id, submittedById: user.id, status: "draft" },
        select: {
          id: true,
          category: true,
          title: true,
          problem: true,
          solution: true,
          benefit: true,
          estimatedSaving: true,
          authors: {
            select: { name: true, userId: true, user: { select: { phone: true } } },
            orderBy: { position: "asc" },
          },
          attachments: { select: { fileId: true, file: { select: { name: true } } }, orderBy: { position: "asc" } },
        },
      })
    : null;
  if (entryId && !draft) notFound();
  const allowed = parseStringList(contest.categories);
  return {
    contest: {
      id: contest.id,
      kind: contest.kind,
      title: contest.title,
      submissionClosesAt: contest.submissionClosesAt,
      blindReview: contest.blindReview,
    },
    categories: allowed.length ? allowed : [...categoriesFor(contest.kind)],
    draft: draft && {
      ...draft,
      coAuthors: draft.authors
        .filter((a) => a.userId !== user.id)
        .map((a) => a.user?.phone ?? a.name)
        .join("\n"),
      attachments: draft.attachments.map((a) => ({ id: a.fileId, name: a.file.name })),
    },
  };
}

const TYPED_FIELDS = ["category", "title", "problem", "solution", "benefit", "estimatedSaving", "coAuthors"] as const;
type Typed = Partial<Record<(typeof TYPED_FIELDS)[number], string>>;

/** What was typed, sent back with a refusal so the form (also without JavaScript) keeps it. */
function typedValues(formData: FormData): Typed {
  const values: Typed = {};
  for (const name of TYPED_FIELDS) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value.slice(0, 10_000);
  }
  return values;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const upload = await parseUploadForm(request, "entry_attachment");
  if (upload.error) {
    return data(
      {
        error: null,
        fieldErrors: { attachments: [upload.error.key] },
        errorParams: upload.error.params ?? {},
        uploads: [],
        values: typedValues(upload.fields),
      },
      { status: 413 },
    );
  }
  const formData = upload.formData;
  // Files already uploaded by <UploadField> (JavaScript) stay chosen when the form comes back with errors.
  const kept = async (ids: string[]) =>
    prisma.storedFile.findMany({
      where: { id: { in: ids }, ownerId: user.id, attachments: { none: {} } },
      select: { id: true, name: true, size: true },
    });
  const claimed = formData.getAll("attachmentsIds").map(String);
  const submission = parseWithZod(formData, { schema: EntrySchema });
  if (submission.status !== "success") {
    return data(
      {
        error: { key: "validation.formErrors", params: {} },
        fieldErrors: submission.error ?? {},
        errorParams: {},
        uploads: await kept(claimed),
        values: typedValues(formData),
      },
      { status: 400 },
    );
  }
  // A co-author phone is a "is this number registered" look-up: throttled per address and user.
  const lookups = await throttleCoAuthorLookups(
    submission.value.coAuthors.split(/\r?\n/),
    clientAddress(context),
    user.id,
  );
  if (!lookups.allowed) {
    const errorParams = { minutes: lookups.minutes };
    return data(
      {
        error: null,
        fieldErrors: { coAuthors: ["auth.throttle.tooMany"] },
        errorParams,
        uploads: await kept(claimed),
        values: typedValues(formData),
      },
      { status: 429, headers: retryAfter(lookups) },
    );
  }
  const collected = await collectUploads(formData, "attachments", "entry_attachment", user.id);
  if ("error" in collected) {
    const status = collected.error.key === "upload.quota" ? 429 : 400;
    return data(
      {
        error: null,
        fieldErrors: { attachments: [collected.error.key] },
        errorParams: collected.error.params ?? {},
        uploads: await kept(claimed),
        values: typedValues(formData),
      },
      { status },
    );
  }
  const v = submission.value;
  // Files sent with this form (no JavaScript) are deleted again when the entry is refused.
  const result = await keepUploadsIf(
    collected.stored,
    () =>
      ruleResult(async () => {
        const fileIds = collected.ids;
        return saveEntry({
          contestId: params.contestId ?? "",
          userId: user.id,
          entryId: v.entryId || null,
          input: {
            category: v.category,
            title: v.title,
            problem: v.problem,
            solution: v.solution,
            benefit: v.benefit,
            estimatedSaving: v.estimatedSaving ?? null,
            coAuthors: v.coAuthors.split(/\r?\n/),
          },
          fileIds,
          submit: v.intent === "submit",
        });
      }),
    (r) => r.ok,
  );
  if (!result.ok) {
    const uploads = await kept(collected.ids);
    const body = await result.response.data;
    return data(
      { ...body, errorParams: body.error?.params ?? {}, uploads, values: typedValues(formData) },
      { status: result.response.init?.status ?? 400 },
    );
  }
  return redirect(`/me/entries?done=${v.intent === "submit" ? "submitted" : "saved"}`);
}

export default function EnterContest() {
  const { contest, categories, draft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  const navigation = useNavigation();
  const golden = contest.kind === "golden_idea";
  // Conform validates the same schema in the browser (on blur and on submit) when JavaScript
  // runs; the server's field errors (the no-JavaScript path, and rules only it can check) win.
  const [form, fields] = useForm({
    id: "entry",
    constraint: getZodConstraint(EntrySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EntrySchema }),
    shouldValidate: "onBlur",
  });
  const serverErrors = (actionData?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const clientErrors: Record<string, string[] | undefined> = {
    category: fields.category.errors,
    title: fields.title.errors,
    problem: fields.problem.errors,
    solution: fields.solution.errors,
    benefit: fields.benefit.errors,
    estimatedSaving: fields.estimatedSaving.errors,
    coAuthors: fields.coAuthors.errors,
  };
  // A broken rule's message may name a value ("{phone} is not registered"): fill it in here.
  const errorParams = (actionData && "errorParams" in actionData ? actionData.errorParams : {}) as Record<
    string,
    string | number
  >;
  // After a refusal the form shows what was sent, not the stored draft.
  const typed = actionData && "values" in actionData ? (actionData.values as Typed) : null;
  const shown: Typed = typed ?? {
    category: draft?.category,
    title: draft?.title,
    problem: draft?.problem,
    solution: draft?.solution,
    benefit: draft?.benefit,
    estimatedSaving: draft?.estimatedSaving?.toString(),
    coAuthors: draft?.coAuthors,
  };
  const errorsFor = (field: string) =>
    (serverErrors[field] ?? clientErrors[field])?.map((k) => (isMessageKey(k) ? t(k, errorParams) : k));
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="page-title">
        {draft ? t("contests.entry.edit") : golden ? t("contests.entry.newIdea") : t("contests.entry.new")}
      </h1>
      <p className="mb-4 text-sm text-gray-600">
        {contest.title} · {t("contests.entry.deadline", { date: formatDateTime(contest.submissionClosesAt, locale) })}
      </p>
      <ActionError error={actionData?.error} />
      <Form method="post" encType="multipart/form-data" className="card" {...getFormProps(form)}>
        {draft ? <input type="hidden" name="entryId" value={draft.id} /> : null}
        <Field
          label={golden ? t("contests.entry.theme") : t("contests.entry.category")}
          htmlFor="category"
          errors={errorsFor("category")}
        >
          <select id="category" name="category" className="input" defaultValue={shown.category ?? categories[0]}>
            {categories.map((c) => (
              <option key={c} value={c}>
                {cat(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("contests.entry.title")} htmlFor="title" errors={errorsFor("title")}>
          <input id="title" name="title" className="input" required maxLength={100} defaultValue={shown.title} />
        </Field>
        <Field label={t("contests.entry.problem")} htmlFor="problem" errors={errorsFor("problem")}>
          <textarea id="problem" name="problem" className="input" rows={4} defaultValue={shown.problem} />
        </Field>
        <Field
          label={golden ? t("contests.entry.suggestion") : t("contests.entry.solution")}
          htmlFor="solution"
          errors={errorsFor("solution")}
        >
          <textarea id="solution" name="solution" className="input" rows={5} defaultValue={shown.solution} />
        </Field>
        <Field label={t("contests.entry.benefit")} htmlFor="benefit" errors={errorsFor("benefit")}>
          <textarea id="benefit" name="benefit" className="input" rows={3} defaultValue={shown.benefit} />
        </Field>
        <Field
          label={t("contests.entry.estimatedSaving")}
          htmlFor="estimatedSaving"
          errors={errorsFor("estimatedSaving")}
        >
          <input
            id="estimatedSaving"
            name="estimatedSaving"
            className="input"
            inputMode="numeric"
            defaultValue={shown.estimatedSaving ?? ""}
          />
        </Field>
        {/* A golden idea is a lighter form: no team list and no attachments. */}
        {golden ? null : (
          <>
            {contest.blindReview ? (
              <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {t("judging.enter.blindNotice")}
              </p>
            ) : null}
            <p className="mb-1 text-xs text-gray-600">{t("judging.enter.coAuthorsHelp")}</p>
            <Field label={t("contests.entry.coAuthors")} htmlFor="coAuthors" errors={errorsFor("coAuthors")}>
              <textarea id="coAuthors" name="coAuthors" className="input" rows={3} defaultValue={shown.coAuthors} />
            </Field>
            {draft?.attachments.length ? (
              <ul className="mb-1 text-sm text-gray-600">
                {draft.attachments.map((a) => (
                  <li key={a.id}>
                    <a className="link" href={`/files/${a.id}`}>
                      {a.name}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            <UploadField
              name="attachments"
              purpose="entry_attachment"
              multiple
              label={t("contests.entry.attachments")}
              initialFiles={actionData && "uploads" in actionData ? actionData.uploads : []}
              errors={errorsFor("attachments")}
            />
          </>
        )}
        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            name="intent"
            value="draft"
            className="btn-secondary"
            disabled={navigation.state === "submitting"}
          >
            {t("contests.entry.saveDraft")}
          </button>
          <button
            type="submit"
            name="intent"
            value="submit"
            className="btn-primary"
            disabled={navigation.state === "submitting"}
          >
            {t("contests.entry.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
