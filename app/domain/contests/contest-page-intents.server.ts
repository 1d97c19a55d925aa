// The public contest page's form intents. Kept in a .server module: a schema built at the top of
// a route module runs in the browser too, which pulled Zod (~16 KB gzipped) into a public page
// whose forms need no client-side validation. (Even an import of @conform-to/zod that only the
// action uses stays in the browser bundle, so the parsing lives here too.)
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { idField } from "~/utils/validation";

export const ContestIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("support"), entryId: idField }),
  z.object({ intent: z.literal("accept"), entryId: idField }),
  z.object({ intent: z.literal("decline"), entryId: idField }),
]);

export function parseContestIntent(formData: FormData) {
  return parseWithZod(formData, { schema: ContestIntent });
}
