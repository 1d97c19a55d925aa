// Demo data for the contests area (see app/seed/index.server.ts).
import type { FoundationSeed } from "./foundation.server";

export async function seedContests(_base: FoundationSeed) {
  // Filled in by the contests work.
}
