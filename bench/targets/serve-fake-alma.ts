// A fake Alma for bench/ipn-to-platform.ts, in a process of its own: every payment it is asked
// for is the recorded in-progress 3x payment (fixtures/alma/payments/in-progress-3x.json) under
// the asked id, for argv[2] cents, so the suite's confirmation finds it paid and moves the order.
import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";

const cents = Number(process.argv[2] ?? 45_000);
const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../fixtures/alma/payments/in-progress-3x.json", import.meta.url)),
    "utf8",
  ),
) as Record<string, unknown>;
const [before, after] = JSON.stringify({ ...fixture, id: "@@ID@@", purchase_amount: cents }).split(
  '"@@ID@@"',
);
const server = http.createServer((req, res) => {
  const match = /^\/v1\/payments\/(payment_[A-Za-z0-9]+)$/.exec(req.url ?? "");
  req.resume();
  if (req.method !== "GET" || !match) {
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not_found"}');
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(`${before}"${match[1]}"${after}`);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
