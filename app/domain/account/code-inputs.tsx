// A phone number with its "send code" button and the code field: one form, two submit buttons,
// so it works without JavaScript (the first button sends the code, the form's own submit uses it).
// Fields are plain metadata (Conform's, or serverForm's on the pages that validate on the server
// only), so this module pulls no form library into a page's JavaScript.
import { plainInputProps, PlainFieldFor as FieldFor, type PlainField } from "~/components/server-form";
import { useT } from "~/utils/i18n";

export function PhoneAndCode({
  phone,
  code,
  phoneLabel,
  sendIntent,
  phoneReadOnly = false,
}: {
  phone: PlainField;
  code: PlainField;
  phoneLabel?: string;
  sendIntent: string;
  phoneReadOnly?: boolean;
}) {
  const t = useT();
  return (
    <>
      <FieldFor meta={phone} label={phoneLabel ?? t("auth.register.phone")}>
        <div className="flex gap-2">
          <input
            className="input"
            autoComplete="tel"
            inputMode="tel"
            readOnly={phoneReadOnly}
            {...plainInputProps(phone, "tel")}
          />
          <button type="submit" name="intent" value={sendIntent} className="btn-secondary shrink-0" formNoValidate>
            {t("account.code.send")}
          </button>
        </div>
      </FieldFor>
      <CodeField code={code} />
    </>
  );
}

/** The six-digit SMS code field. */
export function CodeField({ code, label }: { code: PlainField; label?: string }) {
  const t = useT();
  return (
    <FieldFor meta={code} label={label ?? t("account.code.label")} hint={t("account.code.hint")}>
      <input
        className="input"
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        {...plainInputProps(code, "text")}
      />
    </FieldFor>
  );
}

/** A new password and its confirmation (register, claim, reset, change), checked by `newPasswordField`. */
export function NewPasswordFields({
  password,
  confirmPassword,
  label,
}: {
  password: PlainField;
  confirmPassword: PlainField;
  label?: string;
}) {
  const t = useT();
  return (
    <>
      <FieldFor meta={password} label={label ?? t("auth.register.password")} hint={t("auth.register.passwordHint")}>
        <input className="input" autoComplete="new-password" {...plainInputProps(password, "password")} />
      </FieldFor>
      <FieldFor meta={confirmPassword} label={t("auth.register.confirmPassword")}>
        <input className="input" autoComplete="new-password" {...plainInputProps(confirmPassword, "password")} />
      </FieldFor>
    </>
  );
}

/**
 * Enter in a field submits with the form's first submit button; this invisible one, placed first,
 * makes that the form's main action rather than "send code".
 */
export function DefaultSubmit({ intent }: { intent: string }) {
  return (
    <button type="submit" name="intent" value={intent} className="sr-only" tabIndex={-1} aria-hidden="true">
      {intent}
    </button>
  );
}
