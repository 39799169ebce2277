import { AlmaConfigurationError } from "./errors.ts";

export type AlmaMode = "live" | "test";

export const almaBaseUrls = {
  live: "https://api.getalma.eu",
  test: "https://api.sandbox.getalma.eu",
} as const satisfies Record<AlmaMode, string>;

/**
 * Each secret key belongs to one environment, told by its prefix. Like Alma's PHP v3 client we
 * refuse anything else at construction: a merchant id or a typo would otherwise surface as a 401
 * on the first checkout.
 */
export function modeFromApiKey(apiKey: string): AlmaMode {
  if (apiKey.startsWith("sk_live_")) return "live";
  if (apiKey.startsWith("sk_test_")) return "test";
  throw new AlmaConfigurationError(
    // Only 3 characters are echoed: enough to spot a pk_/merchant_ mix-up, too few to leak a secret.
    `Alma API key must start with "sk_live_" or "sk_test_" (got one starting with "${apiKey.slice(0, 3)}")`,
  );
}
