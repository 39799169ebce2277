import type { PluginRateLimit } from "@alma-suite/core";
import { type RateWindows, startHeartbeat } from "@alma-suite/core/storage";
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { RateLimitConfig } from "../config/load-config.ts";
import type { Logger } from "../observability/create-logger.ts";
import { FixedWindowStore } from "./fixed-window-store.ts";
import { type RefusalFormats, sendRefusal } from "./send-refusal.ts";
import { SharedWindowStore } from "./shared-window-store.ts";

export interface MountedLimit {
  path: string;
  handler: RequestHandler;
}

export interface RateLimits {
  /** Mounted on the Express app, in order. */
  mounts: MountedLimit[];
}

/**
 * How a plugin's routes are limited, as the server mounts them: its limits (the caller from the
 * URL, a header or the credential, see `PluginRateLimit`) under its mount path.
 */
export interface PlatformLimits {
  /** The plugin's name, which names its buckets. */
  name: string;
  mountPath: string;
  limits: readonly PluginRateLimit<Request>[];
}
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
  /** Each registered plugin's limits; their routes are keyed by caller, not by client IP. */
  platforms: readonly PlatformLimits[] = [],
  /** A refusal in the error format of the plugin whose routes were asked for. */
  formats: RefusalFormats = () => undefined,
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
          handler: (req, res) => tooMany(logger, name, req, res, formats),
        })
      : null;
  const byIp = (req: Request) => ipKeyGenerator(req.ip ?? "unknown");
  // On these routes the tenant comes from the URL or a header before anything is verified. Their
  // tenant buckets count only accepted calls, or anyone knowing a tenant id could spend its
  // allowance with forged requests and lock Alma's real notifications out. Refusals are counted
  // per client IP instead, which also stops a forger cycling through made-up ids.
  const unverified = { onlyAccepted: true };
  const refusals = limiter("refusals", config.ipPerSecond, byIp, { onlyRefusals: true });
  // Routes keyed by tenant or caller; the per-IP limit leaves them alone so that Alma's or a
  // platform's few IPs never throttle every tenant at once.
  const tenantKeyed = ["/alma/ipn"];
  const refused: [string, RequestHandler | null][] = [["/alma/ipn", refusals]];
  const keyed: [string, RequestHandler | null][] = [];
  for (const platform of platforms) {
    platform.limits.forEach((limit, index) => {
      const name = index === 0 ? platform.name : `${platform.name}:${index}`;
      const perSecond = limit.perSecond ?? config.platformPerSecond;
      // One bucket per caller across all the limit's paths (a store's webhooks and gateway calls).
      const handler = limiter(
        name,
        perSecond,
        (req) => {
          const caller = limit.callerOf(req);
          return caller === undefined ? `ip:${byIp(req)}` : caller;
        },
        limit.unverified ? unverified : {},
      );
      for (const path of limit.paths) {
        const full = path === "/" ? platform.mountPath : `${platform.mountPath}${path}`;
        // The part before any parameter: where refusals count per IP and the IP limit stops.
        const prefix = full.split("/:")[0] ?? full;
        tenantKeyed.push(prefix);
        if (limit.unverified) refused.push([prefix, refusals]);
        keyed.push([full, handler]);
      }
    });
  }
  const mounts: [string, RequestHandler | null][] = [
    ...refused,
    [
      "/alma/ipn/:tenantId",
      limiter("ipn", config.ipnPerSecond, (req) => String(req.params.tenantId), unverified),
    ],
    ...keyed,
    ["/", ipLimiter(limiter("ip", config.ipPerSecond, byIp), tenantKeyed)],
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
  // In-process, on every instance: a DELETE of ended windows that any instance may repeat.
  startHeartbeat(Math.max(windowMs, 10_000), async () => {
    await shared.sweep(windowMs).catch((error: unknown) => storeFailed(logger, error));
    return undefined;
  });
}

/**
 * Whether an answer counts against its client address in the refusals bucket. A 429 is a limit speaking, often a tenant's own: counted, one
 * busy tenant's notifications would lock out every tenant's from the addresses Alma sends from.
 */
function isIpRefusal(status: number): boolean {
  return status >= 400 && status !== 429;
}

function ipLimiter(handler: RequestHandler | null, tenantKeyed: readonly string[]): RequestHandler | null {
  if (!handler) return null;
  // Every request passes here: the prefixes are built once, and req.path (which re-reads the
  // parsed URL at each access) is read once per request rather than once per prefix.
  const exempt = [...UNLIMITED, ...tenantKeyed].map((prefix) => ({ prefix, below: `${prefix}/` }));
  return (req, res, next) => {
    const path = req.path;
    for (const { prefix, below } of exempt) if (path === prefix || path.startsWith(below)) return next();
    return handler(req, res, next);
  };
}

/** The line every 429 writes, whichever door the request came in by. */
export function logTooMany(
  logger: Logger,
  entry: { limit: string; method: string; path: string; ip: string | undefined },
): void {
  logger.warn(entry, "rate limit exceeded");
}

/** The message every 429 carries. */
function tooManyMessage(retryAfterS: number | string): string {
  return `too many requests; retry after ${String(retryAfterS)} s`;
}

function tooMany(logger: Logger, name: string, req: Request, res: Response, formats: RefusalFormats): void {
  const retryAfter = res.getHeader("retry-after") ?? "1";
  logTooMany(logger, { limit: name, method: req.method, path: req.path, ip: req.ip });
  sendRefusal(
    req,
    res,
    {
      status: 429,
      message: tooManyMessage(String(retryAfter)),
      problem: { slug: "rate-limited", title: "Too many requests for this API key" },
    },
    formats,
  );
}
