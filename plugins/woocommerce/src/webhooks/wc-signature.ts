import { createHmac } from "node:crypto";
import { constantTimeEqual } from "@alma-suite/core";

/** `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body, keyed with the webhook secret. */
export function wcSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

/** Over the exact bytes received (WordPress escapes "/" and non-ASCII: re-serialised JSON would differ). */
export function verifyWcSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  return constantTimeEqual(wcSignature(rawBody, secret), header.trim());
}
