import type { Storage } from "@alma-suite/core/storage";
import express, { Router } from "express";
import type { Logger } from "../observability/create-logger.ts";
import { ConfirmationBatcher } from "./confirmation-batcher.ts";
import { TenantKeyCache } from "./tenant-key-cache.ts";

const PID = /^payment_[A-Za-z0-9]{1,64}$/;

/**
 * `GET /alma/ipn/:tenantId?pid=…`: Alma's notification. The signature (HMAC of the pid with
 * the tenant's key) is checked before anything is looked up; then the notification is only
 * recorded as a durable job and answered, so Alma gets its 200 fast and the work survives a
 * crash. A burst of identical IPNs joins the confirmation job still waiting to run (see
 * `enqueueConfirmation`); the confirmation's compare-and-set makes any extra run harmless.
 * Notifications arriving together are committed together (`ConfirmationBatcher`).
 */
export function ipnRoute(options: {
  storage: Storage;
  activeKeyFor: (tenantId: string) => Promise<string | undefined>;
  logger: Logger;
}): Router {
  const router = Router();
  const batcher = new ConfirmationBatcher(options.storage);
  const keys = new TenantKeyCache({ activeKeyFor: options.activeKeyFor });
  // Alma's notification has no body: anything over a few bytes is refused (413) before any lookup.
  router.get("/alma/ipn/:tenantId", express.raw({ type: () => true, limit: "1kb" }), async (req, res) => {
    const tenantId = req.params.tenantId;
    const pid = typeof req.query.pid === "string" ? req.query.pid : "";
    const signature = req.get("x-alma-signature") ?? "";
    if (!PID.test(pid)) {
      options.logger.warn({ tenantId, pid: pid.slice(0, 80) }, "IPN refused: missing or malformed pid");
      res.status(400).json({ error: "missing or malformed pid" });
      return;
    }
    const signed = await keys.verify(tenantId, pid, signature);
    if (signed === "unknown_tenant") {
      options.logger.warn({ tenantId, pid }, "IPN refused: unknown tenant");
      res.status(404).json({ error: "unknown tenant" });
      return;
    }
    if (signed === "bad_signature") {
      options.logger.warn({ tenantId, pid }, "IPN refused: bad signature");
      res.status(401).json({ error: "invalid X-Alma-Signature" });
      return;
    }
    if ((await batcher.enqueue(tenantId, pid)) === "unknown_payment") {
      // Alma retries non-2xx answers, which covers the moment between creating the payment and saving its id.
      options.logger.warn({ tenantId, pid }, "IPN for a payment this tenant does not know");
      res.status(404).json({ error: "unknown payment" });
      return;
    }
    res.json({ success: true });
  });
  return router;
}
