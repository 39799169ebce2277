import type { Storage } from "@alma-suite/core/storage";
import { bridgeConfigSchema } from "../config/bridge-config.ts";
import { createBridge } from "../create-bridge.ts";

const noAlma = (): never => {
  throw new Error("this bridge only delivers webhooks");
};
const quiet = () => {};

/**
 * A bridge that only delivers webhooks to 127.0.0.1 (no Alma, no reconciliation, no logs): what
 * the crash tests' worker processes and the delivery benchmark run beside a JobWorker.
 */
export async function deliveryOnlyBridge(storage: Storage): Promise<ReturnType<typeof createBridge>> {
  const bridge = createBridge(
    bridgeConfigSchema.parse({
      BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      BRIDGE_RECONCILE_INTERVAL_MS: "0",
    }),
    {
      storage,
      almaFor: async () => noAlma(),
      almaWithKey: noAlma,
      logger: { info: quiet, warn: quiet, error: quiet, debug: quiet },
      publicUrl: "http://127.0.0.1:1",
      now: Date.now,
    },
  );
  await bridge.ctx.ready;
  return bridge;
}
