import { isIP } from "node:net";
import { z } from "zod";

/**
 * Shopify calls the payment, refund, capture and void session routes with its own client
 * certificate (mTLS), and that certificate is the only proof a request comes from Shopify.
 * Either this server terminates TLS and checks it (`TLS_CERT`, `TLS_KEY`, `SHOPIFY_CLIENT_CA`), or
 * a reverse proxy does and passes its verdict in a header trusted only from the proxy's addresses.
 */
export interface ClientCertificateConfig {
  /** TLS terminated here: PEM file paths; `clientCaFile` makes the server ask for and check client certificates. */
  tls: { certFile: string; keyFile: string; clientCaFile: string | undefined } | undefined;
  /** Addresses (IPs or CIDR ranges) of the proxies whose verdict header is believed. */
  proxyAddresses: string[];
  /** The header a trusted proxy sets to `SUCCESS` for a verified certificate (nginx's `$ssl_client_verify`). */
  proxyHeader: string;
  /**
   * Production: Shopify's real origin with the app's credentials and a real Alma account (not the
   * sandbox). There, and wherever a check is configured, the session routes need a verified
   * certificate; in development they answer without one and the start banner says so.
   */
  production: boolean;
  required: boolean;
}

const addressOrRange = (entry: string) => {
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
};

export const clientCertificateFields = {
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  SHOPIFY_CLIENT_CA: z.string().min(1).optional(),
  SHOPIFY_MTLS_PROXY_ADDRESSES: z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine(
      (entries) => entries.every(addressOrRange),
      "must be IP addresses or CIDR ranges, comma-separated",
    )
    .optional(),
  SHOPIFY_MTLS_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "must be a header name")
    .default("X-SSL-Client-Verify"),
};

type Fields = {
  TLS_CERT?: string | undefined;
  TLS_KEY?: string | undefined;
  SHOPIFY_CLIENT_CA?: string | undefined;
  SHOPIFY_MTLS_PROXY_ADDRESSES?: string[] | undefined;
  SHOPIFY_MTLS_PROXY_HEADER: string;
};

/** Returns the settings, or the problem with them (one line naming the variables). */
export function clientCertificateConfig(
  c: Fields,
  env: Record<string, string | undefined>,
  almaSandbox: boolean,
): ClientCertificateConfig | string {
  if (Boolean(c.TLS_CERT) !== Boolean(c.TLS_KEY)) return "TLS_CERT and TLS_KEY: set both or neither";
  if (c.SHOPIFY_CLIENT_CA && !c.TLS_CERT)
    return "SHOPIFY_CLIENT_CA: only with TLS_CERT and TLS_KEY (behind a proxy, the proxy checks the certificate)";
  const origin = env.SHOPIFY_SHOP_ORIGIN?.trim().replace(/\/$/, "");
  const production =
    Boolean(env.SHOPIFY_API_KEY?.trim() && env.SHOPIFY_API_SECRET?.trim()) &&
    (!origin || origin === "https://{shop}") &&
    !almaSandbox;
  const proxyAddresses = c.SHOPIFY_MTLS_PROXY_ADDRESSES ?? [];
  return {
    tls:
      c.TLS_CERT && c.TLS_KEY
        ? { certFile: c.TLS_CERT, keyFile: c.TLS_KEY, clientCaFile: c.SHOPIFY_CLIENT_CA }
        : undefined,
    proxyAddresses,
    proxyHeader: c.SHOPIFY_MTLS_PROXY_HEADER,
    production,
    required: production || Boolean(c.SHOPIFY_CLIENT_CA) || proxyAddresses.length > 0,
  };
}
