import type { LoaderFunctionArgs } from "@remix-run/node";
import type { DataTable } from "~/domain/membership/dashboard-tables";
import { maskIdNumber } from "~/domain/membership/validators";
import { contactRequest } from "~/domain/privacy/contact-export.server";
import { maskPhone } from "~/domain/activities/checkin.server";
import { workingDaysBetween } from "~/domain/membership/working-days";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { exportResponse } from "~/utils/export.server";
import { badRequest } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { applicationsInScope, requireRole } from "~/utils/permissions.server";
import { toLocalDateKey } from "~/utils/time";

const STATUSES = ["pending", "approved", "rejected", "all"] as const;

// GET /union/applications/export?status=…&format=csv|xlsx — the queue as shown, only applications
// whose union is in the staff member's scope, ID numbers as their last 4, phones masked unless
// contact details are asked for with a purpose (&contact=1&purpose=…); written to the audit log.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "union_staff");
  const url = new URL(request.url);
  const format = url.searchParams.get("format");
  const status = STATUSES.find((s) => s === url.searchParams.get("status")) ?? "pending";
  if (format !== "csv" && format !== "xlsx") badRequest();
  const t = getT(request);
  const contact = contactRequest(url, t);
  const rows = await prisma.membershipApplication.findMany({
    where: { ...(await applicationsInScope(user.id)), ...(status === "all" ? {} : { status }) },
    orderBy: { createdAt: "asc" },
    take: 50_000,
    select: {
      name: true,
      gender: true,
      phone: true,
      idNumberLast4: true,
      isMigrant: true,
      employmentType: true,
      status: true,
      createdAt: true,
      union: { select: { name: true } },
      enterprise: { select: { name: true } },
      membership: { select: { number: true } },
    },
  });
  const now = new Date();
  const table: DataTable = {
    id: "applications",
    title: t("membership.review.title"),
    columns: [
      { label: t("membership.review.applicant"), kind: "text" },
      { label: t("membership.apply.gender"), kind: "text" },
      { label: t("membership.apply.phone"), kind: "text" },
      { label: t("membership.apply.idNumber"), kind: "text" },
      { label: t("membership.review.enterprise"), kind: "text" },
      { label: t("membership.apply.employmentType"), kind: "text" },
      { label: t("membership.apply.isMigrant"), kind: "text" },
      { label: t("membership.review.union"), kind: "text" },
      { label: t("membership.review.submitted"), kind: "text" },
      { label: t("membership.review.age"), kind: "number" },
      { label: t("common.status"), kind: "text" },
      { label: t("membership.card.number"), kind: "text" },
    ],
    rows: rows.map((r) => [
      r.name,
      t(`gender.${r.gender}` as MessageKey),
      contact.contact ? r.phone : maskPhone(r.phone),
      maskIdNumber(r.idNumberLast4),
      r.enterprise?.name ?? null,
      t(`membership.employment.${r.employmentType}` as MessageKey),
      t(r.isMigrant ? "common.yes" : "common.no"),
      r.union.name,
      toLocalDateKey(r.createdAt),
      r.status === "pending" ? workingDaysBetween(r.createdAt, now) : null,
      t(`membership.status.${r.status}` as MessageKey),
      r.membership?.number ?? null,
    ]),
  };
  return exportResponse({
    actorId: user.id,
    table,
    format,
    entity: "MembershipApplication",
    fileName: `applications-${status}-${toLocalDateKey(now)}`,
    what: { status, rows: rows.length },
    contactPurpose: contact.purpose,
  });
}
