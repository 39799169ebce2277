import type { z } from "zod";
import {
  deliveriesAnswerSchema,
  deliveriesQuerySchema,
  deliveryReplayAnswerSchema,
  jobListSchema,
  jobRetryAnswerSchema,
  jobsQuerySchema,
  loginLinkSchema,
  outboxAnswerSchema,
  paymentDetailSchema,
  paymentLinkAnswerSchema,
  paymentLinkBodySchema,
  paymentsAnswerSchema,
  paymentsQuerySchema,
  refundAnswerSchema,
  refundBodySchema,
  sessionSchema,
  signInBodySchema,
  tenantHealthSchema,
  tenantsAnswerSchema,
} from "./dashboard-schemas.ts";

/** One route of `/dashboard/api`, as the API document lists it. */
export interface DashboardOperation {
  id: string;
  method: "get" | "post" | "delete";
  /** Under `/dashboard/api`, Express style (`:tenantId`). */
  path: string;
  summary: string;
  /** `public`: no session needed (signing in); `session`: any session; `operator`: the operator's only. */
  auth: "public" | "session" | "operator";
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success answer: its status, and its schema (none for an empty answer). */
  success: { status: number; description: string; schema?: z.ZodType };
  /** The refusals this route answers itself, beyond those every route of its kind can answer. */
  refusals: Record<number, string>;
}

const tenant = "/tenants/:tenantId";

/** Most routes need a session of any kind and refuse nothing beyond what every route refuses. */
const operation = (
  op: Omit<DashboardOperation, "auth" | "refusals"> & Partial<Pick<DashboardOperation, "auth" | "refusals">>,
): DashboardOperation => ({ auth: "session", refusals: {}, ...op });

/** Every route the dashboard API mounts (the router test checks that both lists agree). */
export const DASHBOARD_OPERATIONS: readonly DashboardOperation[] = [
  operation({
    id: "getSession",
    method: "get",
    path: "/session",
    summary: "Who is signed in",
    auth: "public",
    success: { status: 200, description: "The session", schema: sessionSchema },
    refusals: { 401: "not signed in" },
  }),
  operation({
    id: "signIn",
    method: "post",
    path: "/session",
    summary: "The operator signs in with the admin token",
    auth: "public",
    body: signInBodySchema,
    success: { status: 200, description: "Signed in; the session cookie is set", schema: sessionSchema },
    refusals: { 401: "wrong admin token" },
  }),
  operation({
    id: "signOut",
    method: "delete",
    path: "/session",
    summary: "Sign out",
    auth: "public",
    success: { status: 204, description: "Signed out; the session cookie is cleared" },
  }),
  operation({
    id: "listTenants",
    method: "get",
    path: "/tenants",
    summary: "The tenants this session may see (a merchant: its own)",
    success: { status: 200, description: "The tenants", schema: tenantsAnswerSchema },
  }),
  operation({
    id: "getTenantHealth",
    method: "get",
    path: `${tenant}/health`,
    summary: "The tenant's Alma key, platform connection, last notification and jobs needing attention",
    success: { status: 200, description: "The health checks", schema: tenantHealthSchema },
  }),
  operation({
    id: "createLoginLink",
    method: "post",
    path: `${tenant}/login-links`,
    summary: "A single-use login link for the tenant's merchant",
    auth: "operator",
    success: { status: 201, description: "The link", schema: loginLinkSchema },
    refusals: { 403: "only the operator makes login links", 409: "this tenant is uninstalled" },
  }),
  operation({
    id: "listPayments",
    method: "get",
    path: `${tenant}/payments`,
    summary: "The tenant's payments, newest first, a page at a time",
    query: paymentsQuerySchema,
    success: { status: 200, description: "One page of payments", schema: paymentsAnswerSchema },
  }),
  operation({
    id: "getPayment",
    method: "get",
    path: `${tenant}/payments/:paymentId`,
    summary: "One payment: its schedule at Alma, refunds and timeline",
    success: { status: 200, description: "The payment", schema: paymentDetailSchema },
  }),
  operation({
    id: "refundPayment",
    method: "post",
    path: `${tenant}/payments/:paymentId/refunds`,
    summary: "Refund all or part of a payment; a durable job asks Alma, then tells the platform",
    body: refundBodySchema,
    success: { status: 202, description: "The refund, recorded and queued", schema: refundAnswerSchema },
    refusals: {
      409: "the payment cannot be refunded here (its state, or refunds start on the platform)",
      422: "more than can still be refunded",
    },
  }),
  operation({
    id: "listJobs",
    method: "get",
    path: `${tenant}/jobs`,
    summary: "The tenant's jobs and their counts by state",
    query: jobsQuerySchema,
    success: { status: 200, description: "The jobs", schema: jobListSchema },
  }),
  operation({
    id: "retryJob",
    method: "post",
    path: `${tenant}/jobs/:jobId/retry`,
    summary: "Run a failed or dead job again now, with a fresh attempt budget",
    success: { status: 200, description: "The job, pending again", schema: jobRetryAnswerSchema },
  }),
  operation({
    id: "listDeliveries",
    method: "get",
    path: `${tenant}/deliveries`,
    summary: "The tenant's webhook deliveries (for platforms whose plugin sends webhooks)",
    query: deliveriesQuerySchema,
    success: { status: 200, description: "The deliveries", schema: deliveriesAnswerSchema },
  }),
  operation({
    id: "replayDelivery",
    method: "post",
    path: `${tenant}/deliveries/:deliveryId/replay`,
    summary: "Send a delivery's message again to its endpoint",
    success: { status: 202, description: "The new delivery", schema: deliveryReplayAnswerSchema },
  }),
  operation({
    id: "createPaymentLink",
    method: "post",
    path: `${tenant}/payment-links`,
    summary: "A payment link for an in-store or phone sale, sent to the customer by SMS or e-mail",
    body: paymentLinkBodySchema,
    success: { status: 201, description: "The payment and its link", schema: paymentLinkAnswerSchema },
    refusals: {
      409: "the tenant is uninstalled, has no Alma key, or the reference is taken",
      422: "Alma refused the payment",
    },
  }),
  operation({
    id: "listOutbox",
    method: "get",
    path: `${tenant}/outbox`,
    summary: "The messages sent (or kept to copy) on the tenant's behalf",
    success: { status: 200, description: "The messages", schema: outboxAnswerSchema },
  }),
];
