// Shared by the browser and the server: the fixed lists the activity forms and filters use.
export const CATEGORIES = [
  "sports_culture",
  "skills_training",
  "volunteering",
  "labour_contest",
  "lecture",
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const QUESTION_KINDS = ["text", "single", "multiple"] as const;

export const ELIGIBILITIES = ["all", "members"] as const;
