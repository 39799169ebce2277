import { setTimeout as delay } from "node:timers/promises";
import type { z } from "zod";
import { deadline } from "../http/deadline.ts";
import { type HttpAnswer, type HttpExchange, httpExchange } from "../http/http-exchange.ts";
import { type AlmaMode, almaBaseUrls, modeFromApiKey } from "./api-key.ts";
import { backoffDelayMs, parseRetryAfterMs } from "./backoff.ts";
import { checkSchema } from "./check-schema.ts";
import { connectionErrorFrom } from "./connection-error.ts";
import { errorFromResponse } from "./error-from-response.ts";
import {
  AlmaApiError,
  AlmaConfigurationError,
  AlmaConnectionError,
  AlmaError,
  AlmaInvalidResponseError,
  AlmaRateLimitError,
} from "./errors.ts";
import { buildUserAgent, type PlatformInfo } from "./user-agent.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface AlmaRequest<T> {
  method: HttpMethod;
  /** Starts with the API version, e.g. `/v1/payments`; path parameters already encoded. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Validates a 2xx body. Use `z.unknown()` for answers Alma's own clients ignore. */
  schema: z.ZodType<T>;
  /** Prefix of field paths in AlmaInvalidResponseError messages, e.g. `payment`. */
  label: string;
  /** Safe to resend as is. Defaults to true for GET, PUT and DELETE, false for POST. */
  idempotent?: boolean;
  /**
   * For a non-idempotent request whose outcome is unknown (timeout, reset, 5xx): looks at Alma's
   * state and returns the result if the first attempt took effect, or undefined if it did not
   * (then the request is sent again). Without it such a request is never resent.
   */
  recover?: (failure: AlmaError) => Promise<T | undefined>;
}

/** One HTTP exchange with Alma, as `RequestSenderOptions.onExchange` reports it. */
export interface AlmaExchange {
  method: HttpMethod;
  /** The path with ids replaced by `:id` (`/v1/payments/:id/refund`), fit for a metric label. */
  route: string;
  /** Alma's HTTP status; undefined when no answer came (timeout, reset, refused). */
  status: number | undefined;
  /** From sending the request to having read the whole answer: the time spent waiting on Alma. */
  ms: number;
}

export interface RequestSenderOptions {
  apiKey: string;
  /** Overrides the URL implied by the key (a local Alma sandbox, a recording proxy). */
  baseUrl?: string;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /**
   * Whole-call budget: attempts, backoff and recovery together. A customer waiting on a page (or a
   * platform with its own short timeout) needs an answer in seconds, not 30 s × retries; when the
   * budget is spent the last failure is thrown. Unset = no budget beyond the per-attempt timeout.
   */
  totalTimeoutMs?: number;
  maxRetries?: number;
  platform?: PlatformInfo;
  /** How one HTTP exchange is made: node:http by default (`httpExchange`); tests pass fakes, or `fetch`. */
  exchange?: HttpExchange;
  sleep?: (ms: number) => Promise<void>;
  /** Source of backoff jitter, injectable so tests can pin delays. */
  random?: () => number;
  /** Told of every attempt once it ends (metrics, and the Server-Timing of the request that made it). */
  onExchange?: (exchange: AlmaExchange) => void;
}

type Verdict = "retry" | "ambiguous" | "final";

/**
 * The only code that performs HTTP calls to Alma: auth, base URL, timeouts, retries and error
 * mapping live here so that resources only describe endpoints.
 */
export class RequestSender {
  readonly mode: AlmaMode;
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;
  readonly #totalTimeoutMs: number | undefined;
  readonly #maxRetries: number;
  readonly #exchange: HttpExchange;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #onExchange: ((exchange: AlmaExchange) => void) | undefined;

  constructor(options: RequestSenderOptions) {
    this.mode = modeFromApiKey(options.apiKey);
    this.baseUrl = normaliseBaseUrl(options.baseUrl ?? almaBaseUrls[this.mode]);
    this.userAgent = buildUserAgent(options.platform);
    this.#apiKey = options.apiKey;
    this.#timeoutMs = positiveInteger("timeoutMs", options.timeoutMs ?? 30_000);
    this.#totalTimeoutMs =
      options.totalTimeoutMs === undefined
        ? undefined
        : positiveInteger("totalTimeoutMs", options.totalTimeoutMs);
    this.#maxRetries = positiveInteger("maxRetries", options.maxRetries ?? 3, 0);
    this.#exchange = options.exchange ?? httpExchange;
    this.#sleep = options.sleep ?? ((ms) => delay(ms));
    this.#random = options.random ?? Math.random;
    this.#onExchange = options.onExchange;
  }

  async send<T>(request: AlmaRequest<T>): Promise<T> {
    const idempotent = request.idempotent ?? request.method !== "POST";
    const deadline = this.#totalTimeoutMs === undefined ? Infinity : Date.now() + this.#totalTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#attempt(request, Math.min(this.#timeoutMs, deadline - Date.now()));
      } catch (error) {
        const verdict = verdictFor(error, idempotent);
        if (verdict === "final" || !(error instanceof AlmaError)) throw error;
        const retriesLeft = attempt < this.#maxRetries;
        const wait = this.#delayFor(error, attempt);
        // No time left to wait and try again: the caller gets this failure now, within its budget.
        const inBudget = Date.now() + wait < deadline;
        if (verdict === "ambiguous") {
          if (!request.recover || !inBudget) throw error;
          // Wait first: Alma may still be committing the first attempt when we look.
          await this.#sleep(wait);
          const recovered = await recoverOrThrow(request.recover, error);
          if (recovered !== undefined) return recovered;
          if (!retriesLeft || Date.now() >= deadline) throw error;
          continue;
        }
        if (!retriesLeft || !inBudget) throw error;
        await this.#sleep(wait);
      }
    }
  }

  async #attempt<T>(request: AlmaRequest<T>, timeoutMs: number): Promise<T> {
    const what = `${request.method} ${request.path}`;
    const budgetMs = Math.max(1, Math.ceil(timeoutMs));
    let response: HttpAnswer | undefined;
    let text: string;
    const timeout = deadline(budgetMs);
    const url = this.#urlFor(request);
    const started = performance.now();
    try {
      response = await this.#exchange(url, {
        method: request.method,
        headers: this.#headersFor(request),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: timeout.signal,
      });
      text = await response.text();
    } catch (error) {
      throw connectionErrorFrom(error, what, budgetMs);
    } finally {
      timeout.clear();
      this.#onExchange?.({
        method: request.method,
        route: almaRoute(request.path),
        status: response?.status,
        ms: performance.now() - started,
      });
    }
    const requestId = response.headers.get("x-request-id") ?? response.headers.get("request-id") ?? undefined;
    const body = parseBody(text);
    if (response.status < 200 || response.status > 299) {
      const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"));
      throw errorFromResponse(response.status, body, requestId, retryAfterMs);
    }
    const checked = checkSchema(request.schema, body, request.label);
    if (checked.ok) return checked.value;
    throw new AlmaInvalidResponseError(`Unexpected response to ${what}: ${checked.message}`, {
      status: response.status,
      requestId,
      body,
      issues: checked.issues,
    });
  }

  #urlFor(request: AlmaRequest<unknown>): string {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query.set(key, value);
    }
    const search = query.size > 0 ? `?${query}` : "";
    return `${this.baseUrl}${request.path}${search}`;
  }

  #headersFor(request: AlmaRequest<unknown>): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: `Alma-Auth ${this.#apiKey}`,
      Accept: "application/json",
      "User-Agent": this.userAgent,
    };
    if (request.body !== undefined) headers["Content-Type"] = "application/json";
    // A body-less POST/PUT without a length is answered 411 by some proxies (Alma's PHP client notes it).
    else if (request.method === "POST" || request.method === "PUT") headers["Content-Length"] = "0";
    return headers;
  }

  #delayFor(error: AlmaError, attempt: number): number {
    const retryAfterMs =
      error instanceof AlmaRateLimitError || error instanceof AlmaApiError ? error.retryAfterMs : undefined;
    return retryAfterMs ?? backoffDelayMs(attempt, this.#random);
  }
}

/**
 * `/v1/payments/payment_11abc/refund` → `/v1/payments/:id/refund`. Alma's own path words are
 * lowercase letters and hyphens (`send-sms`, `fee-plans`); any other segment is an id, so a metric
 * labelled with the route stays bounded whatever ids go through it.
 */
export function almaRoute(path: string): string {
  return path
    .split("/")
    .map((segment) => (/^(v\d+|[a-z-]*)$/.test(segment) ? segment : ":id"))
    .join("/");
}

/**
 * retry: safe to resend. ambiguous: the request may have taken effect and is not idempotent.
 * A 429 counts as never processed: a rate limiter answers before the request is handled.
 */
function verdictFor(error: unknown, idempotent: boolean): Verdict {
  if (error instanceof AlmaConnectionError) {
    if (!error.mayHaveReachedAlma) return "retry";
    return idempotent ? "retry" : "ambiguous";
  }
  if (error instanceof AlmaRateLimitError) return "retry";
  if (error instanceof AlmaApiError && error.status !== undefined && error.status >= 500) {
    return idempotent ? "retry" : "ambiguous";
  }
  return "final";
}

// If the check itself fails we still do not know whether the first attempt took effect; the
// original failure is what the caller must handle (typically by retrying the whole job later).
async function recoverOrThrow<T>(
  recover: (failure: AlmaError) => Promise<T | undefined>,
  failure: AlmaError,
): Promise<T | undefined> {
  try {
    return await recover(failure);
  } catch {
    throw failure;
  }
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AlmaConfigurationError(`Alma baseUrl is not a URL: ${raw}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AlmaConfigurationError(`Alma baseUrl must be http(s): ${raw}`);
  }
  // Keep any path prefix (a local sandbox serves under /alma-sandbox); drop the trailing slash.
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function positiveInteger(name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new AlmaConfigurationError(`Alma ${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}
