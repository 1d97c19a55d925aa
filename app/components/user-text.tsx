// User data shown in the page's other language (an activity written in Chinese on the English
// page, an English org name on the Chinese one) carries `lang`, so screen readers pronounce it in
// its own language and browsers pick fitting fonts and line breaks (WCAG 3.1.2; issue #12 item 14).
// Telling the scripts apart is enough here: Chinese text contains Han characters; text with Latin
// words and no Han characters is English.
import { useI18n } from "~/utils/i18n";

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** The `lang` to put on `text` shown on a page in `locale`, or undefined when it is the page's language. */
export function textLang(text: string | null | undefined, locale: string): "zh-CN" | "en" | undefined {
  if (!text) return undefined;
  if (HAN.test(text)) return locale === "zh-CN" ? undefined : "zh-CN";
  return locale !== "en" && LATIN_WORD.test(text) ? "en" : undefined;
}

/**
 * `text` marked with its language when that differs from the page's: in a <span> (only then, when
 * inline) or in the `as` element.
 */
export function UserText({
  text,
  as: Tag = "span",
  className,
}: {
  text: string;
  as?: "span" | "h1" | "h2" | "h3" | "p";
  className?: string;
}) {
  const { locale } = useI18n();
  const lang = textLang(text, locale);
  // Inline text in the page's own language needs no element of its own.
  if (!lang && Tag === "span" && !className) return <>{text}</>;
  return (
    <Tag lang={lang} className={className}>
      {text}
    </Tag>
  );
}
