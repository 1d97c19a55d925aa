// What center staff do to an activity: save (create/edit with its questions), publish,
// duplicate and cancel. Permission is checked by the routes before these run.
import { prisma } from "~/utils/db.server";
import { parseLocalDateTime } from "~/utils/time";
import { notify } from "~/domain/notifications/notify.server";
import { activeRegistrantIds } from "./attendees.server";
import { fillFreeSeats } from "./registration.server";
import { splitOptions, type ActivityForm } from "./form-schema";

function activityFields(form: ActivityForm) {
  return {
    title: form.title,
    description: form.description,
    category: form.category,
    address: form.address,
    startsAt: parseLocalDateTime(form.startsAt)!,
    endsAt: parseLocalDateTime(form.endsAt)!,
    signupOpensAt: parseLocalDateTime(form.signupOpensAt)!,
    signupClosesAt: parseLocalDateTime(form.signupClosesAt)!,
    capacity: form.capacity,
    waitlistEnabled: form.waitlistEnabled,
    approvalRequired: form.approvalRequired,
    eligibility: form.eligibility,
  };
}

function questionRows(form: ActivityForm) {
  return form.questions
    .filter((q) => q.label)
    .map((q, position) => ({
      id: q.id || undefined,
      position,
      kind: q.kind,
      label: q.label!,
      options: JSON.stringify(q.kind === "text" ? [] : splitOptions(q.options)),
      required: Boolean(q.required),
    }));
}

export async function createActivity(
  form: ActivityForm,
  center: { id: string; countyId: string | null },
  userId: string,
  coverFileId: string | null,
) {
  return prisma.activity.create({
    data: {
      ...activityFields(form),
      centerId: center.id,
      countyId: center.countyId,
      coverFileId,
      createdById: userId,
      questions: { create: questionRows(form).map(({ id: _id, ...q }) => q) },
    },
    select: { id: true },
  });
}

/**
 * Saves an edit. Questions keep their ids (answers are keyed by them); removed ones are deleted.
 * Raising the capacity moves waitlisted workers into the new seats at once.
 */
export async function updateActivity(
  activityId: string,
  form: ActivityForm,
  cover: { fileId: string | null } | null,
  center?: { id: string; countyId: string | null },
) {
  const rows = questionRows(form);
  await prisma.$transaction(async (tx) => {
    const before = await tx.activity.findUniqueOrThrow({
      where: { id: activityId },
      select: { status: true, startsAt: true, endsAt: true, address: true },
    });
    const after = activityFields(form);
    await tx.activity.update({
      where: { id: activityId },
      data: {
        ...activityFields(form),
        ...(cover ? { coverFileId: cover.fileId } : {}),
        ...(center ? { centerId: center.id, countyId: center.countyId } : {}),
      },
    });
    const kept = rows.filter((q) => q.id).map((q) => q.id!);
    await tx.activityQuestion.deleteMany({ where: { activityId, id: { notIn: kept } } });
    for (const { id, ...q } of rows) {
      const updated = id ? await tx.activityQuestion.updateMany({ where: { id, activityId }, data: q }) : { count: 0 };
      if (updated.count === 0) await tx.activityQuestion.create({ data: { ...q, activityId } });
    }
    await fillFreeSeats(tx, activityId);
    // Registrants planned their day around the time and place: tell them when either changes.
    const moved =
      before.startsAt.getTime() !== after.startsAt.getTime() ||
      before.endsAt.getTime() !== after.endsAt.getTime() ||
      before.address !== after.address;
    if (moved && before.status === "published") {
      await notify(tx, await activeRegistrantIds(tx, activityId), {
        kind: "desk.notify.changed",
        params: { title: after.title },
        link: `/activities/${activityId}`,
      });
    }
  });
}

export async function publishActivity(activityId: string) {
  const { count } = await prisma.activity.updateMany({
    where: { id: activityId, status: "draft" },
    data: { status: "published" },
  });
  return count === 1;
}

/** A new draft with the same content and questions, titled as a copy; no registrations. */
export async function duplicateActivity(activityId: string, userId: string, copySuffix: string) {
  const a = await prisma.activity.findUniqueOrThrow({ where: { id: activityId }, include: { questions: true } });
  return prisma.activity.create({
    data: {
      centerId: a.centerId,
      countyId: a.countyId,
      title: `${a.title}${copySuffix}`.slice(0, 100),
      description: a.description,
      category: a.category,
      address: a.address,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      signupOpensAt: a.signupOpensAt,
      signupClosesAt: a.signupClosesAt,
      capacity: a.capacity,
      waitlistEnabled: a.waitlistEnabled,
      approvalRequired: a.approvalRequired,
      eligibility: a.eligibility,
      coverFileId: a.coverFileId,
      createdById: userId,
      questions: {
        create: a.questions.map((q) => ({
          position: q.position,
          kind: q.kind,
          label: q.label,
          options: q.options,
          required: q.required,
        })),
      },
    },
    select: { id: true },
  });
}

/** Cancels the activity and notifies everyone holding a seat or a waiting-list place. */
export async function cancelActivity(activityId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.activity.updateMany({
      where: { id: activityId, status: { not: "cancelled" } },
      data: { status: "cancelled", cancelledAt: now },
    });
    if (count === 0) return null; // already cancelled: nobody is notified twice
    const activity = await tx.activity.findUniqueOrThrow({ where: { id: activityId }, select: { title: true } });
    const registered = await activeRegistrantIds(tx, activityId);
    await notify(tx, registered, {
      kind: "activities.notify.cancelled",
      params: { title: activity.title },
      link: `/activities/${activityId}`,
    });
    return registered.length;
  });
}
