// Messages for the membership area. Keys start with "membership.".
export const zh = {
  "membership.title": "入会",
};

export const en: Record<keyof typeof zh, string> = {
  "membership.title": "Membership",
};
