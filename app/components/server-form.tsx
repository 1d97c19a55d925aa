// Forms checked on the server only. Conform and Zod in the browser cost a page ~27 KB of gzipped
// JavaScript, which the public pages' 90 KB budget cannot carry (issue #12 item 15), so the log-in
// and registration forms validate in their actions alone (with the same parseWithZod) and render
// the action's reply here: the ids, errors and kept values Conform's getInputProps would give.
// Field metadata from Conform's useForm fits the same shape, so shared inputs take either.
import type { SubmissionResult } from "@conform-to/react";
import { Field, type FieldProps } from "./form-parts";

export type PlainField = {
  id: string;
  name: string;
  errorId: string;
  errors?: string[];
  initialValue?: unknown;
  required?: boolean;
};

/** The form's props, its form-level errors and one PlainField per name, from the action's reply. */
export function serverForm<Name extends string>(
  id: string,
  result: SubmissionResult<string[]> | null | undefined,
  names: readonly Name[],
) {
  const errorsOf = (name: string) => {
    const errors = result?.error?.[name];
    return errors?.length ? errors : undefined;
  };
  const fields = {} as Record<Name, PlainField>;
  for (const name of names) {
    fields[name] = {
      id: `${id}-${name}`,
      name,
      errorId: `${id}-${name}-error`,
      errors: errorsOf(name),
      initialValue: result?.initialValue?.[name],
    };
  }
  return {
    form: { id, errors: errorsOf(""), props: { id, noValidate: true } },
    fields,
  };
}

/** An input's id, name, kept value and error wiring (what Conform's getInputProps gives). */
export function plainInputProps(field: PlainField, type: "text" | "tel" | "email" | "password") {
  const invalid = Boolean(field.errors?.length);
  return {
    id: field.id,
    name: field.name,
    type,
    required: field.required || undefined,
    defaultValue: typeof field.initialValue === "string" ? field.initialValue : undefined,
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? field.errorId : undefined,
  };
}

/** A <Field> for a PlainField: its label, errors and the id that links them. */
export function PlainFieldFor({
  meta,
  ...props
}: { meta: PlainField } & Omit<FieldProps, "htmlFor" | "errors" | "errorId">) {
  return <Field {...props} htmlFor={meta.id} errors={meta.errors} errorId={meta.errorId} />;
}
