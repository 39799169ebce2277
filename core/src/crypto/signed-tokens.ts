import { createHmac, createSecretKey } from "node:crypto";
import { constantTimeEqual } from "./constant-time-equal.ts";

/** Longer than any token we sign: a bigger one is refused before any HMAC or parsing work. */
const MAX_TOKEN_LENGTH = 2000;

export interface SignedTokens {
  sign(data: object): string;
  /** The payload of a token signed with the same secret and label, or null for anything else. */
  verify(token: string): Record<string, unknown> | null;
}

/**
 * `base64url(JSON).base64url(HMAC-SHA256)` with a key derived from a secret and a purpose label,
 * so a token minted for one purpose (a session cookie) is never accepted for another (a login
 * link). The signature is compared in constant time before the payload is parsed. Changing the
 * label invalidates every token already issued under it.
 */
export function signedTokens(secret: string, label: string): SignedTokens {
  // A KeyObject made once: handed a Buffer, createHmac builds one on every call, dearer than the HMAC.
  const key = createSecretKey(createHmac("sha256", secret).update(label).digest());
  const mac = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");
  return {
    sign(data) {
      const payload = Buffer.from(JSON.stringify(data)).toString("base64url");
      return `${payload}.${mac(payload)}`;
    },
    verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) return null;
      const [payload, signature, extra] = token.split(".");
      if (!payload || !signature || extra !== undefined) return null;
      if (!constantTimeEqual(signature, mac(payload))) return null;
      try {
        const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
        return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : null;
      } catch {
        return null;
      }
    },
  };
}
