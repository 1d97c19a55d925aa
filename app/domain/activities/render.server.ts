// Server-side rendering helpers for an activity page: Markdown and the personal QR code (the .ics
// file is ics.server.ts).
import MarkdownIt from "markdown-it";
import QRCode from "qrcode";

// html: false escapes raw HTML; markdown-it's validateLink refuses javascript:, vbscript:,
// file: and non-image data: URLs, so only safe links survive.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", "nofollow noopener noreferrer");
  tokens[idx].attrSet("target", "_blank");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string) {
  return md.render(source);
}

/** An SVG QR code (as markup) for the given text. */
export async function qrSvg(text: string) {
  return QRCode.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}
