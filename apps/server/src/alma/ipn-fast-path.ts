import type { IncomingMessage, ServerResponse } from "node:http";
import proxyaddr from "proxy-addr";
import { errorAnswer } from "../http/error-handler.ts";
import { type IpnGate, logTooMany, tooManyMessage } from "../http/rate-limits.ts";
import { observeRequest } from "../http/request-observer.ts";
import type { Logger } from "../observability/create-logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import { serverTiming } from "../observability/request-timing.ts";
import type { IpnIntake } from "./ipn-intake.ts";

/**
 * The exact URL Alma calls: `/alma/ipn/<tenant id>?pid=<payment id>`, nothing percent-encoded and
 * no other parameter. Anything else (a repeated pid, an encoded byte, a trailing slash, other
 * case) goes through the Express route, which knows every variant.
 */
const ALMA_SHAPE = /^\/alma\/ipn\/([A-Za-z0-9_-]{1,100})\?pid=([A-Za-z0-9_]{1,100})$/;
const ROUTE = "/alma/ipn/:tenantId";

type Trust = (address: string, hop: number) => boolean;

/**
 * Alma's notifications, answered before Express sees them. They are the one request whose volume
 * a third party sets (every instalment Alma collects is one, and Alma retries), and they need
 * nothing Express offers: no body, no cookie, one header. Express's request set-up and its walk
 * through the app's layers cost as much CPU as the notification's own work (the IPN benchmark:
 * about 0.30x a bare Express handler's throughput through Express, 0.5x and more here).
 *
 * What every request gets from the app's middleware is done here by the same functions: the
 * rate limits (`IpnGate`, over the same buckets), `Server-Timing`, metrics and the access log,
 * and errors answered as `errorHandler` answers them. Returns false, touching nothing, for a
 * request it leaves to Express.
 */
export function ipnFastPath(options: {
  intake: IpnIntake;
  gate: IpnGate;
  logger: Logger;
  metrics: Metrics;
  /** Which proxies' `X-Forwarded-For` to believe: the app's own (`app.get("trust proxy fn")`), so `ip` is `req.ip`. */
  trust: Trust;
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { trust } = options;
  return (req, res) => {
    if (req.method !== "GET" || hasBody(req)) return false;
    const match = ALMA_SHAPE.exec(req.url ?? "");
    if (!match) return false;
    answer(options, req, res, match[1]!, match[2]!, clientIp(req, trust)).catch((error: unknown) => {
      // Only writing the answer or its log line can fail here; the process must not.
      options.logger.error({ err: error, path: `/alma/ipn/${match[1]}` }, "IPN fast path failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      if (!res.writableEnded) res.end('{"error":"internal error"}');
    });
    return true;
  };
}

/** `req.ip` as Express computes it; "unknown" (as the mounted limiters say) once the client has left. */
function clientIp(req: IncomingMessage, trust: Trust): string {
  const ip: string | undefined = proxyaddr(req, trust);
  return ip ?? "unknown";
}

async function answer(
  options: { intake: IpnIntake; gate: IpnGate; logger: Logger; metrics: Metrics },
  req: IncomingMessage,
  res: ServerResponse,
  tenantId: string,
  pid: string,
  ip: string,
): Promise<void> {
  const started = performance.now();
  const path = `/alma/ipn/${tenantId}`;
  let status: number;
  let body: object;
  let retryAfterS: number | undefined;
  let settle = (_status: number) => {};
  try {
    const admission = await options.gate.admit(tenantId, ip);
    settle = admission.settle;
    const limited = admission.refused;
    if (limited) {
      logTooMany(options.logger, { limit: limited.limit, method: "GET", path, ip });
      status = 429;
      body = { error: tooManyMessage(limited.retryAfterS) };
      retryAfterS = limited.retryAfterS;
    } else {
      const signature = req.headers["x-alma-signature"];
      const received = await options.intake.receive(
        tenantId,
        pid,
        typeof signature === "string" ? signature : "",
      );
      ({ status, body } = received);
    }
  } catch (error) {
    ({ status, body, retryAfterS } = errorAnswer(options.logger, error, path));
  }
  settle(status);
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "server-timing": serverTiming(performance.now() - started, { almaMs: 0, almaCalls: 0 }),
  };
  if (retryAfterS !== undefined) headers["retry-after"] = String(retryAfterS);
  res.writeHead(status, headers);
  res.end(text);
  observeRequest(options.logger, options.metrics, {
    method: "GET",
    path,
    route: ROUTE,
    status,
    seconds: (performance.now() - started) / 1000,
  });
}

/** As body-parser decides it: any transfer encoding, or a content length other than 0. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
