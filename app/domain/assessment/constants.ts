// Values stored as strings in the assessment tables, shared by the server and the pages.
export const UNION_KINDS = ["committee", "joint", "industry", "township", "institution"] as const;

export const AUTO_SOURCES = [
  "members",
  "new_members",
  "activities",
  "attendance",
  "entries",
  "adopted_ideas",
  "applications_on_time",
  "satisfaction",
] as const;
export type AutoSource = (typeof AUTO_SOURCES)[number];

export const SUBMISSION_STATUSES = ["not_started", "draft", "submitted", "returned", "reviewed", "confirmed"] as const;
/** Statuses in which the union may still edit its self-assessment. */
export const EDITABLE = ["draft", "returned"];

export const GRADES = ["pass", "basic", "fail"] as const;
export type Grade = (typeof GRADES)[number];
export const LEVELS = ["model", "one", "two", "three", "none"] as const;
export type Level = (typeof LEVELS)[number];

/** The member questionnaire: satisfaction 1–5 on each. */
export const EVALUATION_QUESTIONS = ["services", "activities", "rights", "openness"] as const;
/** Aggregates of member answers are shown only from this many answers on (anonymity). */
export const MIN_ANSWERS = 5;
/** An answer whose average rating reaches this counts as "satisfied". */
export const SATISFIED_AT = 4;

/** Golden-idea statuses that count as adopted. */
export const ADOPTED = ["adopted", "implemented", "verified", "rewarded"];
