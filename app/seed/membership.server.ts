// Demo data for the membership area (see app/seed/index.server.ts).
import type { FoundationSeed } from "./foundation.server";

export async function seedMembership(_base: FoundationSeed) {
  // Filled in by the membership work.
}
