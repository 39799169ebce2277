import type { Storage } from "@alma-suite/core/storage";
import type { WooOrder } from "../woo/woo-schemas.ts";
import { linkCustom, patchLinkCustom } from "./link-custom.ts";
import { orderFingerprint } from "./order-fingerprint.ts";

/** Records the order state we just wrote or handled, so its webhook echo is recognised and ignored. */
export async function rememberOrderState(storage: Storage, tenantId: string, order: WooOrder): Promise<void> {
  const link = await storage.findPaymentByOrderRef(tenantId, String(order.id));
  if (link) await patchLinkCustom(storage, tenantId, link.id, { seen: orderFingerprint(order) });
}

/**
 * Writes an order with its echo already expected: WooCommerce may deliver the webhook of the write
 * before the write's answer reaches us, so the state it will have (the same order with the new
 * status) is recorded first, and the state it really has once it answered. A failed write restores
 * what was recorded before.
 */
export async function writeOrder(
  storage: Storage,
  tenantId: string,
  order: WooOrder,
  expectedStatus: string,
  write: () => Promise<WooOrder>,
): Promise<WooOrder> {
  const link = await storage.findPaymentByOrderRef(tenantId, String(order.id));
  const before = link ? linkCustom(link).seen : undefined;
  if (link)
    await patchLinkCustom(storage, tenantId, link.id, {
      seen: orderFingerprint({ ...order, status: expectedStatus }),
    });
  try {
    const written = await write();
    if (link) await patchLinkCustom(storage, tenantId, link.id, { seen: orderFingerprint(written) });
    return written;
  } catch (error) {
    if (link) await patchLinkCustom(storage, tenantId, link.id, { seen: before });
    throw error;
  }
}
