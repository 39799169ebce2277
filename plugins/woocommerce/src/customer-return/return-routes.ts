import { confirmPayment } from "@alma-suite/core/flows";
import type { PaymentLink } from "@alma-suite/core/storage";
import { type Request, type Response, Router } from "express";
import { linkCustom } from "../shared/link-custom.ts";
import { loadStore, type StoreContext } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";

const PID = /^payment_[A-Za-z0-9]{1,64}$/;
const LINK = /^pay_[a-f0-9]{1,64}$/;

/**
 * The customer coming back from Alma's page. `/return` runs the shared confirmation (the customer
 * may be faster than the IPN) and sends them to the thank-you page when the payment went through,
 * or back to pay otherwise; `/cancel` only sends them back.
 */
export function returnRoutes(deps: WooDeps): Router {
  const router = Router();
  router.get("/return/:storeId", async (req, res) => {
    const found = await find(deps, req, res);
    if (!found) return;
    const { store, link } = found;
    try {
      const alma = await deps.almaFor(store.tenant.id, { mode: link.almaMode });
      const outcome = await confirmPayment(
        { storage: deps.storage, alma },
        { tenantId: store.tenant.id, almaPaymentId: link.almaPaymentId ?? "", source: "return" },
      );
      const accepted =
        outcome.status === "paid" || outcome.status === "authorized" || outcome.status === "pending";
      res.redirect(303, accepted ? thankYouUrl(store, link) : retryUrl(store, link));
    } catch (error) {
      // Alma sends customers to return_url only after accepting their payment; if we cannot ask
      // Alma right now, the thank-you page is the right place and the IPN will confirm the order.
      deps.logger.warn(
        { storeId: store.tenant.id, pid: link.almaPaymentId, err: String(error) },
        "return: could not confirm with Alma",
      );
      res.redirect(303, thankYouUrl(store, link));
    }
  });
  // Also reached without a pid: Alma's failure_return_url is ours with the link id (known before the payment).
  router.get("/cancel/:storeId", async (req, res) => {
    const found = await find(deps, req, res, true);
    if (found) res.redirect(303, retryUrl(found.store, found.link));
  });
  return router;
}

async function find(
  deps: WooDeps,
  req: Request,
  res: Response,
  byLink = false,
): Promise<{ store: StoreContext; link: PaymentLink } | undefined> {
  const pid = typeof req.query.pid === "string" ? req.query.pid : "";
  const linkId =
    byLink && typeof req.query.link === "string" && LINK.test(req.query.link) ? req.query.link : "";
  if (!PID.test(pid) && !linkId) {
    res.status(400).json({ error: "missing or malformed pid" });
    return undefined;
  }
  const store = await loadStore(deps, String(req.params.storeId));
  const link = !store
    ? null
    : PID.test(pid)
      ? await deps.storage.findPaymentByAlmaId(store.tenant.id, pid)
      : await deps.storage.getPaymentLink(store.tenant.id, linkId);
  if (!store || !link) {
    deps.logger.warn({ storeId: req.params.storeId, pid }, "customer return for an unknown payment");
    res.status(404).json({ error: "unknown payment" });
    return undefined;
  }
  return { store, link };
}

function thankYouUrl(store: StoreContext, link: PaymentLink): string {
  const custom = linkCustom(link);
  return (
    custom.returnUrl ??
    `${store.settings.storeUrl}/checkout/order-received/${custom.orderId}/?key=${custom.orderKey}`
  );
}

function retryUrl(store: StoreContext, link: PaymentLink): string {
  const custom = linkCustom(link);
  return (
    custom.cancelUrl ??
    `${store.settings.storeUrl}/checkout/order-pay/${custom.orderId}/?pay_for_order=true&key=${custom.orderKey}`
  );
}
