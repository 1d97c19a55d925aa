// Issue #11 item 1: numbers stored before encryption are encrypted at start-up, and a key rotation
// (new key, old one kept for reading, re-encryption, old one removed) leaves every number readable.
import { randomBytes } from "node:crypto";
import { afterAll, expect, test } from "vitest";
import { resetKeyRing } from "~/domain/privacy/data-keys.server";
import { decryptIdNumber, encryptPlainIdNumbers, keyIdOf } from "~/domain/privacy/id-numbers.server";
import { submitApplication } from "~/domain/membership/applications.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { rawQuery } from "../helpers/raw-db";
import { applicationInput, makeCity } from "../membership/fixtures";

const original = process.env.XG_DATA_KEY;
afterAll(() => {
  process.env.XG_DATA_KEY = original;
  delete process.env.XG_DATA_KEYS_OLD;
  resetKeyRing();
});

const rawColumn = async (id: string) =>
  (
    await rawQuery<{ idNumberCipher: string }>(`SELECT "idNumberCipher" FROM "MembershipApplication" WHERE "id" = $1`, [
      id,
    ])
  )[0].idNumberCipher;

test("a plain number left from before encryption is encrypted; a rotated key re-encrypts everything", async () => {
  const c = await makeCity();
  const [legacyUser, newUser] = [await createUser(), await createUser()];
  await submitApplication(applicationInput(legacyUser.id, { enterpriseId: c.shop.id }));
  await submitApplication(applicationInput(newUser.id, { enterpriseId: c.shop.id, idNumber: "141027199204057715" }));
  const legacy = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: legacyUser.id } });
  const fresh = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: newUser.id } });
  // What the migration leaves: the old plain value in the renamed column.
  await prisma.$executeRaw`UPDATE "MembershipApplication" SET "idNumberCipher" = '141027198507225611' WHERE "id" = ${legacy.id}`;

  expect(await encryptPlainIdNumbers()).toBe(1);
  expect(await rawColumn(legacy.id)).toMatch(/^v1:/);
  expect(await rawColumn(legacy.id)).not.toContain("1410271985");
  expect(decryptIdNumber(await rawColumn(legacy.id))).toBe("141027198507225611");
  const after = await prisma.membershipApplication.findUniqueOrThrow({ where: { id: legacy.id } });
  expect(after.idNumberLast4).toBe("5611");
  expect(after.idNumberHash).toBeTruthy();

  // Rotation: a new key, the old one readable meanwhile; re-encrypt; then the old key goes.
  const oldKid = keyIdOf(await rawColumn(fresh.id));
  process.env.XG_DATA_KEYS_OLD = original;
  process.env.XG_DATA_KEY = randomBytes(32).toString("base64");
  resetKeyRing();
  expect(decryptIdNumber(await rawColumn(fresh.id))).toBe("141027199204057715");
  expect(await encryptPlainIdNumbers({ rehashAll: true })).toBeGreaterThanOrEqual(2);
  delete process.env.XG_DATA_KEYS_OLD;
  resetKeyRing();
  expect(keyIdOf(await rawColumn(fresh.id))).not.toBe(oldKid);
  expect(decryptIdNumber(await rawColumn(fresh.id))).toBe("141027199204057715");
  expect(decryptIdNumber(await rawColumn(legacy.id))).toBe("141027198507225611");
});
