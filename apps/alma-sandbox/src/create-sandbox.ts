import express, { type Router } from "express";
import { adminRoutes } from "./admin/admin-routes.ts";
import { authenticate } from "./auth/authenticate.ts";
import { checkoutRoutes } from "./checkout/checkout-routes.ts";
import { clockRoutes } from "./clock/clock-routes.ts";
import { SandboxClock } from "./clock/sandbox-clock.ts";
import { eligibilityRoutes } from "./eligibility/eligibility-routes.ts";
import { eligibilityCors } from "./http/eligibility-cors.ts";
import { jsonErrorHandler, notFoundRoute } from "./http/json-fallbacks.ts";
import { sandboxIndex } from "./http/sandbox-index.ts";
import { IpnOutbox } from "./ipn/ipn-outbox.ts";
import { runDueEvents } from "./lifecycle/run-due-events.ts";
import { DEFAULT_LIMITS } from "./merchants/demo-fee-plans.ts";
import type { AmountLimits } from "./merchants/fee-plan.ts";
import { merchantRoutes } from "./merchants/merchant-routes.ts";
import { orderRoutes } from "./orders/order-routes.ts";
import { PaymentRepository } from "./payments/payment-repository.ts";
import { paymentRoutes } from "./payments/payment-routes.ts";
import type { SandboxContext } from "./sandbox-context.ts";
import { SandboxStore } from "./store/sandbox-store.ts";

export interface SandboxOptions {
  /** Origin customers reach the sandbox at; hosted pages are `<publicUrl>/alma-sandbox/checkout/<id>`. */
  publicUrl?: string;
  /** SQLite file to keep state across restarts; in memory when absent. */
  storeFile?: string;
  /** Purchase amount window of every plan, in cents (default 5000–200000). */
  limits?: AmountLimits;
  /** Real-time waits between IPN attempts; one retry per entry. */
  ipnRetry?: { delaysMs: number[] };
  /** Real-time wait before the first IPN attempt (Alma waits about 60 s; default 0). */
  ipnDelayMs?: number;
  /** Used to deliver IPNs (default: global fetch). */
  fetch?: typeof fetch;
  /** Sandbox start time (then runs with real time), or a function giving the base time. */
  now?: Date | (() => Date);
}

export interface Sandbox {
  /** Mount at `/alma-sandbox`: the API (`/v1`, `/v2`), hosted pages, `/_clock` and `/_admin`. */
  router: Router;
  store: SandboxStore;
  clock: SandboxClock;
  ipnOutbox: IpnOutbox;
  close(): Promise<void>;
}

export const DEFAULT_IPN_DELAYS_MS = [1000, 5000, 30_000, 120_000, 600_000];

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const store = new SandboxStore(options.storeFile);
  const saved = store.settings.get("clock") as { offsetMs?: number } | undefined;
  const clock = new SandboxClock({
    now: options.now,
    offsetMs: saved?.offsetMs ?? 0,
    onChange: (offsetMs) => store.settings.put("clock", { offsetMs }),
  });
  const ipnOutbox = new IpnOutbox({
    table: store.ipns,
    delaysMs: options.ipnRetry?.delaysMs ?? DEFAULT_IPN_DELAYS_MS,
    initialDelayMs: options.ipnDelayMs ?? 0,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    apiKeyFor: (merchantId) => store.merchants.get(merchantId)?.apiKey,
    nowSeconds: () => clock.nowSeconds(),
  });
  const ctx: SandboxContext = {
    store,
    clock,
    ipnOutbox,
    payments: new PaymentRepository(store.payments, clock),
    limits: options.limits ?? DEFAULT_LIMITS,
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
  };
  ipnOutbox.resume();

  const router = express.Router();
  router.use(eligibilityCors()); // before auth: a preflight carries no Authorization
  router.use(express.json({ limit: "1mb" }));
  router.use((_req, _res, next) => {
    runDueEvents(ctx);
    next();
  });
  router.use(["/v1", "/v2"], authenticate(ctx, { merchantIdAllowedOn: /^\/payments\/eligibility\/?$/ }));
  // Eligibility first: `POST /v1/payments/eligibility` must not be taken for an edit of payment "eligibility".
  router.use(eligibilityRoutes(ctx));
  router.use(merchantRoutes(ctx));
  router.use(orderRoutes(ctx));
  router.use(paymentRoutes(ctx));
  router.use(checkoutRoutes(ctx));
  router.use(clockRoutes(ctx));
  router.use(adminRoutes(ctx));
  router.get("/", sandboxIndex);
  router.use(notFoundRoute);
  router.use(jsonErrorHandler);

  return {
    router,
    store,
    clock,
    ipnOutbox,
    async close() {
      await ipnOutbox.close();
      store.close();
    },
  };
}
