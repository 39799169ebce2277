import { inject } from "vitest";
import { mariadbFromEnv } from "./mariadb.ts";
import { type RealStore, startRealStore } from "./real-store.ts";

/** A new shop from this run's tree, with our gateway from this run's zip. */
export function startTestSite(options: { hpos?: boolean } = {}): Promise<RealStore> {
  return startRealStore({
    tree: inject("wordpressTree"),
    gatewayZip: inject("gatewayZip"),
    mariadb: mariadbFromEnv(),
    ...options,
  });
}
