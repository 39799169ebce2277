import { delay } from "./server-process.ts";

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read as plain JSON
  body: any;
}

/** 409s that mean "the same request is still being handled": retry, as their detail says. */
const RETRY_LATER = new Set([
  "/bridge/problems/idempotency-request-in-progress",
  "/bridge/problems/checkout-in-progress",
]);

/**
 * The agency's side of the bridge API, as a careful integrator writes it: the same request (same
 * Idempotency-Key) is sent again while the server is unreachable, answers 5xx/429, or says the
 * first such request is still running. Gives up
 * after `timeoutMs`.
 */
export function agencyClient(baseUrl: () => string, token: () => string) {
  let cut = 0;
  const call = async function call(
    method: string,
    path: string,
    body?: unknown,
    options: { idempotencyKey?: string; timeoutMs?: number } = {},
  ): Promise<Answer> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const answer = await once(baseUrl(), token(), method, path, body, options.idempotencyKey);
      if (answer === undefined) cut++;
      const again =
        answer === undefined ||
        answer.status >= 500 ||
        answer.status === 429 ||
        (answer.status === 409 && RETRY_LATER.has(String(answer.body?.type)));
      if (!again) return answer;
      if (Date.now() > deadline) return answer ?? { status: 0, body: "unreachable" };
      await delay(150);
    }
  };
  /** Requests that got no answer at all: refused while the server was down, or cut by the kill. */
  return Object.assign(call, { cutRequests: () => cut });
}

async function once(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body: unknown,
  idempotencyKey: string | undefined,
): Promise<Answer | undefined> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return undefined; // connection refused or cut: the server is down or was killed mid-request
  }
}
