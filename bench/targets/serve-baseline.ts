// A baseline target for benchmarks: `node serve-baseline.ts node-http|express` prints its URL.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";

const kind = process.argv[2];
if (kind === "node-http") {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"success":true}');
  });
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(
      `READY ${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
    );
  });
} else if (kind === "express") {
  const app = express();
  app.all("/{*path}", (_req, res) => {
    res.json({ success: true });
  });
  const server = app.listen(0, "127.0.0.1", () => {
    process.stdout.write(
      `READY ${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
    );
  });
} else {
  process.stderr.write("usage: serve-baseline.ts node-http|express\n");
  process.exit(2);
}
