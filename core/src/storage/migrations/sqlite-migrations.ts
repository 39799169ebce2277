import type { Migration } from "./migration.ts";

/**
 * SQLite schema history. Never edit an applied migration: append a new version.
 * Kept parallel to postgres-migrations.ts; tables are STRICT so a non-integer amount is rejected, not coerced.
 */
export const sqliteMigrations: readonly Migration[] = [
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
  settings TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'uninstalled')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (platform, external_id)
) STRICT;

CREATE TABLE tenant_secrets (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  sealed TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  rotated_at INTEGER,
  PRIMARY KEY (tenant_id, name)
) STRICT;

CREATE TABLE payment_links (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  platform_order_ref TEXT NOT NULL,
  alma_payment_id TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  currency TEXT NOT NULL,
  state TEXT NOT NULL,
  plan_key TEXT,
  custom TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (tenant_id, platform_order_ref),
  UNIQUE (tenant_id, id)
) STRICT;
CREATE UNIQUE INDEX payment_links_alma_payment_id ON payment_links (tenant_id, alma_payment_id)
  WHERE alma_payment_id IS NOT NULL;
CREATE INDEX payment_links_tenant_state ON payment_links (tenant_id, state, updated_at);

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  payment_link_id TEXT NOT NULL,
  platform_refund_ref TEXT NOT NULL,
  alma_refund_id TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
  origin TEXT NOT NULL CHECK (origin IN ('platform', 'alma')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (tenant_id, platform_refund_ref),
  FOREIGN KEY (tenant_id, payment_link_id) REFERENCES payment_links (tenant_id, id)
) STRICT;
CREATE UNIQUE INDEX refunds_alma_refund_id ON refunds (tenant_id, alma_refund_id)
  WHERE alma_refund_id IS NOT NULL;
CREATE INDEX refunds_payment ON refunds (tenant_id, payment_link_id);

CREATE TABLE payment_events (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  payment_link_id TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  at INTEGER NOT NULL,
  FOREIGN KEY (tenant_id, payment_link_id) REFERENCES payment_links (tenant_id, id)
) STRICT;
CREATE INDEX payment_events_payment ON payment_events (tenant_id, payment_link_id, id);

CREATE TABLE processed_notifications (
  key TEXT PRIMARY KEY,
  processed_at INTEGER NOT NULL
) STRICT;
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
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'failed', 'done', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
  run_at INTEGER NOT NULL,
  lease_until INTEGER,
  leased_by TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
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
  created_at INTEGER NOT NULL
) STRICT;
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
  seen_at INTEGER NOT NULL
) STRICT;
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
ALTER TABLE payment_links ADD COLUMN alma_mode TEXT NOT NULL DEFAULT 'live' CHECK (alma_mode IN ('live', 'test'));
UPDATE payment_links SET alma_mode =
  (SELECT tenants.alma_mode FROM tenants WHERE tenants.id = payment_links.tenant_id);
`,
  },
  {
    version: 8,
    name: "open payments are checked at Alma on a schedule",
    // next_check_at: when the payment watch next asks Alma about the link (NULL: not watched, the
    // link is final). Open links that exist already are due at once.
    sql: `
ALTER TABLE payment_links ADD COLUMN next_check_at INTEGER;
ALTER TABLE payment_links ADD COLUMN check_attempts INTEGER NOT NULL DEFAULT 0;
UPDATE payment_links SET next_check_at = updated_at WHERE state IN ('pending', 'authorized');
CREATE INDEX payment_links_next_check ON payment_links (next_check_at) WHERE next_check_at IS NOT NULL;
`,
  },
  {
    version: 9,
    name: "platforms come from the registered plugins; plugins' own migrations",
    // The platform list belongs to the plugins, so the tenants table stops naming them. SQLite
    // cannot drop a CHECK in place: the table is rebuilt. Its rows wait in a copy; dropping it
    // deletes them, and with them (ON DELETE CASCADE) the tenants' sealed secrets, kept aside too.
    // Deferred foreign keys count the rows left pointing at no tenant and count them back as the
    // tenants return, so the commit still fails if any were lost.
    sql: `
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE tenants_kept AS SELECT * FROM tenants;
CREATE TEMP TABLE tenant_secrets_kept AS SELECT * FROM tenant_secrets;
DROP TABLE tenants;
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  platform TEXT NOT NULL CHECK (length(platform) BETWEEN 1 AND 64),
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  alma_mode TEXT NOT NULL CHECK (alma_mode IN ('live', 'test')),
  settings TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'uninstalled')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (platform, external_id)
) STRICT;
INSERT INTO tenants (id, platform, external_id, name, alma_mode, settings, status, created_at, updated_at)
  SELECT id, platform, external_id, name, alma_mode, settings, status, created_at, updated_at FROM temp.tenants_kept;
INSERT INTO tenant_secrets SELECT * FROM temp.tenant_secrets_kept;
DROP TABLE temp.tenants_kept;
DROP TABLE temp.tenant_secrets_kept;

CREATE TABLE plugin_migrations (
  plugin TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (plugin, version)
) STRICT;
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
];
