import type { Migration } from "./migration.ts";

/**
 * PostgreSQL schema history. Never edit an applied migration: append a new version.
 * Kept parallel to sqlite-migrations.ts; the differences are types (BIGINT, JSONB, identity).
 */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "tenants, secrets, payments, refunds, events, notifications",
    // Edited after release, the one exception to "never edit an applied migration": it listed the
    // platforms of that time in a CHECK on tenants.platform, and core names no platform since the
    // plugins declare them. The runner records versions and names only (no checksum), so databases
    // that applied the old text are unaffected; migration 9 drops that CHECK where it exists and is
    // a no-op for it where it never did.
    sql: `
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  alma_mode TEXT NOT NULL CHECK (alma_mode IN ('live', 'test')),
  settings JSONB NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'uninstalled')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (platform, external_id)
);

CREATE TABLE tenant_secrets (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  sealed TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  rotated_at BIGINT,
  PRIMARY KEY (tenant_id, name)
);

CREATE TABLE payment_links (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  platform_order_ref TEXT NOT NULL,
  alma_payment_id TEXT,
  amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
  currency TEXT NOT NULL,
  state TEXT NOT NULL,
  plan_key TEXT,
  custom JSONB NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (tenant_id, platform_order_ref),
  UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX payment_links_alma_payment_id ON payment_links (tenant_id, alma_payment_id)
  WHERE alma_payment_id IS NOT NULL;
CREATE INDEX payment_links_tenant_state ON payment_links (tenant_id, state, updated_at);

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  payment_link_id TEXT NOT NULL,
  platform_refund_ref TEXT NOT NULL,
  alma_refund_id TEXT,
  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
  state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
  origin TEXT NOT NULL CHECK (origin IN ('platform', 'alma')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (tenant_id, platform_refund_ref),
  FOREIGN KEY (tenant_id, payment_link_id) REFERENCES payment_links (tenant_id, id)
);
CREATE UNIQUE INDEX refunds_alma_refund_id ON refunds (tenant_id, alma_refund_id)
  WHERE alma_refund_id IS NOT NULL;
CREATE INDEX refunds_payment ON refunds (tenant_id, payment_link_id);

CREATE TABLE payment_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  payment_link_id TEXT NOT NULL,
  type TEXT NOT NULL,
  data JSONB NOT NULL DEFAULT '{}',
  at BIGINT NOT NULL,
  FOREIGN KEY (tenant_id, payment_link_id) REFERENCES payment_links (tenant_id, id)
);
CREATE INDEX payment_events_payment ON payment_events (tenant_id, payment_link_id, id);

CREATE TABLE processed_notifications (
  key TEXT PRIMARY KEY,
  processed_at BIGINT NOT NULL
);
`,
  },
  {
    version: 2,
    name: "durable jobs",
    sql: `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  payload JSONB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'failed', 'done', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
  run_at BIGINT NOT NULL,
  lease_until BIGINT,
  leased_by TEXT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE state IN ('pending', 'failed');
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE state = 'running';
CREATE INDEX jobs_state_type ON jobs (state, type, created_at);
`,
  },
  {
    version: 3,
    name: "jobs per tenant and subject, outbox of messages sent",
    // Nullable: jobs enqueued before this version (and jobs that belong to no tenant) keep NULL.
    sql: `
ALTER TABLE jobs ADD COLUMN tenant_id TEXT;
ALTER TABLE jobs ADD COLUMN subject_id TEXT;
CREATE INDEX jobs_tenant_subject ON jobs (tenant_id, subject_id, created_at);

CREATE TABLE outbox_messages (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  transport TEXT NOT NULL,
  payment_link_id TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX outbox_messages_tenant ON outbox_messages (tenant_id, created_at);
`,
  },
  {
    version: 4,
    name: "purge of finished jobs",
    // The periodic purge deletes done jobs by age; without this it would read every done job.
    sql: `
CREATE INDEX jobs_done_finished ON jobs (finished_at) WHERE state = 'done';
`,
  },
  {
    version: 5,
    name: "server instances",
    // Each running server records itself here; the rate limits split between those alive.
    sql: `
CREATE TABLE server_instances (
  id TEXT PRIMARY KEY,
  seen_at BIGINT NOT NULL
);
`,
  },
  {
    version: 6,
    name: "purge of processed notification keys",
    // The periodic purge deletes keys by age; without this it would read every key.
    sql: `
CREATE INDEX processed_notifications_at ON processed_notifications (processed_at);
`,
  },
  {
    version: 7,
    name: "payment links keep their Alma mode",
    // A payment lives in the Alma environment (test or live, separate accounts and keys) it was
    // created in. Existing links: the tenant's mode at the time of this migration, the best record
    // core has (see docs/operations.md); a plugin that kept a better one in the links' `custom`
    // corrects its own links in a migration of its own, which runs after core's. Edited after
    // release for that reason: this step read one platform's record itself, which core no longer
    // names. Databases that applied the old text already hold the same values.
    sql: `
ALTER TABLE payment_links ADD COLUMN alma_mode TEXT;
UPDATE payment_links SET alma_mode =
  (SELECT tenants.alma_mode FROM tenants WHERE tenants.id = payment_links.tenant_id);
ALTER TABLE payment_links ALTER COLUMN alma_mode SET NOT NULL;
ALTER TABLE payment_links ADD CONSTRAINT payment_links_alma_mode CHECK (alma_mode IN ('live', 'test'));
`,
  },
  {
    version: 8,
    name: "open payments are checked at Alma on a schedule",
    // next_check_at: when the payment watch next asks Alma about the link (NULL: not watched, the
    // link is final). Open links that exist already are due at once.
    sql: `
ALTER TABLE payment_links ADD COLUMN next_check_at BIGINT;
ALTER TABLE payment_links ADD COLUMN check_attempts INTEGER NOT NULL DEFAULT 0;
UPDATE payment_links SET next_check_at = updated_at WHERE state IN ('pending', 'authorized');
CREATE INDEX payment_links_next_check ON payment_links (next_check_at) WHERE next_check_at IS NOT NULL;
`,
  },
  {
    version: 9,
    name: "platforms come from the registered plugins; plugins' own migrations",
    // The platform list belongs to the plugins, so the tenants table stops naming them.
    // tenants_platform_check is the name PostgreSQL gave the column's CHECK in migration 1 as first
    // released; databases created since never had it, hence IF EXISTS.
    sql: `
ALTER TABLE tenants DROP CONSTRAINT IF EXISTS tenants_platform_check;
ALTER TABLE tenants ADD CONSTRAINT tenants_platform_length CHECK (length(platform) BETWEEN 1 AND 64);

CREATE TABLE plugin_migrations (
  plugin TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (plugin, version)
);
`,
  },
  {
    version: 11,
    name: "jobs: no index on (state, type, created_at); dead jobs indexed alone",
    // Every job written and every change of its state updated (state, type, created_at), yet no
    // hot query reads it: the worker leases through jobs_due, the purge through
    // jobs_done_finished, the timeline through jobs_tenant_subject, and counting jobs by state
    // reads them all anyway. Each notification Alma sends writes a job, so one index fewer is work
    // saved on every notification. Dead jobs (listed and deleted by the operator) keep an index of
    // their own, which a job only enters when it dies.
    sql: `
DROP INDEX jobs_state_type;
CREATE INDEX jobs_dead ON jobs (created_at) WHERE state = 'dead';
`,
  },
  {
    version: 12,
    name: "shared rate-limit windows",
    // Every instance counts in the same windows, so a limit holds for the whole deployment.
    // UNLOGGED: counters need not survive a database crash, and skip the WAL on every request.
    sql: `
CREATE UNLOGGED TABLE rate_limit_windows (
  key TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
);
CREATE INDEX rate_limit_windows_reset ON rate_limit_windows (reset_at);
`,
  },
];
