// Public surface of @alma-suite/core. Storage and jobs live under "@alma-suite/core/storage"
// so that code which only needs money or the Alma client does not load database drivers.
export * from "./alma/index.ts";
export * from "./crypto/index.ts";
export { deadline } from "./http/deadline.ts";
export {
  BodyError,
  type BodyErrorType,
  hasBody,
  jsonDepth,
  MAX_JSON_DEPTH,
  mediaTypeOf,
  parseJsonText,
  type ReadBodyOptions,
  readBody,
} from "./http/read-body.ts";
export { readCookie } from "./http/read-cookie.ts";
export * from "./i18n/index.ts";
export * from "./money/index.ts";
export * from "./plans/index.ts";
export * from "./platform/index.ts";
export { findUnstorableText, UNSTORABLE_TEXT } from "./text/find-unstorable-text.ts";
export { escapeHtml, type HtmlValue, html, raw, SafeHtml } from "./text/html.ts";
