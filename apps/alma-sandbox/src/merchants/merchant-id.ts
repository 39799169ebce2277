import { createHash } from "node:crypto";
import { base62FromBytes } from "../ids/new-id.ts";

/**
 * Every test key is a merchant of its own, with a stable id derived from the key so that the
 * same key finds its payments again after a restart, and two keys never share anything.
 */
export function merchantIdForKey(apiKey: string): string {
  const digest = createHash("sha256").update(`alma-sandbox:${apiKey}`).digest();
  return `merchant_11${base62FromBytes(digest, 32)}`;
}
