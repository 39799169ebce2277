import { type SandboxServer, type SandboxServerOptions, startSandboxServer } from "../src/index.ts";

export const KEY = "sk_test_harness0001";
export const OTHER_KEY = "sk_test_harness0002";

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  body: any;
  headers: Headers;
}

export interface Harness {
  server: SandboxServer;
  url: string;
  /** Calls the sandbox API; `key: null` sends no Authorization header. */
  api(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; auth?: string },
  ): Promise<ApiResponse>;
  createPayment(
    payment: Record<string, unknown>,
    extra?: Record<string, unknown>,
    key?: string,
  ): Promise<ApiResponse>;
  advanceDays(days: number): Promise<void>;
  close(): Promise<void>;
}

/** A sandbox on a free port with tiny IPN delays and the KEY and OTHER_KEY merchants, plus small HTTP helpers. */
export async function startHarness(options: Partial<SandboxServerOptions> = {}): Promise<Harness> {
  const server = await startSandboxServer({
    port: 0,
    ipnRetry: { delaysMs: [20, 20, 20] },
    ...options,
    merchants: [{ testKey: KEY }, { testKey: OTHER_KEY }, ...(options.merchants ?? [])],
  });
  const api: Harness["api"] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { Accept: "application/json" };
    const key = opts.key === undefined ? KEY : opts.key;
    if (opts.auth !== undefined) headers.Authorization = opts.auth;
    else if (key !== null) headers.Authorization = `Alma-Auth ${key}`;
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : typeof opts.body === "string"
            ? opts.body
            : JSON.stringify(opts.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === "" ? undefined : JSON.parse(text),
      headers: response.headers,
    };
  };
  return {
    server,
    url: server.url,
    api,
    createPayment: (payment, extra = {}, key = KEY) =>
      api("POST", "/v1/payments", {
        key,
        body: { payment: { purchase_amount: 45000, ...payment }, ...extra },
      }),
    async advanceDays(days) {
      const response = await api("POST", "/_clock", { body: { days } });
      if (response.status !== 200) throw new Error(`clock: ${response.status}`);
    },
    close: () => server.close(),
  };
}
