import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const LIVE_GATEWAY_PHP = fileURLToPath(
  new URL("../../wordpress-plugin/tests/live-gateway.php", import.meta.url),
);

export interface PhpGatewayCall {
  /** The store's home URL (WordPress's `home` option). */
  homeUrl: string;
  connectorUrl: string;
  storeId: string;
  signingSecret: string;
  orderId: number;
  orderKey: string;
  refund?: { refundId: number; amount: string };
}

/**
 * Runs our real WordPress gateway class (under php-cli, with WordPress stand-ins) against a running
 * connector: process_payment, or process_refund when `refund` is given. Returns what it printed.
 * Asynchronous on purpose: the connector may be in this very process.
 */
export function runPhpGateway(call: PhpGatewayCall): Promise<Record<string, unknown>> {
  const env = {
    ...process.env,
    HOME_URL: call.homeUrl,
    CONNECTOR_URL: call.connectorUrl,
    STORE_ID: call.storeId,
    SIGNING_SECRET: call.signingSecret,
    ORDER_ID: String(call.orderId),
    ORDER_KEY: call.orderKey,
    ...(call.refund
      ? { ACTION: "refund", REFUND_ID: String(call.refund.refundId), AMOUNT: call.refund.amount }
      : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn("php", [LIVE_GATEWAY_PHP], { env });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", (error) =>
      reject(new Error(`php-cli is needed to run the WordPress gateway: ${error.message}`)),
    );
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`php exited ${code}: ${err}${out}`));
      try {
        resolve(JSON.parse(out) as Record<string, unknown>);
      } catch {
        reject(new Error(`php printed no JSON: ${out}${err}`));
      }
    });
  });
}
