import http from "node:http";
import https from "node:https";

/** What a call to Alma needs of an answer: `fetch`'s `Response` has it too. */
export interface HttpAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** One HTTP exchange. `fetch` is one; `httpExchange` is the cheaper default. */
export type HttpExchange = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<HttpAnswer>;

/** Larger answers are refused rather than held in memory: Alma's largest (a page of payments) is far smaller. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * An idle kept-alive connection is closed after 4 s (as undici does): servers close theirs after a
 * few seconds too, and a request written on a connection the server is closing fails.
 */
const IDLE_MS = 4000;
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: IDLE_MS }),
  "https:": new https.Agent({ keepAlive: true, timeout: IDLE_MS }),
};

/** The code of a deadline reached before the connection was even open: nothing was sent. */
export const CONNECT_TIMEOUT_CODE = "ECONNECT_TIMEOUT";

/**
 * An exchange over node:http(s) with kept-alive connections, read whole. Why not `fetch`: for the
 * same call it costs several times the CPU (its web streams, Headers and per-response
 * finalizers), and at a few hundred checkouts a second that was a large part of the server's time and
 * much of what each young-generation collection had to copy. Errors look like `fetch`'s where
 * callers tell them apart: an aborted exchange rejects with the signal's reason (a `TimeoutError`
 * from `deadline`), a socket failure with the socket's error and its `code`, and a deadline reached
 * while still connecting with `CONNECT_TIMEOUT_CODE` (never sent, like a refused connection).
 */
export function httpExchange(url: string, init: Parameters<HttpExchange>[1]): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal.aborted) return reject(signal.reason);
    const target = new URL(url);
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) return reject(new TypeError(`unsupported protocol ${target.protocol}`));
    const headers = { ...init.headers };
    if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
    const request = (target.protocol === "https:" ? https : http).request(target, {
      method: init.method,
      headers,
      agent,
    });
    const abort = () => {
      if (request.socket && !request.socket.connecting) return void request.destroy(signal.reason);
      const error = new Error(`could not connect to ${target.host} in time`);
      request.destroy(Object.assign(error, { code: CONNECT_TIMEOUT_CODE }));
    };
    signal.addEventListener("abort", abort, { once: true });
    // A reset, even on a kept-alive connection the server was closing, is not sent again here: the
    // server may have acted on the request (Alma may have made the payment). The caller decides,
    // and for a payment creation it looks the payment up before making another.
    const fail = (error: unknown) => {
      signal.removeEventListener("abort", abort);
      const code = (error as { code?: unknown } | null)?.code;
      reject(signal.aborted && code !== CONNECT_TIMEOUT_CODE ? signal.reason : error);
    };
    request.on("error", fail);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES)
          response.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      });
      // Also an answer cut before its end: Node destroys it with an ECONNRESET "aborted".
      response.on("error", fail);
      response.on("end", () => {
        signal.removeEventListener("abort", abort);
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: response.statusCode ?? 0,
          headers: {
            get: (name) => {
              const value = response.headers[name.toLowerCase()];
              return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
            },
          },
          text: async () => text,
        });
      });
    });
    request.end(init.body);
  });
}
