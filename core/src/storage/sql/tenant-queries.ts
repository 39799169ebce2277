import { newId } from "../ids.ts";
import {
  ALMA_MODES,
  type NewTenant,
  type Platform,
  type Tenant,
  type TenantPatch,
  type TenantStatus,
} from "../records.ts";
import { int, jsonObject, oneOf, text } from "./row-reader.ts";
import type { SqlContext, SqlRow, SqlValue } from "./sql-executor.ts";

const TENANT_STATUSES: readonly TenantStatus[] = ["active", "uninstalled"];

function toTenant(row: SqlRow): Tenant {
  return {
    id: text(row, "id"),
    platform: text(row, "platform"),
    externalId: text(row, "external_id"),
    name: text(row, "name"),
    almaMode: oneOf(row, "alma_mode", ALMA_MODES),
    settings: jsonObject(row, "settings"),
    status: oneOf(row, "status", TENANT_STATUSES),
    createdAt: int(row, "created_at"),
    updatedAt: int(row, "updated_at"),
  };
}

export async function createTenant(
  ctx: SqlContext,
  input: NewTenant,
): Promise<{ tenant: Tenant; created: boolean }> {
  const now = ctx.now();
  const rows = await ctx.exec.query(
    `INSERT INTO tenants (id, platform, external_id, name, alma_mode, settings, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7)
     ON CONFLICT (platform, external_id) DO NOTHING
     RETURNING *`,
    [
      newId("ten"),
      input.platform,
      input.externalId,
      input.name,
      input.almaMode ?? "test",
      JSON.stringify(input.settings ?? {}),
      now,
    ],
  );
  if (rows[0]) return { tenant: toTenant(rows[0]), created: true };
  const existing = await findTenantByExternalId(ctx, input.platform, input.externalId);
  if (!existing) throw new Error("tenant insert conflicted but no tenant was found");
  return { tenant: existing, created: false };
}

export async function getTenant(ctx: SqlContext, id: string): Promise<Tenant | null> {
  const rows = await ctx.exec.query("SELECT * FROM tenants WHERE id = $1", [id]);
  return rows[0] ? toTenant(rows[0]) : null;
}

export async function findTenantByExternalId(
  ctx: SqlContext,
  platform: Platform,
  externalId: string,
): Promise<Tenant | null> {
  const rows = await ctx.exec.query("SELECT * FROM tenants WHERE platform = $1 AND external_id = $2", [
    platform,
    externalId,
  ]);
  return rows[0] ? toTenant(rows[0]) : null;
}

export async function listTenants(
  ctx: SqlContext,
  query: { platform?: Platform; status?: TenantStatus } = {},
): Promise<Tenant[]> {
  const rows = await ctx.exec.query(
    `SELECT * FROM tenants
     WHERE (CAST($1 AS TEXT) IS NULL OR platform = $1) AND (CAST($2 AS TEXT) IS NULL OR status = $2)
     ORDER BY created_at, id`,
    [query.platform ?? null, query.status ?? null],
  );
  return rows.map(toTenant);
}

export async function updateTenant(ctx: SqlContext, id: string, patch: TenantPatch): Promise<Tenant | null> {
  const sets: string[] = [];
  const params: SqlValue[] = [id, ctx.now()];
  const set = (column: string, value: SqlValue) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (patch.name !== undefined) set("name", patch.name);
  if (patch.almaMode !== undefined) set("alma_mode", patch.almaMode);
  if (patch.settings !== undefined) set("settings", JSON.stringify(patch.settings));
  if (patch.status !== undefined) set("status", patch.status);
  const rows = await ctx.exec.query(
    `UPDATE tenants SET ${[...sets, "updated_at = $2"].join(", ")} WHERE id = $1 RETURNING *`,
    params,
  );
  return rows[0] ? toTenant(rows[0]) : null;
}
