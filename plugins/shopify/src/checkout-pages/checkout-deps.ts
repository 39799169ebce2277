import type { AlmaCallOptions, AlmaClient, PlatformAdapter } from "@alma-suite/core";
import type { MutationDeps } from "../session-mutations/run-mutation.ts";
import type { PageLinks } from "./page-links.ts";

/** What the buyer-facing pages need: storage and Shopify calls, Alma, our adapter, page URLs. */
export interface CheckoutDeps extends MutationDeps {
  almaFor: (tenantId: string, call?: AlmaCallOptions) => Promise<AlmaClient>;
  adapter: PlatformAdapter;
  links: PageLinks;
  publicUrl: string;
  now: () => number;
}

export type PageResult = { redirect: string } | { status: number; html: string };
