import type { DeliveryRow } from "../dashboard-api/dashboard-schemas.ts";
import type { PaymentLink, Tenant } from "../storage/records.ts";

/** One outgoing webhook delivery as the merchant dashboard shows it (the dashboard API's row). */
export type DashboardDelivery = DeliveryRow;

/**
 * What a plugin may add to the merchant dashboard. Every method takes the tenant id and answers
 * only about that tenant, so the server never reads a plugin's own tables.
 */
export interface PluginDashboard {
  listDeliveries?(
    tenantId: string,
    query: { status?: DashboardDelivery["status"]; limit?: number },
  ): Promise<DashboardDelivery[]>;
  /** Sends the delivery's message again to its endpoint; null when the tenant has no such delivery. */
  replayDelivery?(tenantId: string, deliveryId: string): Promise<DashboardDelivery | null>;
  /** The order's page in the platform's admin, when it can be known. */
  orderUrl?(tenant: Tenant, link: PaymentLink): string | null;
  /**
   * Where this payment's refunds must start instead, as a sentence for the merchant, when the
   * dashboard must not make them: a platform that turns every refund recorded on its order into
   * a refund request of its own would have the customer refunded twice.
   */
  refundElsewhere?(tenant: Tenant, link: PaymentLink): string | null;
  /** A cheap authenticated call to the platform; `ok: null` when there is nothing to check. */
  checkConnection?(tenantId: string): Promise<{ ok: boolean | null; detail: string }>;
}
