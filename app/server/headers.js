// Security headers (helmet) and a per-request Content-Security-Policy nonce for the inline
// scripts Remix renders (app/entry.server.tsx and app/root.tsx put it on them).
import crypto from "node:crypto";
import helmet from "helmet";

// The check-in scanner (center+/activities.$activityId_.checkin.tsx) is the only page that may use
// the camera. Its links load it as a new document (reloadDocument), since the policy of the
// document a client-side navigation starts from would otherwise apply.
const CAMERA_PAGE = /^\/center\/activities\/[^/]+\/checkin(\.data)?\/?$/;
const DENIED_FEATURES = ["microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "display-capture"];

const nonceOf = (_req, res) => `'nonce-${res.locals.cspNonce}'`;

const secureHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      // Remix's /build modules, and its inline hydration scripts only with this response's nonce.
      scriptSrc: ["'self'", nonceOf],
      scriptSrcAttr: ["'none'"],
      // Charts (recharts) and React set style attributes in the server-rendered HTML; styles cannot
      // run code, so inline styles are allowed while inline scripts are not.
      styleSrc: ["'self'", "'unsafe-inline'"],
      // Uploaded images are served by our own /files route (also from UploadThing, which the
      // server fetches itself); data: and blob: for generated images and local previews.
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      mediaSrc: ["'self'", "blob:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  xFrameOptions: { action: "deny" },
  // Sent only over HTTPS (below): over plain HTTP it would be ignored, and on a LAN address it
  // would lock browsers out of the plain-HTTP site for a year once HTTPS was ever used.
  strictTransportSecurity: false,
});
const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: true });

/** Express middleware: nonce, helmet's headers, Permissions-Policy, and HSTS over HTTPS. */
export function securityHeaders(req, res, next) {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  const camera = CAMERA_PAGE.test(req.path) ? "camera=(self)" : "camera=()";
  res.setHeader("Permissions-Policy", [camera, ...DENIED_FEATURES.map((f) => `${f}=()`)].join(", "));
  secureHeaders(req, res, (error) => {
    if (error || !req.secure) return next(error);
    hsts(req, res, next);
  });
}
