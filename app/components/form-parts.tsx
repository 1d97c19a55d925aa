// Form pieces that need no form library: pages whose forms carry no client-side validation import
// these from here, so Conform (~11 KB gzipped) stays out of their JavaScript. The Conform-bound
// helpers are in ./forms, which re-exports these.
import { cloneElement, isValidElement } from "react";
import { isMessageKey } from "~/i18n/translate";
import { useT } from "~/utils/i18n";

/** Field errors arrive as catalog keys (from Zod schemas) and are translated here. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const t = useT();
  if (!errors?.length) return null;
  // The live region wraps the list: role="alert" on the <ul> itself would hide that it is a list.
  return (
    <div id={id} className="field-error" role="alert">
      <ul>
        {errors.map((e) => (
          <li key={e}>{isMessageKey(e) ? t(e) : e}</li>
        ))}
      </ul>
    </div>
  );
}

export type FieldProps = {
  label: React.ReactNode;
  errors?: string[] | null;
  errorId?: string;
  hint?: React.ReactNode;
  children: React.ReactNode;
  htmlFor?: string;
  className?: string;
};

export function Field({ label, errors, errorId, hint, children, htmlFor, className }: FieldProps) {
  // Errors are tied to their control (aria-describedby, aria-invalid) also when the control is a
  // plain element rather than a Conform field, so a screen reader reads them with the field.
  const describedBy = errorId ?? (htmlFor ? `${htmlFor}-error` : undefined);
  const control =
    errors?.length && describedBy && isValidElement<Record<string, unknown>>(children) && children.props.id === htmlFor
      ? cloneElement(children, {
          "aria-invalid": true,
          "aria-describedby": [...new Set([children.props["aria-describedby"], describedBy].filter(Boolean))].join(" "),
        })
      : children;
  return (
    <div className={className ?? "mb-4"}>
      <label className="label" htmlFor={htmlFor}>
        {label}
      </label>
      {control}
      {hint ? <p className="mt-1 text-xs text-gray-500">{hint}</p> : null}
      <ErrorList id={describedBy} errors={errors} />
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
