import { firstCheckAt } from "../check-schedule.ts";
import { newId } from "../ids.ts";
import {
  type AlmaMode,
  type NewPaymentLink,
  OPEN_PAYMENT_STATES,
  type PaymentLink,
  type PaymentListQuery,
  type PaymentPatch,
  type PaymentState,
} from "../records.ts";
import { int, intOrNull, jsonObject, text, textOrNull } from "./row-reader.ts";
import { placeholders, type SqlContext, type SqlRow, type SqlValue } from "./sql-executor.ts";
import { assertCents, clampLimit } from "./validate.ts";

function toPaymentLink(row: SqlRow): PaymentLink {
  return {
    id: text(row, "id"),
    tenantId: text(row, "tenant_id"),
    platformOrderRef: text(row, "platform_order_ref"),
    almaPaymentId: textOrNull(row, "alma_payment_id"),
    amountCents: int(row, "amount_cents"),
    currency: text(row, "currency"),
    // Any string is accepted so a state added by a plugin needs no migration.
    state: text(row, "state") as PaymentState,
    planKey: textOrNull(row, "plan_key"),
    custom: jsonObject(row, "custom"),
    almaMode: text(row, "alma_mode") as AlmaMode,
    nextCheckAt: intOrNull(row, "next_check_at"),
    checkAttempts: int(row, "check_attempts"),
    createdAt: int(row, "created_at"),
    updatedAt: int(row, "updated_at"),
  };
}

export async function createPaymentLink(
  ctx: SqlContext,
  input: NewPaymentLink,
): Promise<{ link: PaymentLink; created: boolean }> {
  assertCents(input.amountCents, "amountCents", 0);
  const now = ctx.now();
  const state = input.state ?? "pending";
  // Without a mode given, the tenant's mode now: the one every Alma call of this checkout uses.
  const rows = await ctx.exec.query(
    `INSERT INTO payment_links (id, tenant_id, platform_order_ref, alma_payment_id, amount_cents, currency,
       state, plan_key, custom, created_at, updated_at, alma_mode, next_check_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10,
       COALESCE(CAST($11 AS TEXT), (SELECT alma_mode FROM tenants WHERE id = $2)), $12)
     ON CONFLICT (tenant_id, platform_order_ref) DO NOTHING
     RETURNING *`,
    [
      newId("pay"),
      input.tenantId,
      input.platformOrderRef,
      input.almaPaymentId ?? null,
      input.amountCents,
      input.currency,
      state,
      input.planKey ?? null,
      JSON.stringify(input.custom ?? {}),
      now,
      input.almaMode ?? null,
      OPEN_PAYMENT_STATES.includes(state) ? firstCheckAt(now) : null,
    ],
  );
  if (rows[0]) return { link: toPaymentLink(rows[0]), created: true };
  const existing = await findPaymentByOrderRef(ctx, input.tenantId, input.platformOrderRef);
  if (!existing) throw new Error("payment link insert conflicted but no link was found");
  return { link: existing, created: false };
}

async function findOne(ctx: SqlContext, tenantId: string, column: string, value: string, lock = "") {
  const rows = await ctx.exec.query(
    `SELECT * FROM payment_links WHERE tenant_id = $1 AND ${column} = $2 ${lock}`.trimEnd(),
    [tenantId, value],
  );
  return rows[0] ? toPaymentLink(rows[0]) : null;
}

export function getPaymentLink(ctx: SqlContext, tenantId: string, id: string): Promise<PaymentLink | null> {
  return findOne(ctx, tenantId, "id", id);
}

/** `getPaymentLink` holding the row until the transaction ends (see `StorageTransaction.lockPaymentLink`). */
export function lockPaymentLink(ctx: SqlContext, tenantId: string, id: string): Promise<PaymentLink | null> {
  return findOne(ctx, tenantId, "id", id, ctx.exec.dialect === "postgres" ? "FOR UPDATE" : "");
}

export function findPaymentByOrderRef(
  ctx: SqlContext,
  tenantId: string,
  ref: string,
): Promise<PaymentLink | null> {
  return findOne(ctx, tenantId, "platform_order_ref", ref);
}

export function findPaymentByAlmaId(
  ctx: SqlContext,
  tenantId: string,
  almaId: string,
): Promise<PaymentLink | null> {
  return findOne(ctx, tenantId, "alma_payment_id", almaId);
}

/**
 * Which link holds this Alma payment, and in which Alma environment it was made: all an IPN needs
 * before its signature is checked (one read of the (tenant, Alma id) index, no JSON decoded).
 */
export async function findPaymentModeByAlmaId(
  ctx: SqlContext,
  tenantId: string,
  almaId: string,
): Promise<{ id: string; almaMode: AlmaMode } | null> {
  const rows = await ctx.exec.query(
    "SELECT id, alma_mode FROM payment_links WHERE tenant_id = $1 AND alma_payment_id = $2",
    [tenantId, almaId],
  );
  const row = rows[0];
  return row ? { id: text(row, "id"), almaMode: text(row, "alma_mode") as AlmaMode } : null;
}

/** Every tenant's links whose next check is due by `dueBy`, the most overdue first (the payment watch). */
export async function listDuePaymentChecks(
  ctx: SqlContext,
  dueBy: number,
  limit: number,
): Promise<PaymentLink[]> {
  const rows = await ctx.exec.query(
    `SELECT * FROM payment_links WHERE next_check_at IS NOT NULL AND next_check_at <= $1
     ORDER BY next_check_at LIMIT $2`,
    [dueBy, clampLimit(limit)],
  );
  return rows.map(toPaymentLink);
}

/**
 * Sets when the payment watch next checks an open link and how many checks it made, leaving
 * `updated_at` alone (nothing about the payment changed). A link that became final meanwhile is
 * not re-armed: answers false.
 */
export async function schedulePaymentCheck(
  ctx: SqlContext,
  tenantId: string,
  id: string,
  schedule: { nextCheckAt: number | null; checkAttempts?: number },
): Promise<boolean> {
  const params: SqlValue[] = [tenantId, id, schedule.nextCheckAt, ...OPEN_PAYMENT_STATES];
  const open = placeholders(OPEN_PAYMENT_STATES.length, 3);
  let attempts = "";
  if (schedule.checkAttempts !== undefined) {
    params.push(schedule.checkAttempts);
    attempts = `, check_attempts = $${params.length}`;
  }
  const changed = await ctx.exec.execute(
    `UPDATE payment_links SET next_check_at = CAST($3 AS BIGINT)${attempts}
     WHERE tenant_id = $1 AND id = $2 AND state IN (${open})`,
    params,
  );
  return changed === 1;
}

export async function listPaymentLinks(
  ctx: SqlContext,
  tenantId: string,
  query: PaymentListQuery = {},
): Promise<PaymentLink[]> {
  const params: SqlValue[] = [tenantId, query.updatedBefore ?? null, clampLimit(query.limit)];
  let stateFilter = "";
  if (query.states) {
    if (query.states.length === 0) return [];
    stateFilter = `AND state IN (${placeholders(query.states.length, params.length)})`;
    params.push(...query.states);
  }
  let cursorFilter = "";
  if (query.before) {
    params.push(query.before.createdAt, query.before.id);
    const [at, id] = [params.length - 1, params.length];
    cursorFilter = `AND (created_at < $${at} OR (created_at = $${at} AND id < $${id}))`;
  }
  let referenceFilter = "";
  if (query.reference !== undefined) {
    params.push(query.reference);
    referenceFilter = `AND (platform_order_ref = $${params.length} OR alma_payment_id = $${params.length})`;
  }
  let channelFilter = "";
  if (query.channel !== undefined) {
    params.push(query.channel);
    const channel =
      ctx.exec.dialect === "postgres" ? "custom->>'channel'" : "json_extract(custom, '$.channel')";
    channelFilter = `AND ${channel} = $${params.length}`;
  }
  const rows = await ctx.exec.query(
    `SELECT * FROM payment_links
     WHERE tenant_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR updated_at < $2) ${stateFilter} ${cursorFilter}
       ${referenceFilter} ${channelFilter}
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    params,
  );
  return rows.map(toPaymentLink);
}

/** Appends `column = $n` assignments for the patch, numbering after the existing params. */
function patchAssignments(patch: PaymentPatch, params: SqlValue[]): string[] {
  const sets: string[] = [];
  const set = (column: string, value: SqlValue) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (patch.almaPaymentId !== undefined) set("alma_payment_id", patch.almaPaymentId);
  if (patch.planKey !== undefined) set("plan_key", patch.planKey);
  if (patch.custom !== undefined) set("custom", JSON.stringify(patch.custom));
  if (patch.almaMode !== undefined) set("alma_mode", patch.almaMode);
  return sets;
}

export async function updatePaymentLink(
  ctx: SqlContext,
  tenantId: string,
  id: string,
  patch: PaymentPatch,
): Promise<PaymentLink | null> {
  const params: SqlValue[] = [tenantId, id, ctx.now()];
  const sets = ["updated_at = $3", ...patchAssignments(patch, params)];
  const rows = await ctx.exec.query(
    `UPDATE payment_links SET ${sets.join(", ")} WHERE tenant_id = $1 AND id = $2 RETURNING *`,
    params,
  );
  return rows[0] ? toPaymentLink(rows[0]) : null;
}

export async function transitionPayment(
  ctx: SqlContext,
  tenantId: string,
  id: string,
  from: readonly PaymentState[],
  to: PaymentState,
  patch: PaymentPatch = {},
  guard: { almaPaymentId?: string } = {},
): Promise<boolean> {
  if (from.length === 0) return false;
  const params: SqlValue[] = [tenantId, id, ctx.now(), to, ...from];
  const fromList = placeholders(from.length, 4);
  // A final state ends the payment watch of the link, in the same statement.
  const final = !OPEN_PAYMENT_STATES.includes(to);
  const sets = [
    "updated_at = $3",
    "state = $4",
    ...(final ? ["next_check_at = NULL"] : []),
    ...patchAssignments(patch, params),
  ];
  let held = "";
  if (guard.almaPaymentId !== undefined) {
    params.push(guard.almaPaymentId);
    held = ` AND alma_payment_id = $${params.length}`;
  }
  // One conditional UPDATE: the database serialises concurrent writers on the row and re-checks the
  // state, so exactly one caller sees a changed row.
  const changed = await ctx.exec.execute(
    `UPDATE payment_links SET ${sets.join(", ")}
     WHERE tenant_id = $1 AND id = $2 AND state IN (${fromList})${held}`,
    params,
  );
  return changed === 1;
}
