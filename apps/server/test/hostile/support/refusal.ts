import { request as httpRequest } from "node:http";
import { expect } from "vitest";

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  retryAfter: string | null;
}

/** Sends a request and reads the whole answer; a network error (the server crashed) fails the test. */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: "manual", ...init });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text: await response.text(),
    retryAfter: response.headers.get("retry-after"),
  };
}

/**
 * What a client with a bad request must get: one of the expected 4xx, as JSON (or problem+json)
 * carrying a human sentence, never a 5xx nor an empty or HTML page.
 */
export function expectRefusal(answer: Answer, allowed: readonly number[], context = ""): void {
  const where = `${context} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(allowed, where).toContain(answer.status);
  expect(answer.contentType, where).toMatch(/^application\/(problem\+)?json/);
  const body = JSON.parse(answer.text) as { error?: unknown; detail?: unknown };
  const message = body.error ?? body.detail;
  expect(typeof message, where).toBe("string");
  expect(String(message).length, where).toBeGreaterThan(3);
}

/** The process still answers after the storm. */
export async function expectAlive(baseUrl: string): Promise<void> {
  const health = await fetch(`${baseUrl}/healthz`);
  expect(health.status).toBe(200);
}

/** A request as a raw client sends it (fetch will not put a body on a GET). */
export function rawRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const length =
      options.body === undefined ? {} : { "content-length": String(Buffer.byteLength(options.body)) };
    const headers = { ...length, ...options.headers };
    const request = httpRequest(url, { method: options.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers["content-type"] ?? ""),
          text: Buffer.concat(chunks).toString("utf8"),
          retryAfter: response.headers["retry-after"] ?? null,
        }),
      );
    });
    request.on("error", reject);
    request.end(options.body);
  });
}
