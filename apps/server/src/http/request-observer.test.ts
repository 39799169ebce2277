import { Writable } from "node:stream";
import express, { Router } from "express";
import { describe, expect, it } from "vitest";
import { createLogger } from "../observability/create-logger.ts";
import { createMetrics } from "../observability/metrics.ts";
import { requestObserver } from "./request-observer.ts";

describe("requestObserver", () => {
  it("logs the full path of a request answered by a mounted router", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: "info", destination });
    const app = express();
    app.use(requestObserver(logger, createMetrics({ jobCounts: async () => ({}) })));
    const shopify = Router();
    shopify.get("/dashboard", (_req, res) => {
      res.send("ok");
    });
    app.use("/shopify", shopify);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    await (await fetch(`http://127.0.0.1:${port}/shopify/dashboard`)).text();
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.close();
    const line = lines.map((text) => JSON.parse(text)).find((entry) => entry.msg === "request");
    expect(line).toMatchObject({ path: "/shopify/dashboard", status: 200 });
  });
});
