import { request } from "node:https";

export interface TlsAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A POST over HTTPS, presenting a client certificate when given one (fetch cannot). */
export function postOverTls(
  url: string,
  input: {
    headers: Record<string, string>;
    body: unknown;
    ca: string;
    client?: { cert: string; key: string };
  },
): Promise<TlsAnswer> {
  const raw = JSON.stringify(input.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(raw),
          ...input.headers,
        },
        ca: input.ca,
        ...(input.client ?? {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: Record<string, unknown>;
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on("error", reject);
    req.end(raw);
  });
}
