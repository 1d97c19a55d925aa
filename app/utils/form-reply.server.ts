// What a rejected form sends back. Conform's submission.reply() returns every posted field as the
// form's new initial value, whole: a script posting 5 MB of made-up fields got 5 MB back in the
// page. Wrap every reply that goes back to the browser: only the fields the schema asks for are
// echoed, and a value longer than its field allows is cut to that length.
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";

/** The longest value echoed for a text field whose schema sets no maximum. */
export const ECHO_MAX_CHARS = 1000;

/** The schema under optional/default/refine wrappers. */
function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodEffects) return unwrap(schema.innerType());
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return unwrap(schema.unwrap());
  if (schema instanceof z.ZodDefault) return unwrap(schema.removeDefault());
  if (schema instanceof z.ZodCatch) return unwrap(schema.removeCatch());
  if (schema instanceof z.ZodPipeline) return unwrap(schema._def.in);
  return schema;
}

/** The fields an object schema (or a union of them, one per intent) asks for. */
function shapeOf(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> | null {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) return inner.shape;
  if (inner instanceof z.ZodUnion || inner instanceof z.ZodDiscriminatedUnion) {
    const options = [...(inner.options as z.ZodTypeAny[])].map(shapeOf);
    return Object.assign({}, ...options.filter(Boolean));
  }
  if (inner instanceof z.ZodIntersection) return { ...shapeOf(inner._def.left), ...shapeOf(inner._def.right) };
  return null;
}

function maxChars(schema: z.ZodTypeAny) {
  const inner = unwrap(schema);
  const max = inner instanceof z.ZodString ? inner._def.checks.find((c) => c.kind === "max") : undefined;
  return max && max.kind === "max" ? max.value : ECHO_MAX_CHARS;
}

/** A posted value cut down to what `schema` accepts; undefined when the schema does not ask for it. */
function echo(value: unknown, schema: z.ZodTypeAny): unknown {
  const inner = unwrap(schema);
  if (typeof value === "string") return value.slice(0, maxChars(inner));
  if (Array.isArray(value)) {
    const item = inner instanceof z.ZodArray ? inner.element : inner;
    const limit = inner instanceof z.ZodArray ? (inner._def.maxLength?.value ?? 100) : 100;
    return value.slice(0, limit).map((v) => echo(v, item));
  }
  if (value && typeof value === "object") {
    const shape = shapeOf(inner);
    if (!shape) return undefined;
    const kept = Object.entries(value)
      .filter(([key]) => key in shape)
      .map(([key, v]) => [key, echo(v, shape[key])]);
    return Object.fromEntries(kept.filter(([, v]) => v !== undefined));
  }
  return undefined;
}

/** `result` (from submission.reply()) with its echoed values limited to what `schema` asks for. */
export function limitEcho<R extends SubmissionResult<string[]>>(schema: z.ZodTypeAny, result: R): R {
  const shape = shapeOf(schema) ?? {};
  const asked = (name: string) => name.split(/[.[]/)[0] in shape;
  return {
    ...result,
    initialValue: result.initialValue
      ? ((echo(result.initialValue, schema) ?? {}) as R["initialValue"])
      : result.initialValue,
    fields: result.fields?.filter(asked),
  };
}
