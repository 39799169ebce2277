import { withoutBlankValues } from "@alma-suite/core";
import { z } from "zod";

/** The bridge's settings, read once from the environment by the server (URLs are configuration, not code). */
export interface BridgeConfig {
  /** Hosts, IPs or CIDR ranges that outgoing webhooks may reach even though they are private. */
  allowedHosts: string[];
  /** Per delivery attempt, connection to last byte. */
  deliveryTimeoutMs: number;
  /** Bearer token of the operator routes (agency creation); undefined disables them. */
  operatorToken: string | undefined;
  /** How often open payments are polled at Alma for instalments, lateness and refunds; 0 = never. */
  reconcileIntervalMs: number;
  /** How long a rotated-out endpoint secret keeps signing beside the new one. */
  secretOverlapMs: number;
  /** Requests per second per agency API key on `/bridge`; 0 = no limit. */
  rateLimitPerSecond: number;
}

const positiveMs = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const envSchema = z.object({
  BRIDGE_WEBHOOK_ALLOWED_HOSTS: z.string().default(""),
  BRIDGE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  BRIDGE_OPERATOR_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  BRIDGE_RECONCILE_INTERVAL_MS: positiveMs(15 * 60_000),
  BRIDGE_SECRET_OVERLAP_MS: positiveMs(24 * 3_600_000),
  RATE_LIMIT_BRIDGE_PER_SECOND: z.coerce.number().min(0).max(100_000).default(20),
});

export const bridgeConfigSchema: z.ZodType<BridgeConfig, unknown> = z
  .preprocess(
    (env) =>
      typeof env === "object" && env !== null ? withoutBlankValues(env as Record<string, unknown>) : env,
    envSchema,
  )
  .transform(
    (env): BridgeConfig => ({
      allowedHosts: env.BRIDGE_WEBHOOK_ALLOWED_HOSTS.split(",")
        .map((host) => host.trim().toLowerCase())
        .filter((host) => host !== ""),
      deliveryTimeoutMs: env.BRIDGE_WEBHOOK_TIMEOUT_MS,
      // Without one of its own, `create` falls back to the server's admin token (PluginDeps).
      operatorToken: env.BRIDGE_OPERATOR_TOKEN,
      reconcileIntervalMs: env.BRIDGE_RECONCILE_INTERVAL_MS,
      secretOverlapMs: env.BRIDGE_SECRET_OVERLAP_MS,
      rateLimitPerSecond: env.RATE_LIMIT_BRIDGE_PER_SECOND,
    }),
  );
