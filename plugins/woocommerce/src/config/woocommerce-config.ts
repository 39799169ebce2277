import { readFileSync } from "node:fs";
import { blankIsUnset } from "@alma-suite/core";
import { z } from "zod";

const optionalText = z.preprocess(blankIsUnset, z.string().optional());
const count = (fallback: number, min = 1) =>
  z.preprocess(blankIsUnset, z.coerce.number().int().min(min).default(fallback));

/**
 * The plugin's own environment variables, read once by the server. Store URLs are not here: each
 * merchant registers its own (so a fake store stands in for tests simply by registering its URL).
 */
export const woocommerceConfigSchema = z
  .object({
    /** Bearer token for `POST /woocommerce/stores`; unset = registration only through the CLI. */
    WOOCOMMERCE_REGISTRATION_TOKEN: z.preprocess(
      blankIsUnset,
      z.string().min(24, "must be at least 24 characters").optional(),
    ),
    WOOCOMMERCE_TIMEOUT_MS: count(20_000),
    /** PEM file of a CA to trust for stores with a private certificate (on top of public roots). */
    WOOCOMMERCE_CA_FILE: optionalText,
    /** How old a signed call from our WordPress gateway may be. */
    WOOCOMMERCE_GATEWAY_TOLERANCE_SECONDS: count(300),
    /** Lifetime of an Alma payment link sent by e-mail (pay-by-link mode). */
    WOOCOMMERCE_PAY_LINK_EXPIRY_MINUTES: count(7 * 24 * 60),
    /**
     * Lifetime of the Alma payment of a checkout (gateway mode): past it Alma expires an abandoned
     * payment and the connector releases the order (its stock) once it sees so.
     */
    WOOCOMMERCE_CHECKOUT_EXPIRY_MINUTES: count(120),
    /** Interval of the automatic reconciliation of every store; 0 = only on demand (CLI). */
    WOOCOMMERCE_RECONCILE_EVERY_MINUTES: count(60, 0),
  })
  .transform((env, ctx) => {
    let ca: string | undefined;
    if (env.WOOCOMMERCE_CA_FILE) {
      try {
        ca = readFileSync(env.WOOCOMMERCE_CA_FILE, "utf8");
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: ["WOOCOMMERCE_CA_FILE"],
          message: `cannot read it: ${String(error)}`,
        });
        return z.NEVER;
      }
    }
    return {
      registrationToken: env.WOOCOMMERCE_REGISTRATION_TOKEN,
      timeoutMs: env.WOOCOMMERCE_TIMEOUT_MS,
      ca,
      gatewayToleranceSeconds: env.WOOCOMMERCE_GATEWAY_TOLERANCE_SECONDS,
      payLinkExpiryMinutes: env.WOOCOMMERCE_PAY_LINK_EXPIRY_MINUTES,
      checkoutExpiryMinutes: env.WOOCOMMERCE_CHECKOUT_EXPIRY_MINUTES,
      reconcileEveryMinutes: env.WOOCOMMERCE_RECONCILE_EVERY_MINUTES,
    };
  });

export type WoocommerceConfig = z.output<typeof woocommerceConfigSchema>;

/** Defaults, for tests and the CLI. */
export function defaultWoocommerceConfig(overrides: Partial<WoocommerceConfig> = {}): WoocommerceConfig {
  return { ...woocommerceConfigSchema.parse({}), ...overrides };
}
