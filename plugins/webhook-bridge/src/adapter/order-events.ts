import type { PaymentLink, StorageTransaction } from "@alma-suite/core/storage";
import { dbOf } from "../db/bridge-db.ts";
import type { EventType } from "../events/event-types.ts";
import { publishEvent } from "../events/publish-event.ts";
import { merchantRefOf } from "../merchants/find-merchant.ts";
import { paymentView } from "../payments/payment-view.ts";
import { type BridgeOrder, getOrder } from "./bridge-order-store.ts";

/** Publishes a payment event whose data carries the payment as it stands after the change. */
export async function publishPaymentEvent(
  tx: StorageTransaction,
  input: {
    link: PaymentLink;
    type: EventType;
    eventKey: string;
    data?: Record<string, unknown>;
    now: number;
  },
): Promise<{ created: boolean }> {
  const tenant = await tx.getTenant(input.link.tenantId);
  const link = (await tx.getPaymentLink(input.link.tenantId, input.link.id)) ?? input.link;
  const order: BridgeOrder | null = await getOrder(dbOf(tx), link.tenantId, link.id);
  const { created } = await publishEvent(tx, {
    tenantId: link.tenantId,
    type: input.type,
    eventKey: input.eventKey,
    paymentLinkId: link.id,
    data: { payment: paymentView(link, tenant ? merchantRefOf(tenant) : "", order), ...input.data },
    now: input.now,
  });
  return { created };
}
