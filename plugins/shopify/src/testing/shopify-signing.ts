import { createHmac } from "node:crypto";

/** Shopify's signature of an admin URL query: hex HMAC-SHA256 of the sorted, encoded pairs. */
export function signQuery(params: Record<string, string>, secret: string): Record<string, string> {
  const { hmac: _drop, ...rest } = params;
  const sorted = new URLSearchParams();
  for (const key of Object.keys(rest).sort((a, b) => a.localeCompare(b))) sorted.append(key, rest[key] ?? "");
  const message = sorted.toString().replace(/\+/g, "%20");
  return { ...rest, hmac: createHmac("sha256", secret).update(message).digest("hex") };
}

/** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body bytes. */
export function signWebhook(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");
}
