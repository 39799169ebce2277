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
