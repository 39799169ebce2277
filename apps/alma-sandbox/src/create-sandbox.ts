import express, { type Router } from "express";
import { adminRoutes } from "./admin/admin-routes.ts";
import { merchantAdminRoutes } from "./admin/merchant-admin-routes.ts";
import { authenticate } from "./auth/authenticate.ts";
import { checkoutRoutes } from "./checkout/checkout-routes.ts";
import { clockRoutes } from "./clock/clock-routes.ts";
import { SandboxClock } from "./clock/sandbox-clock.ts";
import { eligibilityRoutes } from "./eligibility/eligibility-routes.ts";
import { eligibilityCors } from "./http/eligibility-cors.ts";
import { exactJsonContentType } from "./http/exact-json.ts";
import { jsonErrorHandler, notFoundRoute } from "./http/json-fallbacks.ts";
import { sandboxIndex } from "./http/sandbox-index.ts";
import { IpnOutbox } from "./ipn/ipn-outbox.ts";
import { runDueEvents } from "./lifecycle/run-due-events.ts";
import type { AwaitingTriggerState } from "./lifecycle/settle-state.ts";
import { businessEventRoutes } from "./merchants/business-event-routes.ts";
import { DEFAULT_LIMITS } from "./merchants/demo-fee-plans.ts";
import type { AmountLimits } from "./merchants/fee-plan.ts";
import { integrationConfigurationRoutes } from "./merchants/integration-configuration-routes.ts";
import { merchantRoutes } from "./merchants/merchant-routes.ts";
import {
  listAccounts,
  type MerchantSpec,
  type ProvisionedAccount,
  provisionMerchant,
} from "./merchants/provision-merchant.ts";
import { merchantOrderRoutes } from "./orders/merchant-order-routes.ts";
import { orderRoutes } from "./orders/order-routes.ts";
import { PaymentRepository } from "./payments/payment-repository.ts";
import { paymentRoutes } from "./payments/payment-routes.ts";
import type { SandboxContext, SandboxNotifications } from "./sandbox-context.ts";
import { shareOfCheckoutRoutes } from "./share-of-checkout/share-of-checkout-routes.ts";
import { SandboxStore } from "./store/sandbox-store.ts";
import { webhookRoutes } from "./webhooks/webhook-routes.ts";

export interface SandboxOptions {
  /** Origin customers reach the sandbox at; hosted pages are `<publicUrl>/alma-sandbox/checkout/<id>`. */
  publicUrl?: string;
  /** SQLite file to keep state across restarts; in memory when absent. */
  storeFile?: string;
  /** Purchase amount window of every plan, in cents (default 5000–200000). */
  limits?: AmountLimits;
  /** Real-time waits between IPN attempts; one retry per entry. */
  ipnRetry?: { delaysMs: number[] };
  /**
   * Real-time wait before the first IPN attempt (Alma waits about 60 s): default 0, or
   * LIKE_ALMA_IPN_DELAY_MS with `notifications: "like_alma"`.
   */
  ipnDelayMs?: number;
  /** Which changes are notified (default `all`; `like_alma`: acceptances only, see SandboxNotifications). */
  notifications?: SandboxNotifications;
  /** What an accepted payment upon trigger reports before its trigger (default `scored_yes`). */
  triggerState?: AwaitingTriggerState;
  /** Used to deliver IPNs (default: global fetch). */
  fetch?: typeof fetch;
  /** Sandbox start time (then runs with real time), or a function giving the base time. */
  now?: Date | (() => Date);
  /**
   * Merchant accounts to open at start (idempotent: an account whose key was already issued is
   * kept, with these settings). Only issued keys are accepted by the API.
   */
  merchants?: MerchantSpec[];
}

export interface Sandbox {
  /** Mount at `/alma-sandbox`: the API (`/v1`, `/v2`), hosted pages, `/_clock` and `/_admin`. */
  router: Router;
  store: SandboxStore;
  clock: SandboxClock;
  ipnOutbox: IpnOutbox;
  /** Opens merchant accounts (a test and a live environment each) and lists them. */
  merchants: {
    provision(spec?: MerchantSpec): ProvisionedAccount;
    list(): ProvisionedAccount[];
  };
  close(): Promise<void>;
}

export const DEFAULT_IPN_DELAYS_MS = [1000, 5000, 30_000, 120_000, 600_000];
/** Alma notifies an acceptance about a minute after the first charge. */
export const LIKE_ALMA_IPN_DELAY_MS = 60_000;

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const store = new SandboxStore(options.storeFile);
  const saved = store.settings.get("clock") as { offsetMs?: number } | undefined;
  const clock = new SandboxClock({
    now: options.now,
    offsetMs: saved?.offsetMs ?? 0,
    onChange: (offsetMs) => store.settings.put("clock", { offsetMs }),
  });
  const notifications = options.notifications ?? "all";
  const ipnOutbox = new IpnOutbox({
    table: store.ipns,
    delaysMs: options.ipnRetry?.delaysMs ?? DEFAULT_IPN_DELAYS_MS,
    initialDelayMs: options.ipnDelayMs ?? (notifications === "like_alma" ? LIKE_ALMA_IPN_DELAY_MS : 0),
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
    notifications,
    triggerState: options.triggerState ?? "scored_yes",
  };
  ipnOutbox.resume();
  for (const spec of options.merchants ?? []) provisionMerchant(ctx, spec);

  const router = express.Router();
  router.use(exactJsonContentType);
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
  router.use(merchantOrderRoutes(ctx));
  router.use(businessEventRoutes(ctx));
  router.use(shareOfCheckoutRoutes(ctx));
  router.use(webhookRoutes(ctx));
  router.use(integrationConfigurationRoutes(ctx));
  router.use(paymentRoutes(ctx));
  router.use(checkoutRoutes(ctx));
  router.use(clockRoutes(ctx));
  router.use(adminRoutes(ctx));
  router.use(merchantAdminRoutes(ctx));
  router.get("/", sandboxIndex);
  router.use(notFoundRoute);
  router.use(jsonErrorHandler);

  return {
    router,
    store,
    clock,
    ipnOutbox,
    merchants: {
      provision: (spec = {}) => provisionMerchant(ctx, spec),
      list: () => listAccounts(store),
    },
    async close() {
      await ipnOutbox.close();
      store.close();
    },
  };
}
