import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from "node:crypto";
import { AlmaSignatureVerificationError } from "./errors.ts";

/**
 * Alma signs each IPN (`GET <ipn_callback_url>?pid=…`) with `X-Alma-Signature` = lowercase hex
 * HMAC-SHA256 of the pid, keyed with the merchant's API key. `signIpn` also signs test requests.
 * The key may be given as a KeyObject of its UTF-8 bytes (`ipnKey`): a verifier that keeps one
 * spares createHmac building it again for every notification, which costs more than the HMAC.
 */
export function signIpn(pid: string, apiKey: string | KeyObject): string {
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
  apiKey: string | KeyObject,
): boolean {
  if (typeof pid !== "string" || typeof signature !== "string") return false;
  if (typeof apiKey !== "string" && !(apiKey instanceof KeyObject)) return false;
  if (pid === "" || apiKey === "" || (apiKey instanceof KeyObject && apiKey.symmetricKeySize === 0))
    return false;
  const given = signature.trim().toLowerCase();
  if (!sha256Hex.test(given)) return false;
  const expected = createHmac("sha256", apiKey).update(pid, "utf8").digest();
  return timingSafeEqual(Buffer.from(given, "hex"), expected);
}

/** The API key as the KeyObject `signIpn` and `verifyIpnSignature` accept; undefined for no key. */
export function ipnKey(apiKey: string | undefined): KeyObject | undefined {
  return apiKey === undefined ? undefined : createSecretKey(Buffer.from(apiKey, "utf8"));
}

export function assertIpnSignature(
  pid: string,
  signature: string | null | undefined,
  apiKey: string | KeyObject,
): void {
  if (!verifyIpnSignature(pid, signature, apiKey)) {
    throw new AlmaSignatureVerificationError("Alma IPN signature (X-Alma-Signature) does not match the pid");
  }
}
