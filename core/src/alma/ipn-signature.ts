import { createHmac, timingSafeEqual } from "node:crypto";
import { AlmaSignatureVerificationError } from "./errors.ts";

/**
 * Alma signs each IPN (`GET <ipn_callback_url>?pid=…`) with `X-Alma-Signature` = lowercase hex
 * HMAC-SHA256 of the pid, keyed with the merchant's API key. `signIpn` also signs test requests.
 */
export function signIpn(pid: string, apiKey: string): string {
  return createHmac("sha256", apiKey).update(pid, "utf8").digest("hex");
}

const sha256Hex = /^[0-9a-f]{64}$/;

/**
 * Constant-time check; false (never a throw) on a missing, malformed or wrong signature.
 * Upper-case hex is accepted: hex case carries no information, so tolerating a proxy or a future
 * sender that changes it costs no security, while rejecting it would drop genuine notifications.
 */
export function verifyIpnSignature(
  pid: string,
  signature: string | null | undefined,
  apiKey: string,
): boolean {
  if (typeof pid !== "string" || typeof signature !== "string" || typeof apiKey !== "string") return false;
  if (pid === "" || apiKey === "") return false;
  const given = signature.trim().toLowerCase();
  if (!sha256Hex.test(given)) return false;
  const expected = Buffer.from(signIpn(pid, apiKey), "hex");
  return timingSafeEqual(Buffer.from(given, "hex"), expected);
}

export function assertIpnSignature(pid: string, signature: string | null | undefined, apiKey: string): void {
  if (!verifyIpnSignature(pid, signature, apiKey)) {
    throw new AlmaSignatureVerificationError("Alma IPN signature (X-Alma-Signature) does not match the pid");
  }
}
