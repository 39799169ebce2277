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
 * Alma's notification (`GET /alma/ipn/:tenantId?pid=…`): the signature (HMAC of the pid) is checked against the tenant's
 * keys, test and live, before anything is looked up; then, in one read of the payment, it must be a
 * payment of a mode whose key signed it, and the notification is only recorded as a durable job
 * and answered, so Alma gets its 200 fast and the work survives a crash. A burst of identical IPNs
 * joins the confirmation job still waiting to run (see `enqueueConfirmation`); the confirmation's
 * compare-and-set makes any extra run harmless. Notifications arriving together are committed
 * together (`ConfirmationBatcher`). Every refusal is logged.
 */
export class IpnIntake {
  readonly #batcher: ConfirmationBatcher;
  readonly #keys: TenantKeyCache;
  readonly #logger: Logger;

  constructor(options: { storage: Storage; activeKeyFor: ActiveKeyFor; logger: Logger }) {
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
    const signed = await this.#keys.verify(tenantId, pid, signature);
    if (signed.status === "unknown_tenant") {
      this.#logger.warn({ tenantId, pid }, "IPN refused: unknown tenant");
      return { status: 404, body: { error: "unknown tenant" } };
    }
    if (signed.status === "bad_signature") {
      this.#logger.warn({ tenantId, pid }, "IPN refused: bad signature");
      return { status: 401, body: { error: "invalid X-Alma-Signature" } };
    }
    const ingested = await this.#batcher.enqueue({ tenantId, pid, signedBy: signed.modes });
    if (ingested === "wrong_mode") {
      this.#logger.warn(
        { tenantId, pid, signedBy: signed.modes },
        "IPN refused: signed for another Alma mode",
      );
      return { status: 401, body: { error: "invalid X-Alma-Signature" } };
    }
    if (ingested === "unknown_payment") {
      // Alma retries non-2xx answers, which covers the moment between creating the payment and saving its id.
      this.#logger.warn({ tenantId, pid }, "IPN for a payment this tenant does not know");
      return { status: 404, body: { error: "unknown payment" } };
    }
    return { status: 200, body: { success: true } };
  }
}
