import { createHash } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, MemoryStore, rateLimit } from "express-rate-limit";
import type { RateLimitConfig } from "../config/load-config.ts";
import type { Logger } from "../observability/create-logger.ts";

export interface MountedLimit {
  path: string;
  handler: RequestHandler;
}

export interface RateLimits {
  /** Mounted on the Express app, in order. */
  mounts: MountedLimit[];
  /** The IPN limits over the same buckets, for notifications answered ahead of Express. */
  ipnGate: IpnGate;
}

/**
 * The two limits Alma's notifications pass (refusals per client IP, accepted notifications per
 * tenant), for the IPN fast path. It shares their buckets with the mounted limits, so a client
 * is counted the same whichever door its requests take.
 */
export interface IpnGate {
  /** Undefined when the notification may go on; else which limit it hit and when to retry. */
  check(tenantId: string, ip: string): Promise<{ limit: string; retryAfterS: number } | undefined>;
  /** Counts the answer given: a refusal (4xx) against the IP, an accepted one against the tenant. */
  count(tenantId: string, ip: string, status: number): void;
}

/** Routes keyed by tenant below; the per-IP limit leaves them alone so that Alma's or Shopify's few IPs never throttle every tenant at once. */
const TENANT_KEYED = ["/alma/ipn", "/woocommerce/webhooks", "/woocommerce/gateway", "/shopify", "/bridge"];
/** Never limited: probes must see the truth, and the sandbox is a development double our own server calls. */
const UNLIMITED = ["/healthz", "/readyz", "/metrics", "/alma-sandbox"];

/**
 * Rate limits, one bucket per tenant where the URL or the credential names one (so a noisy or
 * hostile tenant only slows itself), per client IP elsewhere. The tenant comes from the URL or
 * the credential, never from the body. Each refusal is a 429 with `Retry-After`, a JSON message
 * and a log line.
 */
export function rateLimits(config: RateLimitConfig, logger: Logger): RateLimits {
  const limitOf = (perSecond: number) => Math.max(1, Math.ceil((perSecond * config.windowMs) / 1000));
  const limiter = (
    name: string,
    perSecond: number,
    key: (req: Request) => string,
    options: { onlyRefusals?: boolean; onlyAccepted?: boolean; store?: MemoryStore } = {},
  ): RequestHandler | null =>
    perSecond > 0
      ? rateLimit({
          windowMs: config.windowMs,
          limit: limitOf(perSecond),
          store: options.store,
          standardHeaders: "draft-7",
          legacyHeaders: false,
          skipSuccessfulRequests: options.onlyRefusals ?? false,
          skipFailedRequests: options.onlyAccepted ?? false,
          keyGenerator: (req) => `${name}:${key(req)}`,
          handler: (req, res) => tooMany(logger, name, req, res),
        })
      : null;
  const byIp = (req: Request) => ipKeyGenerator(req.ip ?? "unknown");
  // On these routes the tenant comes from the URL or a header before anything is verified. Their
  // tenant buckets count only accepted calls, or anyone knowing a tenant id could spend its
  // allowance with forged requests and lock Alma's real notifications out. Refusals are counted
  // per client IP instead, which also stops a forger cycling through made-up ids.
  const unverified = { onlyAccepted: true };
  const store = limiter(
    "woocommerce",
    config.platformPerSecond,
    (req) => String(req.params.storeId),
    unverified,
  );
  const stores = { refusals: new MemoryStore(), ipn: new MemoryStore() };
  const refusals = limiter("refusals", config.ipPerSecond, byIp, {
    onlyRefusals: true,
    store: stores.refusals,
  });
  const mounts: [string, RequestHandler | null][] = [
    ["/alma/ipn", refusals],
    ["/woocommerce/webhooks", refusals],
    ["/woocommerce/gateway", refusals],
    ["/shopify", refusals],
    [
      "/alma/ipn/:tenantId",
      limiter("ipn", config.ipnPerSecond, (req) => String(req.params.tenantId), {
        ...unverified,
        store: stores.ipn,
      }),
    ],
    ["/woocommerce/webhooks/:storeId", store],
    ["/woocommerce/gateway/:storeId", store],
    [
      "/shopify",
      limiter("shopify", config.platformPerSecond, (req) => shopOf(req) ?? `ip:${byIp(req)}`, unverified),
    ],
    ["/bridge", limiter("bridge", config.bridgePerSecond, (req) => credentialOf(req) ?? `ip:${byIp(req)}`)],
    ["/", ipLimiter(limiter("ip", config.ipPerSecond, byIp))],
  ];
  return {
    mounts: mounts.flatMap(([path, handler]) => (handler ? [{ path, handler }] : [])),
    ipnGate: ipnGate(stores, {
      refusals: config.ipPerSecond > 0 ? limitOf(config.ipPerSecond) : 0,
      ipn: config.ipnPerSecond > 0 ? limitOf(config.ipnPerSecond) : 0,
    }),
  };
}

/**
 * The mounted limiters count a request first and take it back when its answer shows it should not
 * have counted. The gate counts only once the answer is known, which leaves each bucket where the
 * mounted limiter would, in fewer steps. Keys are the mounted limiters' (`name:key`).
 */
function ipnGate(
  stores: { refusals: MemoryStore; ipn: MemoryStore },
  limits: { refusals: number; ipn: number },
): IpnGate {
  const ipKey = (ip: string) => `refusals:${ipKeyGenerator(ip)}`;
  const retryAfterS = (resetTime: Date | undefined) =>
    resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 1;
  return {
    async check(tenantId, ip) {
      if (limits.refusals > 0) {
        const hits = await stores.refusals.get(ipKey(ip));
        if (hits && hits.totalHits >= limits.refusals) {
          // A 429 is a refusal too, as the mounted limiter counts it.
          await stores.refusals.increment(ipKey(ip));
          return { limit: "refusals", retryAfterS: retryAfterS(hits.resetTime) };
        }
      }
      if (limits.ipn > 0) {
        const hits = await stores.ipn.get(`ipn:${tenantId}`);
        if (hits && hits.totalHits >= limits.ipn)
          return { limit: "ipn", retryAfterS: retryAfterS(hits.resetTime) };
      }
      return undefined;
    },
    count(tenantId, ip, status) {
      if (status >= 400) {
        if (limits.refusals > 0) void stores.refusals.increment(ipKey(ip));
      } else if (limits.ipn > 0) void stores.ipn.increment(`ipn:${tenantId}`);
    },
  };
}

function ipLimiter(handler: RequestHandler | null): RequestHandler | null {
  if (!handler) return null;
  return (req, res, next) => {
    const under = (prefix: string) => req.path === prefix || req.path.startsWith(`${prefix}/`);
    if (UNLIMITED.some(under) || TENANT_KEYED.some(under)) return next();
    return handler(req, res, next);
  };
}

/** The shop Shopify names in its headers (session requests and webhooks); the routes refuse shops we do not know. */
function shopOf(req: Request): string | undefined {
  const shop = req.get("shopify-shop-domain") ?? req.get("x-shopify-shop-domain");
  return shop ? shop.trim().toLowerCase().slice(0, 255) : undefined;
}

/**
 * A digest of the whole bearer credential, not the key id it contains: key ids are shown in
 * lists, so keying on them would let anyone spend another agency's allowance.
 */
function credentialOf(req: Request): string | undefined {
  const header = req.get("authorization");
  return header ? createHash("sha256").update(header).digest("base64url") : undefined;
}

/** The line every 429 writes, whichever door the request came in by. */
export function logTooMany(
  logger: Logger,
  entry: { limit: string; method: string; path: string; ip: string | undefined },
): void {
  logger.warn(entry, "rate limit exceeded");
}

/** The message every 429 carries. */
export function tooManyMessage(retryAfterS: number | string): string {
  return `too many requests; retry after ${String(retryAfterS)} s`;
}

function tooMany(logger: Logger, name: string, req: Request, res: Response): void {
  const retryAfter = res.getHeader("retry-after") ?? "1";
  logTooMany(logger, { limit: name, method: req.method, path: req.path, ip: req.ip });
  const message = tooManyMessage(String(retryAfter));
  if (req.originalUrl.startsWith("/bridge")) {
    // The bridge answers every error as problem+json; agencies' clients parse that shape.
    res
      .status(429)
      .type("application/problem+json")
      .send(
        JSON.stringify({
          type: "/bridge/problems/rate-limited",
          title: "Too many requests for this API key",
          status: 429,
          detail: message,
        }),
      );
    return;
  }
  res.status(429).json({ error: message });
}
