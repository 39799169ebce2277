import type { SecretInfo } from "../records.ts";
import { int, intOrNull, text } from "./row-reader.ts";
import type { SqlContext } from "./sql-executor.ts";

/**
 * A sealed value names where it belongs (a secret its tenant and name, a plugin's value its
 * context), so a row copied elsewhere by someone with database access but not the master key
 * fails to open instead of leaking a key across shops.
 */
function sealLabelled(ctx: SqlContext, labels: Record<string, string>, value: string): string {
  return ctx.secretBox.seal(JSON.stringify({ ...labels, v: value }));
}

/** The value, or null when the envelope does not carry exactly these labels. */
function openLabelled(ctx: SqlContext, labels: Record<string, string>, sealed: string): string | null {
  const envelope: unknown = JSON.parse(ctx.secretBox.open(sealed));
  if (typeof envelope !== "object" || envelope === null) return null;
  const fields = envelope as Record<string, unknown>;
  if (typeof fields.v !== "string") return null;
  return Object.entries(labels).every(([label, expected]) => fields[label] === expected) ? fields.v : null;
}

function seal(ctx: SqlContext, tenantId: string, name: string, value: string): string {
  return sealLabelled(ctx, { t: tenantId, n: name }, value);
}

function open(ctx: SqlContext, tenantId: string, name: string, sealed: string): string {
  const value = openLabelled(ctx, { t: tenantId, n: name }, sealed);
  if (value === null) throw new Error(`secret ${name} of tenant ${tenantId} does not belong to it`);
  return value;
}

/** A plugin's own sealed value, labelled with its context. */
export function sealValue(ctx: SqlContext, context: string, value: string): string {
  return sealLabelled(ctx, { c: context }, value);
}

export function openValue(ctx: SqlContext, context: string, sealed: string): string {
  const value = openLabelled(ctx, { c: context }, sealed);
  if (value === null) throw new Error("sealed value does not belong here");
  return value;
}

export async function setSecret(
  ctx: SqlContext,
  tenantId: string,
  name: string,
  value: string,
): Promise<void> {
  const now = ctx.now();
  await ctx.exec.execute(
    `INSERT INTO tenant_secrets (tenant_id, name, sealed, created_at, updated_at, rotated_at)
     VALUES ($1, $2, $3, $4, $4, NULL)
     ON CONFLICT (tenant_id, name)
     DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at, rotated_at = excluded.updated_at`,
    [tenantId, name, seal(ctx, tenantId, name, value), now],
  );
}

export async function getSecret(ctx: SqlContext, tenantId: string, name: string): Promise<string | null> {
  const rows = await ctx.exec.query("SELECT sealed FROM tenant_secrets WHERE tenant_id = $1 AND name = $2", [
    tenantId,
    name,
  ]);
  return rows[0] ? openCached(ctx, tenantId, name, text(rows[0], "sealed")) : null;
}

/**
 * Secrets already opened, per master key and by sealed value: hot paths read the same secret for
 * every call (a tenant's Alma key, an endpoint's signing secret), and this skips AES-GCM and the
 * envelope check for them. Setting a secret seals it with a fresh IV, so a changed secret has a
 * new sealed value and is never served stale; the tenant and name stay part of the lookup.
 */
const opened = new WeakMap<object, Map<string, string>>();
const OPENED_MAX = 1000;

function openCached(ctx: SqlContext, tenantId: string, name: string, sealed: string): string {
  let cache = opened.get(ctx.secretBox);
  if (!cache) {
    cache = new Map();
    opened.set(ctx.secretBox, cache);
  }
  const key = `${tenantId}\u0000${name}\u0000${sealed}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = open(ctx, tenantId, name, sealed);
  if (cache.size >= OPENED_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

export async function resealSecrets(
  ctx: SqlContext,
): Promise<{ resealed: number; unreadable: { tenantId: string; name: string }[] }> {
  const rows = await ctx.exec.query(
    "SELECT tenant_id, name, sealed FROM tenant_secrets ORDER BY tenant_id, name",
  );
  let resealed = 0;
  const unreadable: { tenantId: string; name: string }[] = [];
  for (const row of rows) {
    const tenantId = text(row, "tenant_id");
    const name = text(row, "name");
    const sealed = text(row, "sealed");
    let value: string;
    try {
      value = open(ctx, tenantId, name, sealed);
    } catch {
      unreadable.push({ tenantId, name });
      continue;
    }
    // Row by row, each guarded by the value read: a secret set meanwhile is already sealed with
    // the current key and keeps its new value. An interrupted run leaves rows under either key,
    // which the box still opens, and running it again finishes the job.
    resealed += await ctx.exec.execute(
      "UPDATE tenant_secrets SET sealed = $1 WHERE tenant_id = $2 AND name = $3 AND sealed = $4",
      [seal(ctx, tenantId, name, value), tenantId, name, sealed],
    );
  }
  return { resealed, unreadable };
}

export async function listSecrets(ctx: SqlContext, tenantId: string): Promise<SecretInfo[]> {
  const rows = await ctx.exec.query(
    "SELECT name, created_at, updated_at, rotated_at FROM tenant_secrets WHERE tenant_id = $1 ORDER BY name",
    [tenantId],
  );
  return rows.map((row) => ({
    name: text(row, "name"),
    createdAt: int(row, "created_at"),
    updatedAt: int(row, "updated_at"),
    rotatedAt: intOrNull(row, "rotated_at"),
  }));
}

export async function deleteSecret(ctx: SqlContext, tenantId: string, name: string): Promise<boolean> {
  const changed = await ctx.exec.execute("DELETE FROM tenant_secrets WHERE tenant_id = $1 AND name = $2", [
    tenantId,
    name,
  ]);
  return changed > 0;
}
