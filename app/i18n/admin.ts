// Administration: organisation tree, roles, users.
export const zh = {
  "admin.title": "系统管理",
};

export const en: Record<keyof typeof zh, string> = {
  "admin.title": "Administration",
};
