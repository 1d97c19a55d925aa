import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { Field, type FieldProps } from "./form-parts";

export { ErrorList, Field, FormMessage, IdNameOptions } from "./form-parts";

/**
 * Conform's select props, with one default value: a form posted back with a field repeated (a
 * script, not our pages) would otherwise hand React an array for a single-choice <select>.
 */
export function selectProps<Schema>(field: FieldMetadata<Schema>) {
  const props = getSelectProps(field);
  const value = Array.isArray(props.defaultValue) ? props.defaultValue[0] : props.defaultValue;
  return { ...props, defaultValue: value };
}

/** A <Field> for a Conform field: its label, id, errors and the id that links them. */
export function FieldFor<Schema>({
  meta,
  ...props
}: { meta: FieldMetadata<Schema> } & Omit<FieldProps, "htmlFor" | "errors" | "errorId">) {
  return <Field {...props} htmlFor={meta.id} errors={meta.errors} errorId={meta.errorId} />;
}
