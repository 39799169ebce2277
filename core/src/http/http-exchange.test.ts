import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { connectionErrorFrom } from "../alma/connection-error.ts";
import { deadline } from "./deadline.ts";
import { CONNECT_TIMEOUT_CODE, httpExchange, MAX_ANSWER_BYTES } from "./http-exchange.ts";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: RequestListener): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  server = createServer(handler);
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
  };
}

const within = (ms: number) => deadline(ms).signal;
/** What a POST to `url` rejects with. */
const postFailure = (url: string) =>
  httpExchange(url, { method: "POST", headers: {}, body: "{}", signal: within(2000) }).catch(
    (e: unknown) => e,
  );

describe("httpExchange", () => {
  it("sends the method, headers and body, reads the whole answer, and keeps the connection for the next call", async () => {
    const seen: string[] = [];
    const { url, connections } = await serve((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        seen.push(
          `${req.method} ${req.url} ${req.headers.authorization} ${req.headers["content-length"]} ${body}`,
        );
        res.writeHead(201, { "content-type": "application/json", "X-Request-Id": "req_1" });
        res.end(JSON.stringify({ ok: true, long: "é".repeat(40_000) }));
      });
    });
    for (let i = 0; i < 2; i++) {
      const answer = await httpExchange(`${url}/v1/payments?x=1`, {
        method: "POST",
        headers: { authorization: "Alma-Auth sk_test_x" },
        body: '{"amount":"é"}',
        signal: within(2000),
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get("X-REQUEST-ID")).toBe("req_1");
      expect(answer.headers.get("retry-after")).toBeNull();
      expect(JSON.parse(await answer.text())).toEqual({ ok: true, long: "é".repeat(40_000) });
    }
    expect(seen).toEqual(Array(2).fill('POST /v1/payments?x=1 Alma-Auth sk_test_x 15 {"amount":"é"}'));
    expect(connections()).toBe(1);
  });

  it("rejects with the deadline's TimeoutError when no answer comes, and drops the connection", async () => {
    let closed = false;
    const { url } = await serve((req) => req.socket.on("close", () => (closed = true)));
    const error = await httpExchange(url, { method: "GET", headers: {}, signal: within(50) }).catch((e) => e);
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(connectionErrorFrom(error, "GET /", 50)).toMatchObject({
      timedOut: true,
      mayHaveReachedAlma: true,
    });
    await expect.poll(() => closed).toBe(true);
  });

  it("rejects an answer cut before its end, as a reset that may have reached the other side", async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "1000" });
      res.write("partial");
      setTimeout(() => res.destroy(), 20);
    });
    const error = await postFailure(url);
    expect(connectionErrorFrom(error, "POST /", 2000)).toMatchObject({
      timedOut: false,
      mayHaveReachedAlma: true,
      code: "ECONNRESET",
    });
  });

  it("rejects a refused connection as never sent, so even a payment creation may be retried", async () => {
    const { url } = await serve(() => {});
    await new Promise((resolve) => server!.close(resolve));
    const error = await postFailure(url);
    expect(connectionErrorFrom(error, "POST /", 2000)).toMatchObject({
      mayHaveReachedAlma: false,
      code: "ECONNREFUSED",
    });
  });

  it("reports a deadline reached while still connecting as never sent", async () => {
    // A peer that never accepts: a child process listens with a backlog of one, then blocks its
    // event loop. Once its queue is full the kernel drops our SYNs, and connecting just waits.
    const peer = spawn(
      process.execPath,
      [
        "-e",
        `require("node:net").createServer().listen({ port: 0, host: "127.0.0.1", backlog: 1 }, function () {
          console.log(this.address().port);
          const until = Date.now() + 60_000;
          while (Date.now() < until);
        });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const [line] = (await once(peer.stdout, "data")) as [Buffer];
      const port = Number(line.toString().trim());
      const fillers = Array.from({ length: 4 }, () => connect(port, "127.0.0.1").on("error", () => {}));
      const error = await httpExchange(`http://127.0.0.1:${port}/v1/payments`, {
        method: "POST",
        headers: {},
        body: "{}",
        signal: within(300),
      }).catch((e: unknown) => e);
      for (const socket of fillers) socket.destroy();
      expect(error).toMatchObject({ code: CONNECT_TIMEOUT_CODE });
      expect(connectionErrorFrom(error, "POST /v1/payments", 300)).toMatchObject({
        timedOut: true,
        mayHaveReachedAlma: false,
        message: "Could not connect to Alma for POST /v1/payments within 300 ms",
      });
    } finally {
      peer.kill("SIGKILL");
    }
  });

  it("refuses an answer larger than it will hold", async () => {
    const chunk = Buffer.alloc(1024 * 1024, "a");
    const { url } = await serve((_req, res) => {
      res.writeHead(200);
      const write = (left: number): void => {
        if (left === 0) return void res.end();
        if (res.write(chunk)) write(left - 1);
        else res.once("drain", () => write(left - 1));
      };
      write(MAX_ANSWER_BYTES / chunk.length + 2);
    });
    const error = await httpExchange(url, { method: "GET", headers: {}, signal: within(10_000) }).catch(
      (e) => e,
    );
    expect(String(error)).toMatch(/answer larger than/);
  });
});
