// Unique violations are recognised by Prisma's error code (db.server.ts), for model writes and raw
// SQL alike, and name the columns of the broken index (the profile page picks its field by them).
import { expect, test } from "vitest";
import { createOrg, createUser } from "~/seed/factories.server";
import { isUniqueViolation, prisma, uniqueViolationFields } from "~/utils/db.server";

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("the write succeeded"),
    (error: unknown) => error,
  );

test("a model write that breaks a unique index names its columns", async () => {
  await createUser({ email: "taken@example.com" });
  const error = await failure(
    prisma.user.create({ data: { name: "又一个", email: "taken@example.com", passwordHash: "x" } }),
  );
  expect(uniqueViolationFields(error)).toEqual(["email"]);
});

test("a raw INSERT that breaks a unique index is a unique violation too, inside a transaction", async () => {
  const org = await createOrg({ kind: "city", name: "唯一索引市", code: "UQ-1" });
  const error = await failure(
    prisma.$transaction(
      // Quoted identifiers and Date parameters: the same SQL on SQLite and PostgreSQL.
      (tx) => tx.$executeRaw`INSERT INTO "Organisation" ("id", "code", "name", "kind", "path", "createdAt", "updatedAt")
      VALUES ('uq-2', ${"UQ-1"}, 'x', 'city', '/uq-2/', ${new Date()}, ${new Date()})`,
    ),
  );
  expect(org.id).toBeTruthy();
  expect(uniqueViolationFields(error)).toEqual(["code"]);
});

test("other failures are not unique violations", async () => {
  const error = await failure(prisma.$executeRaw`INSERT INTO "Organisation" ("id") VALUES ('no-path')`);
  expect(isUniqueViolation(error)).toBe(false);
  expect(isUniqueViolation(new Error("UNIQUE constraint failed: User.email"))).toBe(false);
  expect(isUniqueViolation(null)).toBe(false);
});
