// A fake of our own dashboard API (apps/server/src/dashboard), not of a third party. Its
// reference is the API's own schemas, core/src/dashboard-api (`@alma-suite/core/dashboard-api`),
// which the server's routes parse with: the fake checks the bodies pages send against the same
// schemas and refuses a wrong one with 400 and the field, as the server does. The admin app's
// tests that need the real server's answers run against it in apps/server/test/browser.
import { paymentLinkBodySchema, refundBodySchema } from "@alma-suite/core/dashboard-api";
import type { Answer, DashboardApi } from "../dashboard-api.ts";
import type {
  DeliveryRow,
  JobRow,
  OutboxMessage,
  PaymentDetail,
  PaymentRow,
  Session,
  TenantRow,
} from "../dashboard-types.ts";

const T0 = Date.UTC(2026, 10, 20, 9, 30);

export interface FakeData {
  tenants: TenantRow[];
  payments: Map<string, PaymentDetail>;
  jobs: JobRow[];
  deliveries: DeliveryRow[];
  outbox: OutboxMessage[];
}

/** A paid 3-instalment payment of €450.00: one instalment paid, two pending. */
export function paidPayment(overrides: Partial<PaymentRow> = {}): PaymentDetail {
  const day = 86_400_000;
  return {
    payment: {
      id: "pay_1",
      platformOrderRef: "PS-2026-000451",
      almaPaymentId: "payment_11xY",
      amountCents: 45000,
      refundedCents: 0,
      currency: "EUR",
      state: "paid",
      planKey: "general_3_0_0",
      installmentsCount: 3,
      channel: "online",
      createdAt: T0,
      updatedAt: T0,
      almaMode: "test",
      nextCheckAt: null,
      checkAttempts: 0,
      platformOrderUrl: "https://shop.example/admin/orders/451",
      refundElsewhere: null,
      ...overrides,
    },
    schedule: [0, 30, 60].map((offset, i) => ({
      dueDate: T0 + offset * day,
      amountCents: 15000,
      customerFeeCents: 0,
      totalCents: 15000,
      state: i === 0 ? "paid" : "pending",
      paidAt: i === 0 ? T0 : null,
    })),
    scheduleError: null,
    refunds: [],
    refundableCents: 45000 - (overrides.refundedCents ?? 0),
    timeline: [
      {
        at: T0,
        kind: "event",
        type: "payment.paid",
        detail: "Alma confirmed the first instalment",
        data: {},
      },
    ],
  };
}

/**
 * An in-memory /dashboard/api with the contract's rules (docs/dashboard.md): sessions, tenant
 * scoping, refunds capped at what is refundable. Pages are tested against it; `calls` records
 * what they sent.
 */
export function fakeDashboardApi(options: {
  session?: Session | null;
  adminToken?: string;
  data?: Partial<FakeData>;
}) {
  let session = options.session ?? null;
  const data: FakeData = {
    tenants: options.data?.tenants ?? [
      {
        id: "t_bridge",
        platform: "bridge",
        externalId: "boutique-lyon",
        name: "Boutique Lyon",
        almaMode: "test",
        status: "active",
        createdAt: T0,
      },
      {
        id: "t_shop",
        platform: "shopify",
        externalId: "a.myshopify.com",
        name: "Shop A",
        almaMode: "test",
        status: "active",
        createdAt: T0,
      },
    ],
    payments: options.data?.payments ?? new Map([["pay_1", paidPayment()]]),
    jobs: options.data?.jobs ?? [],
    deliveries: options.data?.deliveries ?? [],
    outbox: options.data?.outbox ?? [],
  };
  const calls: { method: keyof DashboardApi; args: unknown[] }[] = [];
  const ok = <T>(value: T): Answer<T> => ({ ok: true, value });
  const fail = <T>(
    status: number,
    error: string,
    extra: { refundableCents?: number; field?: string } = {},
  ): Answer<T> => ({
    ok: false,
    status,
    error,
    ...extra,
  });
  const sees = (tenantId: string) =>
    session !== null &&
    (session.role === "operator" || session.tenantId === tenantId) &&
    data.tenants.some((t) => t.id === tenantId);
  const guard = <T>(tenantId: string, run: () => Answer<T>): Promise<Answer<T>> =>
    Promise.resolve(
      session === null ? fail(401, "Sign in to continue.") : sees(tenantId) ? run() : fail(404, "Not found."),
    );
  const record = (method: keyof DashboardApi, ...args: unknown[]) => calls.push({ method, args });

  const api: DashboardApi = {
    session: async () => (session ? ok(session) : fail(401, "Sign in to continue.")),
    signIn: async (token) => {
      record("signIn", token);
      if (token !== (options.adminToken ?? "admin-token")) return fail(401, "Wrong token.");
      session = { role: "operator", tenantId: null };
      return ok(session);
    },
    signOut: async () => {
      record("signOut");
      session = null;
      return ok({});
    },
    tenants: async () =>
      session === null
        ? fail(401, "Sign in to continue.")
        : ok({ tenants: data.tenants.filter((t) => sees(t.id)) }),
    health: (tenantId) =>
      guard(tenantId, () =>
        ok({
          alma: { ok: true, mode: "test", detail: "Alma answered with the merchant's account" },
          platform: { ok: null, detail: "No platform to call" },
          lastNotificationAt: T0,
          jobs: {
            failed: data.jobs.filter((j) => j.state === "failed").length,
            dead: data.jobs.filter((j) => j.state === "dead").length,
          },
        }),
      ),
    payments: (tenantId, query) =>
      guard(tenantId, () => {
        record("payments", tenantId, query);
        const rows = [...data.payments.values()]
          .map((d) => d.payment)
          .filter((p) => !query.states?.length || query.states.includes(p.state))
          .filter((p) => !query.q || p.platformOrderRef.includes(query.q));
        // The cursor is the position of the next row: enough to page like the server's keyset.
        const start = Number(query.cursor ?? 0);
        const end = start + (query.limit ?? 50);
        return ok({ payments: rows.slice(start, end), nextCursor: end < rows.length ? String(end) : null });
      }),
    payment: (tenantId, paymentId) =>
      guard(tenantId, () => {
        const detail = data.payments.get(paymentId);
        return detail ? ok(structuredClone(detail)) : fail(404, "Not found.");
      }),
    refund: (tenantId, paymentId, input) =>
      guard(tenantId, () => {
        record("refund", tenantId, paymentId, input);
        const body = refundBodySchema.safeParse(input);
        if (!body.success)
          return fail(400, "invalid refund", {
            field: String(body.error.issues[0]?.path[0] ?? "amountCents"),
          });
        const detail = data.payments.get(paymentId);
        if (!detail) return fail(404, "Not found.");
        const amount = input.amountCents ?? detail.refundableCents;
        if (amount > detail.refundableCents)
          return fail(422, "More than what is refundable.", { refundableCents: detail.refundableCents });
        const refund = {
          id: `rf_${detail.refunds.length + 1}`,
          amountCents: amount,
          state: "pending" as const,
          // As the server records a dashboard refund (core's requestDashboardRefund): made at
          // Alma, outside the platform, under a reference naming the payment and the request.
          origin: "alma" as const,
          platformRefundRef: `dashboard:${paymentId}:${input.idempotencyKey}`,
          createdAt: T0,
        };
        detail.refunds.push(refund);
        detail.refundableCents -= amount;
        detail.payment.refundedCents += amount;
        return ok({ refund });
      }),
    jobs: (tenantId, state) =>
      guard(tenantId, () => {
        const counts = { pending: 0, running: 0, failed: 0, done: 0, dead: 0 };
        for (const job of data.jobs) counts[job.state]++;
        return ok({ counts, jobs: data.jobs.filter((j) => !state || j.state === state) });
      }),
    retryJob: (tenantId, jobId) =>
      guard(tenantId, () => {
        record("retryJob", tenantId, jobId);
        const job = data.jobs.find((j) => j.id === jobId && (j.state === "failed" || j.state === "dead"));
        if (!job) return fail(404, "Not found.");
        job.state = "pending";
        return ok({ job });
      }),
    deliveries: (tenantId) =>
      guard(tenantId, () =>
        ok({
          supported: data.tenants.find((t) => t.id === tenantId)?.platform === "bridge",
          deliveries: data.deliveries,
        }),
      ),
    replayDelivery: (tenantId, deliveryId) =>
      guard(tenantId, () => {
        record("replayDelivery", tenantId, deliveryId);
        const delivery = data.deliveries.find((d) => d.id === deliveryId);
        return delivery ? ok({ delivery: { ...delivery, status: "pending" } }) : fail(404, "Not found.");
      }),
    createPaymentLink: (tenantId, input) =>
      guard(tenantId, () => {
        record("createPaymentLink", tenantId, input);
        const body = paymentLinkBodySchema.safeParse(input);
        if (!body.success) {
          const issue = body.error.issues[0];
          return fail(400, issue?.message ?? "invalid payment link", {
            field: issue?.path.join(".") || "customer",
          });
        }
        const detail = paidPayment({
          id: `pay_${data.payments.size + 1}`,
          platformOrderRef: input.reference,
          amountCents: input.amountCents,
          state: "pending",
          channel: "pos",
          platformOrderUrl: null,
        });
        data.payments.set(detail.payment.id, detail);
        const to = input.customer.phone ? "+33 6** ** ** 78" : "c***@example.com";
        return ok({
          payment: detail.payment,
          url: "https://checkout.example/p/1",
          sent: { channel: input.customer.phone ? "sms" : "email", to },
        });
      }),
    outbox: (tenantId) => guard(tenantId, () => ok({ messages: data.outbox })),
    createLoginLink: (tenantId) =>
      guard(tenantId, () =>
        session?.role === "operator"
          ? ok({ url: "http://localhost/dashboard/login/x", expiresAt: T0 })
          : fail(403, "Operators only."),
      ),
  };
  return { api, calls, data };
}
