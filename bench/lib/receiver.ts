import http from "node:http";
import type { AddressInfo } from "node:net";

/** A local webhook receiver answering 204, counting what it got and which message ids repeated. */
export async function startReceiver() {
  let received = 0;
  const seen = new Set<string>();
  let duplicates = 0;
  const server = http.createServer((req, res) => {
    const id = String(req.headers["webhook-id"] ?? "");
    req.resume();
    req.on("end", () => {
      received += 1;
      if (seen.has(id)) duplicates += 1;
      seen.add(id);
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received: () => received,
    duplicates: () => duplicates,
    reset() {
      received = 0;
      duplicates = 0;
      seen.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Busy and total CPU time of the whole machine so far, in seconds (from /proc/stat). */
export async function machineCpu(): Promise<{ busyS: number; totalS: number }> {
  const { readFileSync } = await import("node:fs");
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busyS: (total - idle) / 100, totalS: total / 100 };
}
