// Messages for the contests area. Keys start with "contests.".
export const zh = {
  "contests.title": "竞赛",
};

export const en: Record<keyof typeof zh, string> = {
  "contests.title": "Contests",
};
