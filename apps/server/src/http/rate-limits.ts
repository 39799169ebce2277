import { createHash } from "node:crypto";
import type { RateWindows } from "@alma-suite/core/storage";
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
    options: { onlyRefusals?: boolean; onlyAccepted?: boolean } = {},
  ): RequestHandler | null =>
    perSecond > 0
      ? rateLimit({
          windowMs: config.windowMs,
          limit: () => limitOf(perSecond),
          // Every bucket counts exactly, bursts included (see FixedWindowStore, SharedWindowStore).
          store: newStore(),
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
  const refusals = limiter("refusals", config.ipPerSecond, byIp, { onlyRefusals: true });
  const mounts: [string, RequestHandler | null][] = [
    ["/alma/ipn", refusals],
    ["/woocommerce/webhooks", refusals],
    ["/woocommerce/gateway", refusals],
    ["/shopify", refusals],
    [
      "/alma/ipn/:tenantId",
      limiter("ipn", config.ipnPerSecond, (req) => String(req.params.tenantId), unverified),
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
  return { mounts: mounts.flatMap(([path, handler]) => (handler ? [{ path, handler }] : [])) };
}

/** A store counting in memory (one instance) or in the database (every instance). */
type CountingStore = FixedWindowStore | SharedWindowStore;

function storeFailed(logger: Logger, error: unknown): void {
  logger.warn({ err: error }, "rate limit counters unavailable: request let through uncounted");
}

/** Deletes the shared windows that ended a window ago, so the table holds only live ones. */
function sweepEndedWindows(shared: RateWindows, windowMs: number, logger: Logger): void {
  const timer = setInterval(
    () => {
      shared.sweep(windowMs).catch((error: unknown) => storeFailed(logger, error));
    },
    Math.max(windowMs, 10_000),
  );
  timer.unref();
}

/**
 * Whether an answer counts against its client address in the refusals bucket. A 429 is a limit speaking, often a tenant's own: counted, one
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

/** The line every 429 writes. */
function logTooMany(
  logger: Logger,
  entry: { limit: string; method: string; path: string; ip: string | undefined },
): void {
  logger.warn(entry, "rate limit exceeded");
}

/** The message every 429 carries. */
function tooManyMessage(retryAfterS: number | string): string {
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
