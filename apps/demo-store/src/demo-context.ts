import type { PluginLogger } from "@alma-suite/core";
import type { BridgeCall } from "./bridge/bridge-client.ts";
import type { DemoSetup } from "./bridge/set-up-demo.ts";
import type { OrderStore } from "./orders/order-store.ts";

/** What the demo's routes share, built once by `demoStore`. */
export interface DemoContext {
  orders: OrderStore;
  bridge: BridgeCall;
  /** The demo's agency, merchant and webhook endpoint, set up at first use (see setUpDemo). */
  ready(): Promise<DemoSetup>;
  /** How the customer's browser reaches this server (return URLs). */
  publicUrl: string;
  logger: PluginLogger;
}
