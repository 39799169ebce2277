import { pageSentence } from "../i18n/page-sentence.ts";
import type {
  DeliveryRow,
  JobList,
  JobRow,
  OutboxMessage,
  PaymentDetail,
  PaymentLinkInput,
  PaymentLinkResult,
  PaymentRow,
  RefundRow,
  Session,
  TenantHealth,
  TenantRow,
} from "./dashboard-types.ts";

/** A refusal is a value the page shows; `field` and `refundableCents` come from the server's body. */
export type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; error: string; field?: string; refundableCents?: number };

export interface PaymentQuery {
  states?: readonly string[];
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** What the pages need from /dashboard/api (docs/dashboard.md); a fake stands in for it in tests. */
export interface DashboardApi {
  session(): Promise<Answer<Session>>;
  signIn(token: string): Promise<Answer<Session>>;
  signOut(): Promise<Answer<unknown>>;
  tenants(): Promise<Answer<{ tenants: TenantRow[] }>>;
  health(tenantId: string): Promise<Answer<TenantHealth>>;
  payments(
    tenantId: string,
    query: PaymentQuery,
  ): Promise<Answer<{ payments: PaymentRow[]; nextCursor: string | null }>>;
  payment(tenantId: string, paymentId: string): Promise<Answer<PaymentDetail>>;
  refund(
    tenantId: string,
    paymentId: string,
    input: { amountCents?: number; idempotencyKey: string },
  ): Promise<Answer<{ refund: RefundRow }>>;
  jobs(tenantId: string, state?: string): Promise<Answer<JobList>>;
  retryJob(tenantId: string, jobId: string): Promise<Answer<{ job: JobRow }>>;
  deliveries(
    tenantId: string,
    status?: string,
  ): Promise<Answer<{ supported: boolean; deliveries: DeliveryRow[] }>>;
  replayDelivery(tenantId: string, deliveryId: string): Promise<Answer<{ delivery: DeliveryRow }>>;
  createPaymentLink(tenantId: string, input: PaymentLinkInput): Promise<Answer<PaymentLinkResult>>;
  outbox(tenantId: string): Promise<Answer<{ messages: OutboxMessage[] }>>;
  createLoginLink(tenantId: string): Promise<Answer<{ url: string; expiresAt: number }>>;
}

export interface HttpDashboardApiOptions {
  /** The API's URL; relative to the page, which the server serves at /dashboard/. */
  base?: string;
  fetchImpl?: typeof fetch;
  /** Called on every 401 (no session, or it expired): the app goes back to its login page. */
  onUnauthorized?: () => void;
}

/** The dashboard API over HTTP, authenticated by the session cookie. */
export function httpDashboardApi(options: HttpDashboardApiOptions = {}): DashboardApi {
  const base = options.base ?? "./api";
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          // The server refuses changes without it (a cross-site form cannot set it).
          "X-Requested-With": "alma-dashboard",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return {
        ok: false,
        status: 0,
        error: pageSentence("serverErrors.unreachable"),
      };
    }
    const data: unknown = await response.json().catch(() => ({}));
    if (response.ok) return { ok: true, value: data as T };
    if (response.status === 401) options.onUnauthorized?.();
    const fields = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
    return {
      ok: false,
      status: response.status,
      error: typeof fields.error === "string" ? fields.error : `Request failed (${response.status})`,
      ...(typeof fields.field === "string" ? { field: fields.field } : {}),
      ...(typeof fields.refundableCents === "number" ? { refundableCents: fields.refundableCents } : {}),
    };
  }

  const t = (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}`;
  const id = encodeURIComponent;
  return {
    session: () => call("GET", "/session"),
    signIn: (token) => call("POST", "/session", { token }),
    signOut: () => call("DELETE", "/session"),
    tenants: () => call("GET", "/tenants"),
    health: (tenantId) => call("GET", `${t(tenantId)}/health`),
    payments: (tenantId, query) => call("GET", `${t(tenantId)}/payments${paymentSearch(query)}`),
    payment: (tenantId, paymentId) => call("GET", `${t(tenantId)}/payments/${id(paymentId)}`),
    refund: (tenantId, paymentId, input) =>
      call("POST", `${t(tenantId)}/payments/${id(paymentId)}/refunds`, input),
    jobs: (tenantId, state) => call("GET", `${t(tenantId)}/jobs${state ? `?state=${id(state)}` : ""}`),
    retryJob: (tenantId, jobId) => call("POST", `${t(tenantId)}/jobs/${id(jobId)}/retry`, {}),
    deliveries: (tenantId, status) =>
      call("GET", `${t(tenantId)}/deliveries${status ? `?status=${id(status)}` : ""}`),
    replayDelivery: (tenantId, deliveryId) =>
      call("POST", `${t(tenantId)}/deliveries/${id(deliveryId)}/replay`, {}),
    createPaymentLink: (tenantId, input) => call("POST", `${t(tenantId)}/payment-links`, input),
    outbox: (tenantId) => call("GET", `${t(tenantId)}/outbox`),
    createLoginLink: (tenantId) => call("POST", `${t(tenantId)}/login-links`, {}),
  };
}

function paymentSearch(query: PaymentQuery): string {
  const params = new URLSearchParams();
  if (query.states && query.states.length > 0) params.set("state", query.states.join(","));
  if (query.q) params.set("q", query.q);
  params.set("limit", String(query.limit ?? 50));
  if (query.cursor) params.set("cursor", query.cursor);
  return `?${params.toString()}`;
}
