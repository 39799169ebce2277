import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

export interface PostResult {
  /** null when no HTTP answer came back (refused, reset, timeout). */
  status: number | null;
  /** The start of the answer, kept for the attempt log. */
  body: string;
  error: string | null;
  latencyMs: number;
}

/** What the attempt log keeps of a response: enough to debug, never a whole page. */
export const RESPONSE_EXCERPT_CHARS = 2000;
const READ_LIMIT_BYTES = 64 * 1024;

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * One delivery attempt: a POST to the address the guard vetted (the lookup is pinned, so DNS is
 * not asked again), no redirects followed, the whole exchange bounded by `timeoutMs`.
 */
export function postWebhook(input: {
  url: URL;
  address: string;
  family: 4 | 6;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<PostResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: input.address, family: input.family },
      ]);
    else callback(null, input.address, input.family);
  };
  const secure = input.url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: latency() });
    };
    const request = (secure ? https : http).request(
      input.url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        lookup,
        headers: {
          ...input.headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(input.body)),
          "user-agent": "alma-suite-webhooks/1",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= READ_LIMIT_BYTES) chunks.push(chunk);
          else response.destroy();
        });
        const done = () =>
          finish({
            status: response.statusCode ?? null,
            body: Buffer.concat(chunks).toString("utf8").slice(0, RESPONSE_EXCERPT_CHARS),
            error: null,
          });
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${input.timeoutMs} ms`)),
      input.timeoutMs,
    );
    request.on("error", (error) => finish({ status: null, body: "", error: error.message }));
    request.end(input.body);
  });
}
