// prisma/schema.prisma is the one source of truth; the PostgreSQL schema is generated from it
// (prisma/postgres-schema.mjs) and committed. A model changed in one and not the other would give
// the two engines different databases, so the committed file must be exactly what the script writes.
import fs from "node:fs";
import { expect, test } from "vitest";
import { postgresSchema, SOURCE, TARGET } from "../../prisma/postgres-schema.mjs";

test("prisma/postgres/schema.prisma is generated from prisma/schema.prisma and up to date", () => {
  const expected = postgresSchema(fs.readFileSync(SOURCE, "utf8"));
  expect(fs.readFileSync(TARGET, "utf8"), "run `node prisma/postgres-schema.mjs`").toBe(expected);
  expect(expected).toContain('provider = "postgresql"');
  // Same models, same fields: only the header differs.
  const models = (text: string) => text.slice(text.indexOf("\nmodel "));
  expect(models(expected)).toBe(models(fs.readFileSync(SOURCE, "utf8")));
});
