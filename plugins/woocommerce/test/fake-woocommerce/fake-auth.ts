import { oauthSignature, sameSignature } from "./oauth1.ts";

export type KeyPermissions = "read" | "write" | "read_write";

export interface FakeApiKey {
  consumerKey: string;
  consumerSecret: string;
  permissions: KeyPermissions;
}

export interface RestError {
  status: number;
  code: string;
  message: string;
}

export type AuthResult = { ok: true; key: FakeApiKey } | { ok: false; error: RestError };

export interface AuthRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  authorization: string | undefined;
}

export interface AuthContext {
  isHttps: boolean;
  /** Scheme, host and port of the site's home URL: what WooCommerce rebuilds the signed URL from. */
  homeUrl: string;
  keys: ReadonlyMap<string, FakeApiKey>;
  nonces: Set<string>;
  nowSeconds: number;
}

const fail = (status: number, code: string, message: string): AuthResult => ({
  ok: false,
  error: { status, code, message },
});

/**
 * WooCommerce's REST authentication (WC_REST_Authentication): Basic auth or `consumer_key` /
 * `consumer_secret` query parameters only when the site is served over HTTPS; one-legged OAuth 1.0a
 * (HMAC-SHA1/256, timestamp within 15 minutes, single-use nonce) over plain HTTP, where a Basic
 * header is ignored. Then the key's permission must cover the method.
 */
export function authenticate(req: AuthRequest, ctx: AuthContext): AuthResult {
  const url = new URL(req.url, ctx.homeUrl);
  // PHP's $_GET keeps the last value of a repeated name. The library repeats every query parameter
  // (oauth-1.0a merges them into the object it returns, which axios appends again), so this matters.
  const params = [...new Map(url.searchParams.entries())];
  const get = (name: string) => url.searchParams.get(name) ?? undefined;
  let key: FakeApiKey | undefined;
  if (ctx.isHttps) {
    const basic = /^Basic (.+)$/i.exec(req.authorization ?? "")?.[1];
    const [user, pass] = basic
      ? splitOnce(Buffer.from(basic, "base64").toString("utf8"), ":")
      : [get("consumer_key"), get("consumer_secret")];
    if (!user) return notAllowed(req.method);
    key = ctx.keys.get(user);
    if (!key) return fail(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
    if (!pass || !sameSignature(pass, key.consumerSecret)) {
      return fail(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");
    }
  } else {
    if (!get("oauth_consumer_key")) return notAllowed(req.method);
    const required = [
      "oauth_consumer_key",
      "oauth_timestamp",
      "oauth_nonce",
      "oauth_signature",
      "oauth_signature_method",
    ];
    const missing = required.filter((name) => !get(name));
    if (missing.length > 0) {
      return fail(
        401,
        "woocommerce_rest_authentication_error",
        `Missing OAuth parameter ${missing.join(", ")}`,
      );
    }
    key = ctx.keys.get(get("oauth_consumer_key") ?? "");
    if (!key) return fail(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
    const method = get("oauth_signature_method");
    if (method !== "HMAC-SHA1" && method !== "HMAC-SHA256") {
      return fail(
        401,
        "woocommerce_rest_authentication_error",
        "Invalid signature - signature method is invalid.",
      );
    }
    const expected = oauthSignature({
      method: req.method,
      baseUrl: `${ctx.homeUrl}${url.pathname}`,
      params,
      consumerSecret: key.consumerSecret,
      algorithm: method === "HMAC-SHA1" ? "sha1" : "sha256",
    });
    const given = (get("oauth_signature") ?? "").replace(/ /g, "+");
    if (!sameSignature(expected, given)) {
      return fail(
        401,
        "woocommerce_rest_authentication_error",
        "Invalid signature - provided signature does not match.",
      );
    }
    const timestamp = Number(get("oauth_timestamp"));
    if (!Number.isInteger(timestamp) || timestamp < ctx.nowSeconds - 15 * 60) {
      return fail(401, "woocommerce_rest_authentication_error", "Invalid timestamp.");
    }
    const nonce = `${key.consumerKey}:${get("oauth_nonce")}`;
    if (ctx.nonces.has(nonce)) {
      return fail(
        401,
        "woocommerce_rest_authentication_error",
        "Invalid nonce - nonce has already been used.",
      );
    }
    ctx.nonces.add(nonce);
  }
  const reading = ["GET", "HEAD", "OPTIONS"].includes(req.method.toUpperCase());
  const allowed = reading ? key.permissions !== "write" : key.permissions !== "read";
  if (!allowed) {
    return fail(
      401,
      "woocommerce_rest_authentication_error",
      `The API key provided does not have ${reading ? "read" : "write"} permissions.`,
    );
  }
  return { ok: true, key };
}

function notAllowed(method: string): AuthResult {
  return ["GET", "HEAD"].includes(method.toUpperCase())
    ? fail(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
    : fail(401, "woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.");
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}
