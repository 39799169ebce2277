import type { WooClient } from "../woo/woo-client.ts";

export const WEBHOOK_TOPICS = ["order.created", "order.updated"] as const;

/**
 * One active webhook per topic pointing at our delivery URL, signed with the store's secret:
 * existing ones (a store connected again) are re-activated and given the current secret rather
 * than duplicated. WooCommerce pings each new webhook at once; our route answers it.
 */
export async function ensureWebhooks(
  woo: WooClient,
  deliveryUrl: string,
  secret: string,
): Promise<{ topic: string; id: number }[]> {
  const existing = (await woo.listWebhooks()).filter((w) => w.delivery_url === deliveryUrl);
  const result: { topic: string; id: number }[] = [];
  for (const topic of WEBHOOK_TOPICS) {
    const found = existing.find((w) => w.topic === topic);
    const webhook = found
      ? await woo.updateWebhook(found.id, { secret, status: "active" })
      : await woo.createWebhook({
          name: `Alma suite ${topic}`,
          topic,
          delivery_url: deliveryUrl,
          secret,
          status: "active",
        });
    result.push({ topic, id: webhook.id });
  }
  return result;
}
