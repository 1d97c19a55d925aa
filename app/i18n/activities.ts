// Messages for the activities area. Keys start with "activities.".
export const zh = {
  "activities.title": "活动",
};

export const en: Record<keyof typeof zh, string> = {
  "activities.title": "Activities",
};
