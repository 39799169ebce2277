import type { PluginMigration, SqlDialect } from "@alma-suite/core/storage";

/** One schema step of the bridge's own tables. Never edit an applied step: append a new version. */
export type BridgeMigration = PluginMigration;

/** Timestamps are epoch ms and money integer cents: BIGINT on PostgreSQL, INTEGER on (STRICT) SQLite. */
function types(dialect: SqlDialect) {
  return {
    big: dialect === "postgres" ? "BIGINT" : "INTEGER",
    strict: dialect === "sqlite" ? " STRICT" : "",
  };
}

export const bridgeMigrations: readonly BridgeMigration[] = [
  {
    version: 1,
    name: "agencies, api keys, idempotency, endpoints, messages, deliveries, attempts, merchant log, orders",
    statements(dialect) {
      const { big, strict } = types(dialect);
      return [
        `CREATE TABLE bridge_agencies (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
          created_at ${big} NOT NULL,
          updated_at ${big} NOT NULL
        )${strict}`,
        `CREATE TABLE bridge_api_keys (
          id TEXT PRIMARY KEY,
          agency_id TEXT NOT NULL REFERENCES bridge_agencies (id),
          label TEXT NOT NULL,
          secret_hash TEXT NOT NULL,
          last4 TEXT NOT NULL,
          created_at ${big} NOT NULL,
          last_used_at ${big},
          revoked_at ${big}
        )${strict}`,
        "CREATE INDEX bridge_api_keys_agency ON bridge_api_keys (agency_id, created_at)",
        `CREATE TABLE bridge_idempotency (
          scope TEXT NOT NULL,
          key TEXT NOT NULL,
          request_hash TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
          response_status INTEGER,
          response_body TEXT,
          locked_until ${big} NOT NULL,
          created_at ${big} NOT NULL,
          PRIMARY KEY (scope, key)
        )${strict}`,
        "CREATE INDEX bridge_idempotency_created ON bridge_idempotency (created_at)",
        `CREATE TABLE bridge_endpoints (
          id TEXT PRIMARY KEY,
          tenant_id TEXT NOT NULL,
          url TEXT NOT NULL,
          description TEXT NOT NULL,
          event_types TEXT,
          enabled INTEGER NOT NULL,
          disabled_reason TEXT,
          failing_since ${big},
          previous_secret_until ${big},
          deleted_at ${big},
          created_at ${big} NOT NULL,
          updated_at ${big} NOT NULL
        )${strict}`,
        "CREATE INDEX bridge_endpoints_tenant ON bridge_endpoints (tenant_id, created_at)",
        `CREATE TABLE bridge_messages (
          id TEXT PRIMARY KEY,
          tenant_id TEXT NOT NULL,
          event_type TEXT NOT NULL,
          event_key TEXT NOT NULL,
          payment_link_id TEXT,
          body TEXT NOT NULL,
          only_endpoint_id TEXT,
          created_at ${big} NOT NULL,
          UNIQUE (tenant_id, event_key)
        )${strict}`,
        "CREATE INDEX bridge_messages_tenant ON bridge_messages (tenant_id, created_at, id)",
        `CREATE TABLE bridge_deliveries (
          id TEXT PRIMARY KEY,
          tenant_id TEXT NOT NULL,
          message_id TEXT NOT NULL REFERENCES bridge_messages (id),
          endpoint_id TEXT NOT NULL REFERENCES bridge_endpoints (id),
          origin_key TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
          attempts INTEGER NOT NULL,
          next_attempt_at ${big},
          last_response_status INTEGER,
          last_error TEXT,
          created_at ${big} NOT NULL,
          updated_at ${big} NOT NULL,
          UNIQUE (message_id, endpoint_id, origin_key)
        )${strict}`,
        "CREATE INDEX bridge_deliveries_endpoint ON bridge_deliveries (endpoint_id, created_at)",
        `CREATE TABLE bridge_attempts (
          id TEXT PRIMARY KEY,
          tenant_id TEXT NOT NULL,
          delivery_id TEXT NOT NULL REFERENCES bridge_deliveries (id),
          message_id TEXT NOT NULL,
          endpoint_id TEXT NOT NULL,
          attempt INTEGER NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
          response_status INTEGER,
          response_body TEXT,
          error TEXT,
          latency_ms INTEGER NOT NULL,
          started_at ${big} NOT NULL,
          UNIQUE (delivery_id, attempt)
        )${strict}`,
        "CREATE INDEX bridge_attempts_endpoint ON bridge_attempts (endpoint_id, started_at)",
        "CREATE INDEX bridge_attempts_message ON bridge_attempts (message_id, started_at)",
        `CREATE TABLE bridge_merchant_log (
          id TEXT PRIMARY KEY,
          tenant_id TEXT NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
          code TEXT NOT NULL,
          message TEXT NOT NULL,
          data TEXT NOT NULL,
          at ${big} NOT NULL
        )${strict}`,
        "CREATE INDEX bridge_merchant_log_tenant ON bridge_merchant_log (tenant_id, at, id)",
        `CREATE TABLE bridge_orders (
          payment_link_id TEXT PRIMARY KEY,
          tenant_id TEXT NOT NULL,
          status TEXT NOT NULL,
          amount_cents ${big} NOT NULL CHECK (amount_cents > 0),
          refunded_cents ${big} NOT NULL CHECK (refunded_cents >= 0 AND refunded_cents <= amount_cents),
          paid_transitions INTEGER NOT NULL,
          settled INTEGER NOT NULL,
          synced_at ${big} NOT NULL,
          created_at ${big} NOT NULL,
          updated_at ${big} NOT NULL
        )${strict}`,
        "CREATE INDEX bridge_orders_open ON bridge_orders (settled, synced_at)",
      ];
    },
  },
  {
    version: 2,
    name: "claim on the Alma payment creation of a checkout",
    statements(dialect) {
      const { big } = types(dialect);
      // Until then one request is creating this checkout's Alma payment; others must not make a second one.
      return [`ALTER TABLE bridge_orders ADD COLUMN creating_until ${big}`];
    },
  },
  {
    version: 3,
    name: "holder of an Idempotency-Key claim",
    statements() {
      // A random token per claim: the holder's later writes are fenced on it, so one that lost the
      // claim (it stalled past the lock) can neither renew, release nor answer over the new holder.
      return ["ALTER TABLE bridge_idempotency ADD COLUMN holder TEXT"];
    },
  },
];
