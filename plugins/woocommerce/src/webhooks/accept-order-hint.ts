import { z } from "zod";
import { ORDER_EVENT_JOB, orderEventJobType } from "../jobs/job-types.ts";
import { linkCustom } from "../shared/link-custom.ts";
import { orderFingerprint } from "../shared/order-fingerprint.ts";
import { isAlmaOrder, type StoreSettings } from "../store/store-settings.ts";
import type { WooDeps } from "../store/woo-deps.ts";

const hintSchema = z.looseObject({
  id: z.int().positive(),
  status: z.string().optional(),
  total: z.string().optional(),
  payment_method: z.string().optional(),
  date_modified_gmt: z.string().nullish(),
  refunds: z.array(z.looseObject({ id: z.int() })).optional(),
  meta_data: z.array(z.looseObject({ key: z.string(), value: z.unknown() })).optional(),
});

export type HintOutcome = { queued: true; jobKey: string } | { queued: false; reason: string };

/**
 * A verified order webhook is a hint that the order changed (its payload may already be stale:
 * WooCommerce builds it when sending). Orders that are not ours, deletions and the echoes of our own
 * writes are dropped here; anything else becomes a job that re-reads the order. The job key groups
 * deliveries of the same order state into one job.
 */
export async function acceptOrderHint(
  deps: WooDeps,
  tenantId: string,
  settings: StoreSettings,
  topic: string,
  payload: unknown,
): Promise<HintOutcome | { invalid: string }> {
  // Topics we do not act on are answered before their payload is read (action topics carry
  // `{action, arg}`, not an order): an authentic delivery must get a 2xx, since WooCommerce counts
  // any other answer toward disabling the webhook.
  if (!topic.startsWith("order.") || topic === "order.deleted")
    return { queued: false, reason: `topic ${topic} ignored` };
  const parsed = hintSchema.safeParse(payload);
  if (!parsed.success) return { invalid: "payload is not an order" };
  const order = parsed.data;
  const link = await deps.storage.findPaymentByOrderRef(tenantId, String(order.id));
  if (!link && !isAlmaOrder(settings, order.payment_method ?? ""))
    return { queued: false, reason: "not an Alma order" };
  const fingerprint =
    order.status !== undefined && order.total !== undefined && order.refunds !== undefined
      ? orderFingerprint({
          status: order.status,
          total: order.total,
          refunds: order.refunds,
          meta_data: order.meta_data,
        })
      : "unknown";
  if (link && linkCustom(link).seen === fingerprint)
    return { queued: false, reason: "echo of our own write" };
  const jobKey = `${ORDER_EVENT_JOB}:${tenantId}:${order.id}:${order.date_modified_gmt ?? ""}:${fingerprint}`;
  await orderEventJobType.enqueue(deps.storage, {
    key: jobKey,
    payload: { tenantId, orderId: order.id },
  });
  return { queued: true, jobKey };
}
