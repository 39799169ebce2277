import { createHmac } from "node:crypto";
import { constantTimeEqual } from "@alma-suite/core";

/**
 * `base64url(JSON).base64url(HMAC-SHA256)` with a key derived from the server's secret and a
 * purpose label, so a session cookie can never be replayed as a login link or the reverse. The
 * signature is compared in constant time before the payload is parsed.
 */
export function signedTokens(secret: string, purpose: string) {
  const key = createHmac("sha256", secret).update(`alma-suite dashboard ${purpose} v1`).digest();
  const sign = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");
  return {
    sign(data: object): string {
      const payload = Buffer.from(JSON.stringify(data)).toString("base64url");
      return `${payload}.${sign(payload)}`;
    },
    /** The payload of a token we signed, or null for anything else. */
    verify(token: string): Record<string, unknown> | null {
      const [payload, signature, extra] = token.split(".");
      if (!payload || !signature || extra !== undefined || token.length > 2000) return null;
      if (!constantTimeEqual(signature, sign(payload))) return null;
      try {
        const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
        return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : null;
      } catch {
        return null;
      }
    },
  };
}
