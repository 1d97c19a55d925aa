// Fixed vocabularies of the contests area. Stored as strings in the database; translated via
// catalog keys "contests.kind.*", "contests.category.*", "contests.theme.*", "contests.status.*".

export const CONTEST_KINDS = ["five_small", "golden_idea"] as const;

/** 五小: 小发明、小创造、小革新、小设计、小建议. */
export const FIVE_SMALL_CATEGORIES = ["invention", "creation", "innovation", "design", "suggestion"] as const;
/** 金点子 themes: 安全生产、提质增效、降本节支、节能环保、管理创新、其他. */
export const IDEA_THEMES = ["safety", "quality", "cost", "energy", "management", "other"] as const;

export function categoriesFor(kind: string): readonly string[] {
  return kind === "golden_idea" ? IDEA_THEMES : FIVE_SMALL_CATEGORIES;
}

export const ELIGIBILITY = ["org", "county", "city"] as const;
export const SCORE_METHODS = ["auto", "mean", "trimmed"] as const;

/** Entries that count as "in the contest" (judged, ranked, shown on dashboards), as a filter on Entry.status. */
export const ACTIVE_ENTRY = { notIn: ["draft", "withdrawn"] };

// The default rubric (editable per contest): weights are the criterion's share of 100.
export const DEFAULT_RUBRIC = [
  { key: "novelty", zh: "创新性", en: "Novelty", maxPoints: 20, weight: 20 },
  { key: "feasibility", zh: "实用性/可行性", en: "Practicality / feasibility", maxPoints: 20, weight: 20 },
  { key: "economic", zh: "经济效益", en: "Economic benefit", maxPoints: 30, weight: 30 },
  { key: "social", zh: "安全与社会效益", en: "Safety and social benefit", maxPoints: 15, weight: 15 },
  { key: "spread", zh: "推广价值", en: "Potential for wider use", maxPoints: 15, weight: 15 },
] as const;

export const DEFAULT_TIERS = [
  { key: "first", zh: "一等奖", en: "First prize", count: 1 },
  { key: "second", zh: "二等奖", en: "Second prize", count: 2 },
  { key: "third", zh: "三等奖", en: "Third prize", count: 3 },
  { key: "excellence", zh: "优秀奖", en: "Honourable mention", count: 5 },
] as const;

/** Scores are entered in half points. */
export const SCORE_STEP = 0.5;

/** The largest amount in yuan a saving or reward field takes (the column is a 32-bit integer). */
export const MAX_YUAN = 2_147_483_647;
