import { createHmac } from "node:crypto";

/** `X-Alma-Signature`: lowercase hex HMAC-SHA256 of the pid keyed with the merchant's API key. */
export function signIpn(pid: string, apiKey: string): string {
  return createHmac("sha256", apiKey).update(pid, "utf8").digest("hex");
}
