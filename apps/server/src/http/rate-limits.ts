import { createHash } from "node:crypto";
import { type RateWindows, startHeartbeat } from "@alma-suite/core/storage";
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { RateLimitConfig } from "../config/load-config.ts";
import type { Logger } from "../observability/create-logger.ts";
import { FixedWindowStore } from "./fixed-window-store.ts";
import { sendRefusal } from "./send-refusal.ts";
import { SharedWindowStore } from "./shared-window-store.ts";

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
  /** Counts the notification on arrival, as the mounted limiters do, and says whether it may go on. */
  admit(tenantId: string, ip: string): Promise<IpnAdmission>;
}

export interface IpnAdmission {
  /** Set when a limit is reached: which one, and when to retry. */
  refused?: { limit: string; retryAfterS: number };
  /** Takes back what the answer shows should not count: a success from the IP's refusals, a refusal from the tenant's allowance. */
  settle(status: number): void;
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
export function rateLimits(
  config: RateLimitConfig,
  logger: Logger,
  /**
   * The database's shared counters (PostgreSQL): every instance counts in them, so each limit
   * holds for the whole deployment. Without them (SQLite: one instance) counters stay in memory.
   */
  shared?: RateWindows,
): RateLimits {
  const limitOf = (perSecond: number) => Math.max(1, Math.ceil((perSecond * config.windowMs) / 1000));
  const newStore = (): CountingStore => (shared ? new SharedWindowStore(shared) : new FixedWindowStore());
  if (shared) sweepEndedWindows(shared, config.windowMs, logger);
  const limiter = (
    name: string,
    perSecond: number,
    key: (req: Request) => string,
    options: { onlyRefusals?: boolean; onlyAccepted?: boolean; store?: CountingStore } = {},
  ): RequestHandler | null =>
    perSecond > 0
      ? rateLimit({
          windowMs: config.windowMs,
          limit: () => limitOf(perSecond),
          // Every bucket counts exactly, bursts included (see FixedWindowStore, SharedWindowStore).
          store: options.store ?? newStore(),
          // A database that cannot count is already failing the request's own work: let it through
          // to fail there, with the error it deserves, rather than answer 500 from the limiter.
          passOnStoreError: shared !== undefined,
          // Its complaints go to our log lines (JSON, one per failed count), not to the console.
          logger: {
            error: (error: unknown) => storeFailed(logger, error),
            warn: (error: unknown) => logger.warn({ err: error }, "rate limiter warning"),
          },
          standardHeaders: "draft-7",
          legacyHeaders: false,
          skipSuccessfulRequests: options.onlyRefusals ?? false,
          skipFailedRequests: options.onlyAccepted ?? false,
          ...(options.onlyRefusals
            ? { requestWasSuccessful: (_req: Request, res: Response) => !isIpRefusal(res.statusCode) }
            : {}),
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
  const stores = { refusals: newStore(), ipn: newStore() };
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
    ipnGate: ipnGate(
      stores,
      () => ({
        refusals: config.ipPerSecond > 0 ? limitOf(config.ipPerSecond) : 0,
        ipn: config.ipnPerSecond > 0 ? limitOf(config.ipnPerSecond) : 0,
      }),
      logger,
    ),
  };
}

/**
 * What the mounted limiters do, in the same order: count the request in the IP's refusals, then
 * in the tenant's allowance, stopping at the first one over its limit; once answered, take back
 * what should not have counted. Counting on arrival (not on answer) is what holds the limit
 * against many requests in flight at once. Keys are the mounted limiters' (`name:key`).
 */
function ipnGate(
  stores: { refusals: CountingStore; ipn: CountingStore },
  limitsNow: () => { refusals: number; ipn: number },
  logger: Logger,
): IpnGate {
  const retryAfterS = (resetTime: Date | undefined) =>
    resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 1;
  return {
    async admit(tenantId, ip) {
      const limits = limitsNow();
      const ipKey = `refusals:${ipKeyGenerator(ip)}`;
      const tenantKey = `ipn:${tenantId}`;
      let countedIp = false;
      let countedTenant = false;
      const takeBack = (store: CountingStore, key: string) =>
        Promise.resolve(store.decrement(key)).catch((error: unknown) => storeFailed(logger, error));
      const settle = (status: number) => {
        if (countedIp && !isIpRefusal(status)) void takeBack(stores.refusals, ipKey);
        if (countedTenant && status >= 400) void takeBack(stores.ipn, tenantKey);
      };
      try {
        if (limits.refusals > 0) {
          const hits = await stores.refusals.increment(ipKey);
          countedIp = true;
          if (hits.totalHits > limits.refusals)
            return { refused: { limit: "refusals", retryAfterS: retryAfterS(hits.resetTime) }, settle };
        }
        if (limits.ipn > 0) {
          const hits = await stores.ipn.increment(tenantKey);
          countedTenant = true;
          if (hits.totalHits > limits.ipn)
            return { refused: { limit: "ipn", retryAfterS: retryAfterS(hits.resetTime) }, settle };
        }
      } catch (error) {
        // As the mounted limiters do (passOnStoreError): the notification's own work reports the outage.
        storeFailed(logger, error);
      }
      return { settle };
    },
  };
}

/** A store counting in memory (one instance) or in the database (every instance). */
type CountingStore = FixedWindowStore | SharedWindowStore;

function storeFailed(logger: Logger, error: unknown): void {
  logger.warn({ err: error }, "rate limit counters unavailable: request let through uncounted");
}

/** Deletes the shared windows that ended a window ago, so the table holds only live ones. */
function sweepEndedWindows(shared: RateWindows, windowMs: number, logger: Logger): void {
  // In-process, on every instance: a DELETE of ended windows that any instance may repeat.
  startHeartbeat(Math.max(windowMs, 10_000), async () => {
    await shared.sweep(windowMs).catch((error: unknown) => storeFailed(logger, error));
    return undefined;
  });
}

/**
 * Whether an answer counts against its client address in the refusals bucket, on both doors
 * (Express and the IPN fast path). A 429 is a limit speaking, often a tenant's own: counted, one
 * busy tenant's notifications would lock out every tenant's from the addresses Alma sends from.
 */
function isIpRefusal(status: number): boolean {
  return status >= 400 && status !== 429;
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
  sendRefusal(req, res, {
    status: 429,
    message: tooManyMessage(String(retryAfter)),
    bridge: { slug: "rate-limited", title: "Too many requests for this API key" },
  });
}
