import { verifyIpnSignature } from "@alma-suite/core";
import { CONFIRM_PAYMENT_JOB, type ConfirmPaymentPayload } from "@alma-suite/core/flows";
import type { Storage } from "@alma-suite/core/storage";
import { Router } from "express";
import type { Logger } from "../observability/create-logger.ts";

const PID = /^payment_[A-Za-z0-9]{1,64}$/;

/**
 * `GET /alma/ipn/:tenantId?pid=…`: Alma's notification. The signature (HMAC of the pid with
 * the tenant's key) is checked before anything is looked up; then the notification is only
 * recorded as a durable job and answered, so Alma gets its 200 fast and the work survives a
 * crash. A burst of identical IPNs joins the confirmation job still waiting to run (see
 * `enqueueConfirmation`); the confirmation's compare-and-set makes any extra run harmless.
 */
export function ipnRoute(options: {
  storage: Storage;
  keyFor: (tenantId: string) => Promise<string>;
  logger: Logger;
}): Router {
  const router = Router();
  router.get("/alma/ipn/:tenantId", async (req, res) => {
    const tenantId = req.params.tenantId;
    const pid = typeof req.query.pid === "string" ? req.query.pid : "";
    const signature = req.get("x-alma-signature") ?? "";
    if (!PID.test(pid)) {
      options.logger.warn({ tenantId, pid: pid.slice(0, 80) }, "IPN refused: missing or malformed pid");
      res.status(400).json({ error: "missing or malformed pid" });
      return;
    }
    const tenant = await options.storage.getTenant(tenantId);
    const key =
      tenant?.status === "active" ? await options.keyFor(tenantId).catch(() => undefined) : undefined;
    if (!tenant || !key) {
      options.logger.warn({ tenantId, pid }, "IPN refused: unknown tenant");
      res.status(404).json({ error: "unknown tenant" });
      return;
    }
    if (!verifyIpnSignature(pid, signature, key)) {
      options.logger.warn({ tenantId, pid }, "IPN refused: bad signature");
      res.status(401).json({ error: "invalid X-Alma-Signature" });
      return;
    }
    const link = await options.storage.findPaymentByAlmaId(tenantId, pid);
    if (!link) {
      // Alma retries non-2xx answers, which covers the moment between creating the payment and saving its id.
      options.logger.warn({ tenantId, pid }, "IPN for a payment this tenant does not know");
      res.status(404).json({ error: "unknown payment" });
      return;
    }
    await enqueueConfirmation(options.storage, tenantId, pid);
    res.json({ success: true });
  });
  return router;
}

/**
 * Confirmation jobs for one payment are numbered. A notification joins the first one that has
 * not started yet (it fetches the payment from Alma when it runs, so it sees whatever this
 * notification announces); when every numbered job has already run or is running, it adds the
 * next. Two notifications racing for the same number make one job, by the queue's key.
 */
async function enqueueConfirmation(storage: Storage, tenantId: string, pid: string): Promise<void> {
  for (let seq = 0; seq < 1000; seq++) {
    const key = `alma:confirm:${tenantId}:${pid}:${seq}`;
    const existing = await storage.getJobByKey(key);
    if (existing?.state === "pending" || existing?.state === "failed") return;
    if (!existing) {
      await storage.enqueue({
        type: CONFIRM_PAYMENT_JOB,
        key,
        payload: { tenantId, almaPaymentId: pid } satisfies ConfirmPaymentPayload,
      });
      return;
    }
  }
}
