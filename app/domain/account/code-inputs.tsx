// A phone number with its "send code" button and the code field: one form, two submit buttons,
// so it works without JavaScript (the first button sends the code, the form's own submit uses it).
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { FieldFor } from "~/components/forms";
import { useT } from "~/utils/i18n";

export function PhoneAndCode<FormSchema extends Record<string, unknown>>({
  phone,
  code,
  phoneLabel,
  sendIntent,
  phoneReadOnly = false,
}: {
  phone: FieldMetadata<unknown, FormSchema, string[]>;
  code: FieldMetadata<unknown, FormSchema, string[]>;
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
            {...getInputProps(phone, { type: "tel" })}
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

type Field<FormSchema extends Record<string, unknown>> = FieldMetadata<unknown, FormSchema, string[]>;

/** The six-digit SMS code field. */
export function CodeField<FormSchema extends Record<string, unknown>>({
  code,
  label,
}: {
  code: Field<FormSchema>;
  label?: string;
}) {
  const t = useT();
  return (
    <FieldFor meta={code} label={label ?? t("account.code.label")} hint={t("account.code.hint")}>
      <input
        className="input"
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        {...getInputProps(code, { type: "text" })}
      />
    </FieldFor>
  );
}

/** A new password and its confirmation (register, claim, reset, change), checked by `newPasswordField`. */
export function NewPasswordFields<FormSchema extends Record<string, unknown>>({
  password,
  confirmPassword,
  label,
}: {
  password: Field<FormSchema>;
  confirmPassword: Field<FormSchema>;
  label?: string;
}) {
  const t = useT();
  return (
    <>
      <FieldFor meta={password} label={label ?? t("auth.register.password")} hint={t("auth.register.passwordHint")}>
        <input className="input" autoComplete="new-password" {...getInputProps(password, { type: "password" })} />
      </FieldFor>
      <FieldFor meta={confirmPassword} label={t("auth.register.confirmPassword")}>
        <input
          className="input"
          autoComplete="new-password"
          {...getInputProps(confirmPassword, { type: "password" })}
        />
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
