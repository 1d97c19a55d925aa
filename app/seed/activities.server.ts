// Demo data for the activities area (see app/seed/index.server.ts).
import type { FoundationSeed } from "./foundation.server";

export async function seedActivities(_base: FoundationSeed) {
  // Filled in by the activities work.
}
