import { createHmac, timingSafeEqual } from "node:crypto";

/** RFC 3986 encoding, as PHP's rawurlencode (and WooCommerce's wc_rest_urlencode_rfc3986). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The one-legged OAuth 1.0a signature WooCommerce checks over plain HTTP
 * (WC_REST_Authentication::check_oauth_signature): the request's query parameters minus
 * `oauth_signature`, sorted by name, each `key=value` encoded, joined with `%26`, after the method
 * and the encoded base URL; HMAC keyed with `consumer_secret&`.
 */
export function oauthSignature(input: {
  method: string;
  baseUrl: string;
  params: ReadonlyArray<[string, string]>;
  consumerSecret: string;
  algorithm: "sha1" | "sha256";
}): string {
  const pairs = input.params
    .filter(([key]) => key !== "oauth_signature")
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = pairs.map(([key, value]) => rfc3986(`${key}=${value}`)).join("%26");
  const base = `${input.method.toUpperCase()}&${rfc3986(input.baseUrl)}&${query}`;
  return createHmac(input.algorithm, `${input.consumerSecret}&`).update(base).digest("base64");
}

export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
