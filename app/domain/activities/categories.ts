// Shared by the browser and the server: the fixed lists the activity forms and filters use.
export const CATEGORIES = ["sports_culture", "skills_training", "volunteering", "labour_contest", "lecture", "other"] as const;
export type Category = (typeof CATEGORIES)[number];

export const QUESTION_KINDS = ["text", "single", "multiple"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const ELIGIBILITIES = ["all", "members"] as const;

/** Registration statuses that hold a place (a seat or a waiting-list position). */
export const ACTIVE_STATUSES = ["confirmed", "waitlisted"] as const;

/** Reads an ActivityQuestion.options JSON column. */
export function parseOptions(json: string): string[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}
