import { commaList, SecretBox, withoutBlankValues } from "@alma-suite/core";
import { z } from "zod";

/**
 * Every setting the server reads, parsed once from the environment at start. A bad value
 * stops the server with a message naming the variable, rather than failing later.
 */
const almaKey = z
  .string()
  .regex(/^sk_(live|test)_[A-Za-z0-9]+$/, "must be an Alma secret key starting with sk_live_ or sk_test_");

/** A sustained rate; 0 turns that limit off. */
const perSecond = (fallback: number) => z.coerce.number().min(0).max(100_000).default(fallback);

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL (leave it unset for the embedded SQLite)")
    .optional(),
  ALMA_API_KEY: almaKey.optional(),
  ALMA_API_URL: z.url().optional(),
  MASTER_KEY: z.string().min(32, "must be 32 bytes as 64 hex characters or base64").optional(),
  // Keys that still open secrets sealed before a rotation (comma-separated); they never seal.
  MASTER_KEY_PREVIOUS: commaList()
    .refine((keys) => keys.every(isMasterKey), "each key must be 32 bytes as 64 hex characters or base64")
    .optional(),
  ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Jobs mostly wait on Alma, the platform and the database: at 4, a worker on PostgreSQL (a round
  // trip per statement) ran too few of them at once to keep up with a few hundred a second.
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(16),
  JOB_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(7),
  PAYMENT_WATCH_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  ALMA_SANDBOX_NOTIFICATIONS: z.enum(["all", "like_alma"]).default("all"),
  ALMA_SANDBOX_IPN_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  ALMA_SANDBOX_TRIGGER_STATE: z.enum(["scored_yes", "in_progress"]).default("scored_yes"),
  SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\//,
      "must be an smtp:// or smtps:// URL (leave it unset to keep e-mails in the outbox)",
    )
    .optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  // The platforms this server serves, by plugin name (comma-separated); unset: every registered one.
  PLATFORMS: commaList().optional(),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  RATE_LIMIT_IPN_PER_SECOND: perSecond(50),
  RATE_LIMIT_PLATFORM_PER_SECOND: perSecond(50),
  RATE_LIMIT_IP_PER_SECOND: perSecond(100),
  // TLS terminated here (PEM files); a plugin's client CA is then checked here too.
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
});

export type ServerConfig = {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * `sandbox`: no suite-wide key; tenants' own test keys against the in-process sandbox, or
   * against `baseUrl` when one is given (a shared sandbox for several instances).
   */
  alma:
    | { mode: "sandbox"; baseUrl: string | undefined }
    | { mode: "live" | "test"; apiKey: string; baseUrl: string | undefined };
  masterKey: string | undefined;
  /** From `MASTER_KEY_PREVIOUS`: keys that open secrets sealed before the master key was rotated. */
  previousMasterKeys: string[];
  adminToken: string | undefined;
  logLevel: z.infer<typeof configSchema>["LOG_LEVEL"];
  workerConcurrency: number;
  /** Done jobs older than this are deleted; 0 keeps them forever. */
  jobRetentionDays: number;
  /**
   * How often each instance that runs jobs looks for open payments whose check at Alma is due
   * (the schedule itself is per payment, see core's check-schedule.ts); 0 = off.
   */
  paymentWatchIntervalMs: number;
  /** How the in-process sandbox behaves (only when it runs, i.e. without an Alma key). */
  sandbox: {
    /** `like_alma`: acceptance IPNs only, after `ipnDelayMs` (about a minute by default), as Alma promises. */
    notifications: "all" | "like_alma";
    ipnDelayMs: number | undefined;
    /** The state an accepted payment upon trigger shows before its trigger. */
    triggerState: "scored_yes" | "in_progress";
  };
  /** Where the dashboard's e-mails go; unset keeps them in the tenant's outbox only. */
  smtpUrl: string | undefined;
  shutdownTimeoutMs: number;
  /** From `PLATFORMS`: the plugins served, by name; undefined = every registered plugin. */
  platforms: string[] | undefined;
  rateLimits: RateLimitConfig;
  /**
   * TLS terminated by this server, or undefined (plain HTTP, behind a proxy or in development).
   * Plugins whose platform calls with a client certificate declare how it is checked; see
   * client-certificate-config.ts.
   */
  tls: { certFile: string; keyFile: string } | undefined;
};

/**
 * Requests allowed per window (its length in `windowMs`) for each key: a fixed window of several
 * seconds lets a burst through while holding the sustained rate. 0 means no limit.
 */
export interface RateLimitConfig {
  windowMs: number;
  /** Per tenant, on `/alma/ipn/:tenantId`. */
  ipnPerSecond: number;
  /** Per caller (as each plugin names it), on the routes the platforms call, unless the plugin sets its own. */
  platformPerSecond: number;
  /** Per client IP, on every other route (health and metrics excepted). */
  ipPerSecond: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = configSchema.safeParse(withoutBlankValues(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.MASTER_KEY_PREVIOUS?.length && !c.MASTER_KEY)
    throw new ConfigError(
      "invalid configuration:\n  MASTER_KEY_PREVIOUS: only with MASTER_KEY (the key file is rotated with `alma-suite master-key rotate`)",
    );
  if (Boolean(c.TLS_CERT) !== Boolean(c.TLS_KEY))
    throw new ConfigError("invalid configuration:\n  TLS_CERT and TLS_KEY: set both or neither");
  const key = c.ALMA_API_KEY;
  return {
    port: c.PORT,
    host: c.HOST,
    publicUrl: c.PUBLIC_URL?.replace(/\/$/, ""),
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    alma: key
      ? { mode: key.startsWith("sk_live_") ? "live" : "test", apiKey: key, baseUrl: c.ALMA_API_URL }
      : { mode: "sandbox", baseUrl: c.ALMA_API_URL },
    masterKey: c.MASTER_KEY,
    previousMasterKeys: c.MASTER_KEY_PREVIOUS ?? [],
    adminToken: c.ADMIN_TOKEN,
    logLevel: c.LOG_LEVEL,
    workerConcurrency: c.WORKER_CONCURRENCY,
    jobRetentionDays: c.JOB_RETENTION_DAYS,
    paymentWatchIntervalMs: c.PAYMENT_WATCH_INTERVAL_MS,
    sandbox: {
      notifications: c.ALMA_SANDBOX_NOTIFICATIONS,
      ipnDelayMs: c.ALMA_SANDBOX_IPN_DELAY_MS,
      triggerState: c.ALMA_SANDBOX_TRIGGER_STATE,
    },
    smtpUrl: c.SMTP_URL,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    platforms: c.PLATFORMS,
    rateLimits: {
      windowMs: c.RATE_LIMIT_WINDOW_SECONDS * 1000,
      ipnPerSecond: c.RATE_LIMIT_IPN_PER_SECOND,
      platformPerSecond: c.RATE_LIMIT_PLATFORM_PER_SECOND,
      ipPerSecond: c.RATE_LIMIT_IP_PER_SECOND,
    },
    tls: c.TLS_CERT && c.TLS_KEY ? { certFile: c.TLS_CERT, keyFile: c.TLS_KEY } : undefined,
  };
}

function isMasterKey(encoded: string): boolean {
  try {
    SecretBox.fromEncodedKey(encoded);
    return true;
  } catch {
    return false;
  }
}
