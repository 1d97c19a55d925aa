import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { isMessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

/** Field errors arrive as catalog keys (from Zod schemas) and are translated here. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-error" role="alert">
      {errors.map((e) => (
        <li key={e}>{isMessageKey(e) ? t(e) : e}</li>
      ))}
    </ul>
  );
}

type FieldProps = {
  label: React.ReactNode;
  errors?: string[] | null;
  errorId?: string;
  hint?: React.ReactNode;
  children: React.ReactNode;
  htmlFor?: string;
  className?: string;
};

export function Field({ label, errors, errorId, hint, children, htmlFor, className }: FieldProps) {
  return (
    <div className={className ?? "mb-4"}>
      <label className="label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-gray-500">{hint}</p> : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function FormMessage({ message, tone = "success" }: { message?: string | null; tone?: "success" | "error" }) {
  if (!message) return null;
  const cls =
    tone === "success" ? "border-green-200 bg-green-50 text-green-800" : "border-red-200 bg-red-50 text-red-800";
  return (
    <p role="status" className={`mb-4 rounded-md border px-3 py-2 text-sm ${cls}`}>
      {message}
    </p>
  );
}

/**
 * Conform's select props, with one default value: a form posted back with a field repeated (a
 * script, not our pages) would otherwise hand React an array for a single-choice <select>.
 */
export function selectProps<Schema>(field: FieldMetadata<Schema>) {
  const props = getSelectProps(field);
  const value = Array.isArray(props.defaultValue) ? props.defaultValue[0] : props.defaultValue;
  return { ...props, defaultValue: value };
}

/** The options of a select whose choices are records: the id is sent, the name shown. */
export function IdNameOptions({ items }: { items: { id: string; name: string }[] }) {
  return (
    <>
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </>
  );
}

/** A <Field> for a Conform field: its label, id, errors and the id that links them. */
export function FieldFor<Schema>({
  meta,
  ...props
}: { meta: FieldMetadata<Schema> } & Omit<FieldProps, "htmlFor" | "errors" | "errorId">) {
  return <Field {...props} htmlFor={meta.id} errors={meta.errors} errorId={meta.errorId} />;
}
