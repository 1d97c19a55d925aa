// Message catalogs. Each domain keeps its own file exporting `zh` and `en`; `en` is typed
// against `zh`, so a key missing from either language fails the type check (and a test).
import * as account from "./account";
import * as activities from "./activities";
import * as admin from "./admin";
import * as assessment from "./assessment";
import * as auth from "./auth";
import * as common from "./common";
import * as contests from "./contests";
import * as judging from "./judging";
import * as dashboards from "./dashboards";
import * as desk from "./desk";
import * as membership from "./membership";
import * as messages from "./messages";
import * as pages from "./pages";
import * as phone from "./phone";
import { registerMessages } from "./translate";
import * as privacy from "./privacy";

export const zhCN = {
  ...common.zh,
  ...auth.zh,
  ...account.zh,
  ...admin.zh,
  ...activities.zh,
  ...contests.zh,
  ...judging.zh,
  ...membership.zh,
  ...messages.zh,
  ...assessment.zh,
  ...pages.zh,
  ...phone.zh,
  ...privacy.zh,
  ...desk.zh,
  ...dashboards.zh,
};
export const en: Record<keyof typeof zhCN, string> = {
  ...common.en,
  ...auth.en,
  ...account.en,
  ...admin.en,
  ...activities.en,
  ...contests.en,
  ...judging.en,
  ...membership.en,
  ...messages.en,
  ...assessment.en,
  ...pages.en,
  ...phone.en,
  ...privacy.en,
  ...desk.en,
  ...dashboards.en,
};

export const catalogs = { "zh-CN": zhCN, en } as const;
export type MessageKey = keyof typeof zhCN;
// Translation itself lives in ./translate (no catalogs there, so the browser bundle stays small):
// browser code imports from "~/i18n/translate"; server code may keep importing from here.
registerMessages("zh-CN", zhCN);
registerMessages("en", en);
export { DEFAULT_LOCALE, isMessageKey, LOCALES, makeT, type Locale, type TFunction } from "./translate";
