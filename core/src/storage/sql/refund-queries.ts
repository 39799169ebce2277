import { newId } from "../ids.ts";
import type { CreateRefundResult, NewRefund, Refund, RefundPatch, RefundState } from "../records.ts";
import { int, oneOf, text, textOrNull } from "./row-reader.ts";
import { placeholders, type SqlContext, type SqlRow, type SqlValue } from "./sql-executor.ts";
import { assertCents } from "./validate.ts";

const REFUND_STATES: readonly RefundState[] = ["pending", "succeeded", "failed"];

function toRefund(row: SqlRow): Refund {
  return {
    id: text(row, "id"),
    tenantId: text(row, "tenant_id"),
    paymentLinkId: text(row, "payment_link_id"),
    platformRefundRef: text(row, "platform_refund_ref"),
    almaRefundId: textOrNull(row, "alma_refund_id"),
    amountCents: int(row, "amount_cents"),
    state: oneOf(row, "state", REFUND_STATES),
    origin: oneOf(row, "origin", ["platform", "alma"] as const),
    createdAt: int(row, "created_at"),
    updatedAt: int(row, "updated_at"),
  };
}

/**
 * Must run inside a transaction: the payment row is locked first (PostgreSQL `FOR UPDATE`; SQLite's
 * BEGIN IMMEDIATE already excludes other writers) so two concurrent refunds cannot both pass the
 * "not above what was paid" check.
 */
export async function createRefundLocked(ctx: SqlContext, input: NewRefund): Promise<CreateRefundResult> {
  assertCents(input.amountCents, "amountCents", 1);
  const lock = ctx.exec.dialect === "postgres" ? "FOR UPDATE" : "";
  const links = await ctx.exec.query(
    `SELECT amount_cents FROM payment_links WHERE tenant_id = $1 AND id = $2 ${lock}`,
    [input.tenantId, input.paymentLinkId],
  );
  if (!links[0]) return { outcome: "unknown_payment" };
  const existing = await findRefundByPlatformRef(ctx, input.tenantId, input.platformRefundRef);
  if (existing) return { outcome: "existing", refund: existing };
  const refundableCents =
    int(links[0], "amount_cents") - (await sumRefundedCents(ctx, input.tenantId, input.paymentLinkId));
  if (input.amountCents > refundableCents) return { outcome: "exceeds_refundable", refundableCents };
  const rows = await ctx.exec.query(
    `INSERT INTO refunds (id, tenant_id, payment_link_id, platform_refund_ref, alma_refund_id, amount_cents,
       state, origin, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     RETURNING *`,
    [
      newId("rfd"),
      input.tenantId,
      input.paymentLinkId,
      input.platformRefundRef,
      input.almaRefundId ?? null,
      input.amountCents,
      input.state ?? "pending",
      input.origin,
      ctx.now(),
    ],
  );
  if (!rows[0]) throw new Error("refund insert returned no row");
  return { outcome: "created", refund: toRefund(rows[0]) };
}

async function findOne(ctx: SqlContext, tenantId: string, column: string, value: string) {
  const rows = await ctx.exec.query(`SELECT * FROM refunds WHERE tenant_id = $1 AND ${column} = $2`, [
    tenantId,
    value,
  ]);
  return rows[0] ? toRefund(rows[0]) : null;
}

export function getRefund(ctx: SqlContext, tenantId: string, id: string): Promise<Refund | null> {
  return findOne(ctx, tenantId, "id", id);
}

export function findRefundByPlatformRef(
  ctx: SqlContext,
  tenantId: string,
  ref: string,
): Promise<Refund | null> {
  return findOne(ctx, tenantId, "platform_refund_ref", ref);
}

export function findRefundByAlmaId(
  ctx: SqlContext,
  tenantId: string,
  almaId: string,
): Promise<Refund | null> {
  return findOne(ctx, tenantId, "alma_refund_id", almaId);
}

export async function listRefunds(
  ctx: SqlContext,
  tenantId: string,
  paymentLinkId: string,
): Promise<Refund[]> {
  const rows = await ctx.exec.query(
    "SELECT * FROM refunds WHERE tenant_id = $1 AND payment_link_id = $2 ORDER BY created_at, id",
    [tenantId, paymentLinkId],
  );
  return rows.map(toRefund);
}

export async function transitionRefund(
  ctx: SqlContext,
  tenantId: string,
  id: string,
  from: readonly RefundState[],
  to: RefundState,
  patch: RefundPatch = {},
): Promise<boolean> {
  if (from.length === 0) return false;
  const params: SqlValue[] = [tenantId, id, ctx.now(), to, ...from];
  const sets = ["updated_at = $3", "state = $4"];
  if (patch.almaRefundId !== undefined) {
    params.push(patch.almaRefundId);
    sets.push(`alma_refund_id = $${params.length}`);
  }
  const changed = await ctx.exec.execute(
    `UPDATE refunds SET ${sets.join(", ")}
     WHERE tenant_id = $1 AND id = $2 AND state IN (${placeholders(from.length, 4)})`,
    params,
  );
  return changed === 1;
}

export async function sumRefundedCents(
  ctx: SqlContext,
  tenantId: string,
  paymentLinkId: string,
  options: { succeededOnly?: boolean } = {},
): Promise<number> {
  const states = options.succeededOnly ? "'succeeded'" : "'pending', 'succeeded'";
  const rows = await ctx.exec.query(
    `SELECT COALESCE(SUM(amount_cents), 0) AS total FROM refunds
     WHERE tenant_id = $1 AND payment_link_id = $2 AND state IN (${states})`,
    [tenantId, paymentLinkId],
  );
  return rows[0] ? int(rows[0], "total") : 0;
}
