import type { Storage } from "@alma-suite/core/storage";
import type { Logger } from "../observability/create-logger.ts";
import { ConfirmationBatcher } from "./confirmation-batcher.ts";
import { type ActiveKeyFor, TenantKeyCache } from "./tenant-key-cache.ts";

const PID = /^payment_[A-Za-z0-9]{1,64}$/;

/** What Alma is answered: 200 once the notification is durably queued, a 4xx saying why not. */
export interface IpnAnswer {
  status: 200 | 400 | 401 | 404;
  body: { success: true } | { error: string };
}

/**
 * Alma's notification (`GET /alma/ipn/:tenantId?pid=…`), whichever door it came in by (the
 * Express route or the fast path): the payment is looked up (one read of an index) for the Alma
 * mode it was made in, and the signature (HMAC of the pid with the tenant's key of that mode; each
 * of its keys for a payment it does not know) is checked before anything else is done; then the
 * notification is only recorded as a durable job
 * and answered, so Alma gets its 200 fast and the work survives a crash. A burst of identical IPNs
 * joins the confirmation job still waiting to run (see `enqueueConfirmation`); the confirmation's
 * compare-and-set makes any extra run harmless. Notifications arriving together are committed
 * together (`ConfirmationBatcher`). Every refusal is logged.
 */
export class IpnIntake {
  readonly #batcher: ConfirmationBatcher;
  readonly #keys: TenantKeyCache;
  readonly #logger: Logger;
  readonly #storage: Storage;

  constructor(options: { storage: Storage; activeKeyFor: ActiveKeyFor; logger: Logger }) {
    this.#storage = options.storage;
    this.#batcher = new ConfirmationBatcher(options.storage);
    this.#keys = new TenantKeyCache({ activeKeyFor: options.activeKeyFor });
    this.#logger = options.logger;
  }

  /** `pid` is whatever the query held (a repeated parameter is an array, and refused). */
  async receive(tenantId: string, pid: unknown, signature: string): Promise<IpnAnswer> {
    if (typeof pid !== "string" || !PID.test(pid)) {
      const shown = typeof pid === "string" ? pid.slice(0, 80) : "";
      this.#logger.warn({ tenantId, pid: shown }, "IPN refused: missing or malformed pid");
      return { status: 400, body: { error: "missing or malformed pid" } };
    }
    const link = await this.#storage.findPaymentModeByAlmaId(tenantId, pid);
    const signed = await this.#keys.verify(tenantId, link?.almaMode ?? null, pid, signature);
    if (signed === "unknown_tenant") {
      this.#logger.warn({ tenantId, pid }, "IPN refused: unknown tenant");
      return { status: 404, body: { error: "unknown tenant" } };
    }
    if (signed === "bad_signature") {
      this.#logger.warn({ tenantId, pid }, "IPN refused: bad signature");
      return { status: 401, body: { error: "invalid X-Alma-Signature" } };
    }
    if (!link) {
      // Alma retries non-2xx answers, which covers the moment between creating the payment and saving its id.
      this.#logger.warn({ tenantId, pid }, "IPN for a payment this tenant does not know");
      return { status: 404, body: { error: "unknown payment" } };
    }
    await this.#batcher.enqueue({ tenantId, pid, paymentLinkId: link.id, almaMode: link.almaMode });
    return { status: 200, body: { success: true } };
  }
}
