import { gatewaySignature } from "../../src/gateway/gateway-signature.ts";

/** Calls the connector as our WordPress gateway does (see class-alma-suite-gateway.php). */
export async function gatewayCall(
  connectorUrl: string,
  storeId: string,
  secret: string,
  action: "payments" | "refunds",
  body: unknown,
  options: { timestamp?: number } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const raw = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const response = await fetch(`${connectorUrl}/woocommerce/gateway/${storeId}/${action}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-alma-suite-timestamp": timestamp,
      "x-alma-suite-signature": gatewaySignature(secret, timestamp, action, raw),
    },
    body: raw,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The customer note carrying the Alma link, as WooCommerce e-mails it. */
export function paymentUrlIn(note: string): string {
  const url = /(https?:\/\/\S+\/checkout\/payment_\w+)/.exec(note)?.[1];
  if (!url) throw new Error(`no Alma link in note: ${note}`);
  return url;
}
