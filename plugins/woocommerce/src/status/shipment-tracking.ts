import { z } from "zod";

/**
 * The order meta of WooCommerce Shipment Tracking (and the plugins that write the same key): a
 * list of items, each with a tracking number and either a known provider slug or a custom
 * provider name and link.
 */
export const SHIPMENT_TRACKING_META = "_wc_shipment_tracking_items";

export interface TrackedShipment {
  carrier: string;
  trackingNumber: string;
  /** Only when the store gave a link (custom providers); known providers' links are built by the plugin. */
  trackingUrl?: string;
}

const text = z
  .unknown()
  .transform((value) => (typeof value === "string" ? value.trim() : ""))
  .optional();

const itemSchema = z.looseObject({
  tracking_number: text,
  tracking_provider: text,
  custom_tracking_provider: text,
  custom_tracking_link: text,
});

/**
 * The shipments the order's meta lists, in order, without duplicates. Items with no tracking
 * number or no carrier name are skipped: Alma needs both. Anything that is not the expected shape
 * reads as no shipment rather than an error (the meta belongs to another plugin).
 */
export function trackedShipments(meta: readonly { key: string; value: unknown }[]): TrackedShipment[] {
  const value = meta.find((m) => m.key === SHIPMENT_TRACKING_META)?.value;
  const items = Array.isArray(value) ? value : value && typeof value === "object" ? Object.values(value) : [];
  const shipments: TrackedShipment[] = [];
  for (const raw of items) {
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) continue;
    const item = parsed.data;
    const trackingNumber = item.tracking_number ?? "";
    const carrier = item.custom_tracking_provider || item.tracking_provider || "";
    if (!trackingNumber || !carrier || shipments.some((s) => s.trackingNumber === trackingNumber)) continue;
    const link = item.custom_tracking_link ?? "";
    shipments.push({
      carrier: carrier.slice(0, 200),
      trackingNumber: trackingNumber.slice(0, 200),
      ...(/^https?:\/\/\S+$/i.test(link) ? { trackingUrl: link } : {}),
    });
  }
  return shipments;
}
