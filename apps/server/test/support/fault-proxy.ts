import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

/**
 * What the proxy does to a matching request instead of (or around) forwarding it:
 * - `status`: answers itself, never forwards (a 429 from a rate limiter, a 5xx from a load balancer);
 * - `hang`: holds the request without answering and never forwards it (Alma unreachable mid-flight);
 * - `slow`: waits, then forwards (a slow Alma that still answers);
 * - `slow-answer`: forwards at once, then holds the answer (the caller acts on a stale view);
 * - `lose-answer`: forwards (the effect happens at Alma) and then cuts the connection, so the caller
 *   never learns the outcome: the case that makes retries dangerous.
 */
export type Fault =
  | { kind: "status"; status: number; retryAfter?: string }
  | { kind: "hang" }
  | { kind: "slow"; delayMs: number }
  | { kind: "slow-answer"; delayMs: number }
  | { kind: "lose-answer" };

export interface FaultRule {
  method?: string;
  /** Matched against the path after the base (e.g. `/v1/payments`); a string matches as a prefix. */
  path?: RegExp | string;
  /** How many matching requests get the fault; Infinity until `clear()`. */
  times: number;
  fault: Fault;
}

export interface SeenRequest {
  method: string;
  path: string;
  fault: Fault["kind"] | null;
  /** Whether the request reached the target (the sandbox), i.e. could have had an effect. */
  forwarded: boolean;
}

export interface FaultProxy {
  /** The Alma base URL to configure (the target's path prefix kept). */
  url: string;
  seen: SeenRequest[];
  inject(rule: FaultRule): void;
  clear(): void;
  count(method: string, path: RegExp): number;
  close(): Promise<void>;
}

/** An HTTP proxy in front of the Alma sandbox that injects faults into the next N matching requests. */
export async function startFaultProxy(targetBaseUrl: string): Promise<FaultProxy> {
  const target = new URL(targetBaseUrl);
  const prefix = target.pathname.replace(/\/+$/, "");
  const rules: FaultRule[] = [];
  const seen: SeenRequest[] = [];

  const take = (method: string, path: string): Fault | undefined => {
    const rule = rules.find(
      (r) =>
        r.times > 0 &&
        (r.method === undefined || r.method === method) &&
        (r.path === undefined || (typeof r.path === "string" ? path.startsWith(r.path) : r.path.test(path))),
    );
    if (!rule) return undefined;
    rule.times--;
    return rule.fault;
  };

  const server = createServer(async (req, res) => {
    const method = req.method ?? "GET";
    const full = req.url ?? "/";
    const path = full.slice(prefix.length).split("?")[0] ?? "";
    const fault = take(method, path);
    const record: SeenRequest = { method, path, fault: fault?.kind ?? null, forwarded: false };
    seen.push(record);
    if (fault?.kind === "hang") return;
    if (fault?.kind === "status") {
      if (fault.retryAfter) res.setHeader("Retry-After", fault.retryAfter);
      res.writeHead(fault.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `injected ${fault.status}` }));
      return;
    }
    if (fault?.kind === "slow") await delay(fault.delayMs);
    try {
      record.forwarded = true;
      const answer = await forward(target.origin, full, req);
      if (fault?.kind === "slow-answer") await delay(fault.delayMs);
      if (fault?.kind === "lose-answer") {
        res.socket?.destroy();
        return;
      }
      send(res, answer);
    } catch (error) {
      res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `proxy: ${String(error)}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    seen,
    inject: (rule) => rules.push({ ...rule }),
    clear: () => rules.splice(0),
    count: (method, path) =>
      seen.filter((s) => s.method === method && s.forwarded && path.test(s.path)).length,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

async function forward(origin: string, url: string, req: IncomingMessage): Promise<Answer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
      headers[name] = value;
  }
  const response = await fetch(`${origin}${url}`, {
    method: req.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    redirect: "manual",
  });
  const kept = [...response.headers].filter(
    ([name]) => !["content-length", "transfer-encoding", "connection", "content-encoding"].includes(name),
  );
  return { status: response.status, headers: kept, body: Buffer.from(await response.arrayBuffer()) };
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(answer.body);
}
