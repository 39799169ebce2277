import type { Tenant } from "@alma-suite/core/storage";
import { getOrder } from "../adapter/bridge-order-store.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { almaProblem } from "../http/alma-problem.ts";
import { type OpResult, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import { merchantRefOf } from "../merchants/find-merchant.ts";
import { paymentView } from "./payment-view.ts";

type Ctx = Pick<BridgeContext, "storage" | "almaFor">;

const ACCEPTED = ["authorized", "paid", "partially_refunded", "refunded"];

export interface ShipmentReport {
  paymentId: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string;
}

/**
 * Sends Alma a shipment of the payment's order (`POST /v2/orders/{id}/shipment`), as Alma's
 * PrestaShop and Magento plugins do when a parcel leaves: on the Alma order whose
 * merchant_reference is the shop's order reference, attached first if the payment has none.
 * Sending the same tracking again sets it again, so a retried call is harmless.
 */
export async function reportShipment(ctx: Ctx, merchant: Tenant, input: ShipmentReport): Promise<OpResult> {
  const link = await ctx.storage.getPaymentLink(merchant.id, input.paymentId);
  if (!link) return problem("payment_not_found", `no payment ${input.paymentId}`, { field: "paymentId" });
  if (!link.almaPaymentId || !ACCEPTED.includes(link.state)) {
    return problem(
      "invalid_state",
      `payment ${link.id} is ${link.state}; report shipments of accepted payments`,
    );
  }
  const almaId = link.almaPaymentId;
  const reference = link.platformOrderRef;
  try {
    const alma = await ctx.almaFor(merchant.id);
    const orders = await alma.orders.list(almaId);
    const almaOrder =
      orders.find((o) => o.merchant_reference === reference) ??
      (await alma.orders.add(almaId, { merchant_reference: reference })).find(
        (o) => o.merchant_reference === reference,
      );
    if (!almaOrder) throw new Error(`Alma did not keep order ${reference} on payment ${almaId}`);
    await alma.orders.addShipment(almaOrder.id, {
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      trackingUrl: input.trackingUrl,
    });
  } catch (error) {
    return almaProblem(error);
  }
  const order = await getOrder(dbOf(ctx.storage), merchant.id, link.id);
  return ok(200, {
    shipment: {
      carrier: input.carrier,
      tracking_number: input.trackingNumber,
      tracking_url: input.trackingUrl ?? null,
    },
    payment: paymentView(link, merchantRefOf(merchant), order),
  });
}
