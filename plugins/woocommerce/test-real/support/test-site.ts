import { inject } from "vitest";
import { mariadbFromEnv } from "./mariadb.ts";
import { type RealStore, startRealStore } from "./real-store.ts";

const started: Promise<RealStore>[] = [];

/** A new shop from this run's tree, with our gateway from this run's zip. */
export function startTestSite(options: { hpos?: boolean } = {}): Promise<RealStore> {
  const site = startRealStore({
    tree: inject("wordpressTree"),
    gatewayZip: inject("gatewayZip"),
    mariadb: mariadbFromEnv(),
    ...options,
  });
  started.push(site);
  return site;
}

/**
 * Closes every site this file started, including one still installing when a hook timed out
 * (its database and PHP server would otherwise outlive the run). Closing twice is harmless.
 */
export async function closeTestSites(): Promise<void> {
  for (const site of started.splice(0)) await (await site.catch(() => null))?.close();
}
