/** What the bridge answered: its problem+json errors are answers too, for the caller to judge. */
export interface BridgeAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: read through the zod schemas of bridge-schemas.ts
  body: any;
}

export type BridgeCall = (
  token: string,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  options?: { body?: unknown; idempotencyKey?: string },
) => Promise<BridgeAnswer>;

/**
 * The demo shop calls the bridge's public HTTP API (`<base>/bridge/v1…`) exactly as an agency
 * would, rather than importing the plugin: what it shows is what any agency gets.
 */
export function bridgeClient(baseUrl: string, fetchImpl: typeof fetch = fetch): BridgeCall {
  return async (token, method, path, options = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    const response = await fetchImpl(`${baseUrl}/bridge/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** For setup steps, where anything but success is a fault worth stopping on. */
export function expectSuccess(answer: BridgeAnswer, what: string): BridgeAnswer["body"] {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  const detail = answer.body?.detail ?? answer.body?.title ?? "";
  throw new Error(`bridge refused to ${what}: ${answer.status} ${detail}`.trim());
}
