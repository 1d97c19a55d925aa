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
  const cls = tone === "success" ? "border-green-200 bg-green-50 text-green-800" : "border-red-200 bg-red-50 text-red-800";
  return (
    <p role="status" className={`mb-4 rounded-md border px-3 py-2 text-sm ${cls}`}>
      {message}
    </p>
  );
}
