import http from "node:http";

export interface Sent {
  /** Request index, as passed to `request`. */
  n: number;
  status: number;
  body: string;
  /**
   * From the moment the request was due to the end of the answer, in ms; from when it left if it
   * left early (the loop sends anything due within the next millisecond rather than sleep).
   */
  latencyMs: number;
  /** The answer's `Server-Timing` header, when it has one. */
  serverTiming?: string;
}

/**
 * Open-loop load at a fixed rate: request n is due at start + n / rate, whether or not earlier
 * ones have answered, and its latency counts from that due time, so a slow target cannot hide
 * its queueing (no coordinated omission).
 */
export async function fixedRate(options: {
  url: string;
  rate: number;
  count: number;
  request: (n: number) => { path: string; method?: string; headers?: Record<string, string>; body?: string };
}): Promise<Sent[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const start = performance.now() + 20;
  const results: Promise<Sent>[] = [];
  for (let n = 0; n < options.count; n++) {
    const due = start + (n * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    results.push(send(agent, options.url, n, due, options.request(n)));
  }
  const sent = await Promise.all(results);
  agent.destroy();
  return sent;
}

function send(
  agent: http.Agent,
  base: string,
  n: number,
  due: number,
  r: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<Sent> {
  // A late request counts from its due time (its queueing shows); an early one from its start,
  // or answers faster than the wait it skipped would read as negative latencies.
  const from = Math.min(due, performance.now());
  return new Promise((resolve) => {
    const req = http.request(
      new URL(r.path, base),
      {
        method: r.method ?? "GET",
        agent,
        headers: { ...r.headers, ...(r.body ? { "content-length": String(Buffer.byteLength(r.body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            n,
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            latencyMs: performance.now() - from,
            serverTiming: String(res.headers["server-timing"] ?? "") || undefined,
          }),
        );
      },
    );
    req.on("error", (error) =>
      resolve({ n, status: 0, body: error.message, latencyMs: performance.now() - from }),
    );
    req.end(r.body);
  });
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

/** The `dur` of one metric of a `Server-Timing` header (`alma;dur=1.5;desc="2 calls", app;dur=0.8`), in ms. */
export function serverTimingMs(header: string | undefined, metric: string): number | undefined {
  const entry = header?.split(",").find((part) => part.trim().split(";")[0] === metric);
  const dur = entry && /;\s*dur=([\d.]+)/.exec(entry);
  return dur ? Number(dur[1]) : undefined;
}
