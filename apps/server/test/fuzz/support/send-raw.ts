import { request } from "node:http";

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  /** The request got no answer within the time limit, or the connection broke. */
  failure?: string;
}

/**
 * Sends a request exactly as written (no URL normalisation, so `..` and `%2e%2e` reach the
 * server as a hostile client sends them), with a body on any method, and a time limit.
 */
export function sendRaw(
  baseUrl: string,
  input: { method: string; path: string; headers: Record<string, string>; body?: string },
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const body = input.body === undefined ? undefined : Buffer.from(input.body, "utf8");
    const headers = { ...input.headers, ...(body ? { "content-length": String(body.length) } : {}) };
    const req = request(
      { host: url.hostname, port: url.port, method: input.method, path: input.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", (error) => resolve({ status: 0, contentType: "", text: "", failure: error.message }));
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status: 0, contentType: "", text: "", failure: `no answer within ${timeoutMs} ms` });
    });
    req.on("error", (error) => resolve({ status: 0, contentType: "", text: "", failure: error.message }));
    req.end(body);
  });
}
