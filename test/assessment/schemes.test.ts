// Schemes are versioned and locked once a round that uses them opens; opening invites members.
import { expect, test } from "vitest";
import {
  createDefaultScheme,
  createRound,
  newVersion,
  openRound,
  updateItem,
} from "~/domain/assessment/schemes.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { makeCity } from "../membership/fixtures";

test("a scheme can change until a round opens; then it is locked, and a new version is the way to change it", async () => {
  const c = await makeCity();
  const scheme = await createDefaultScheme(2031);
  const items = await prisma.assessmentItem.findMany({ where: { schemeId: scheme.id }, orderBy: { position: "asc" } });
  expect(items.filter((i) => i.kind === "rigid").reduce((s, i) => s + i.maxPoints, 0)).toBe(100);
  await updateItem(items[1].id, { name: items[1].name, maxPoints: 20, requiresEvidence: true }, c.cityStaff.id);
  expect((await prisma.assessmentItem.findUniqueOrThrow({ where: { id: items[1].id } })).maxPoints).toBe(20);

  const user = await createUser();
  await prisma.membership.create({
    data: {
      userId: user.id,
      unionId: c.jointA.id,
      number: `S${Date.now()}`,
      since: new Date(),
      verifyToken: `s-${Date.now()}`,
    },
  });
  const round = await createRound(
    { year: 2031, name: "2031 年度考评", deadline: new Date(Date.now() + 86_400_000), schemeIds: [scheme.id] },
    c.cityStaff.id,
  );
  await openRound(round.id, c.cityStaff.id);
  expect((await prisma.assessmentScheme.findUniqueOrThrow({ where: { id: scheme.id } })).lockedAt).not.toBeNull();
  expect(
    await prisma.notification.count({
      where: { userId: user.id, kind: "assessment.notify.evaluate", link: `/me/evaluation/${round.id}` },
    }),
  ).toBe(1);

  const locked = await updateItem(
    items[1].id,
    { name: "改名", maxPoints: 5, requiresEvidence: false },
    c.cityStaff.id,
  ).catch((e: unknown) => e);
  expect(locked).toBeInstanceOf(RuleError);
  expect(locked).toMatchObject({ key: "assessment.error.schemeLocked", status: 409 });
  expect((await prisma.assessmentItem.findUniqueOrThrow({ where: { id: items[1].id } })).maxPoints).toBe(20);
  await expect(openRound(round.id, c.cityStaff.id)).rejects.toMatchObject({ key: "assessment.error.roundNotDraft" });

  const copy = await newVersion(scheme.id, c.cityStaff.id);
  expect(copy).toMatchObject({ key: scheme.key, year: 2031, version: 2, lockedAt: null });
  const copied = await prisma.assessmentItem.findMany({ where: { schemeId: copy.id }, orderBy: { position: "asc" } });
  expect(copied.map((i) => [i.name, i.maxPoints])).toEqual(items.map((i, k) => [i.name, k === 1 ? 20 : i.maxPoints]));
  await updateItem(copied[1].id, { name: copied[1].name, maxPoints: 15, requiresEvidence: true }, c.cityStaff.id);
  expect(await prisma.auditLog.count({ where: { action: "assessment.item.update" } })).toBe(2);
});
