import type { SandboxServer } from "@alma-suite/alma-sandbox";
import type { Delivery } from "./hook-recorder.ts";
import type { RoundDatabase } from "./round-database.ts";

/**
 * What a round is judged on, each counted where the effect lands, never from our own bookkeeping
 * alone. Expected: per checkout one Alma payment, one order transition and one payment.accepted
 * message; per refund request one Alma refund, recorded as succeeded, and one payment.refunded
 * message.
 *
 * lost    = an expected effect that is missing after the drain: a checkout with no Alma payment, a
 *           paid payment whose order never moved, a refund request with no refund at Alma or not
 *           recorded as succeeded, an event whose message never reached the agency's endpoint.
 * doubled = an effect that happened twice: two Alma payments for one checkout, two Alma refunds for
 *           one refund request, an order transitioned twice (two `payment.accepted` events), two
 *           different messages (two webhook-ids) for one event.
 * Not doubled: the same message (same webhook-id) delivered again. Delivery is at-least-once and the
 * agency dedupes on webhook-id; those repeats are reported as `redelivered`.
 */
export interface RoundCounts {
  checkouts: number;
  refunds: number;
  messages: number;
  lost: number;
  doubled: number;
  redelivered: number;
  /** One line per lost or doubled effect, to say which. */
  problems: string[];
}

export async function countEffects(input: {
  db: RoundDatabase;
  sandbox: SandboxServer;
  tenantId: string;
  orders: string[];
  payments: { order: string; paymentId: string; refunds: string[] }[];
  deliveries: Delivery[];
}): Promise<RoundCounts> {
  const problems: string[] = [];
  let lost = 0;
  let doubled = 0;
  const flag = (kind: "lost" | "doubled", what: string) => {
    if (kind === "lost") lost++;
    else doubled++;
    problems.push(`${kind}: ${what}`);
  };
  const almaPayments = input.sandbox.sandbox.store.payments
    .list()
    .items.map((r) => r.payment)
    .filter((p) => (p.custom_data as { tenant_id?: string } | null)?.tenant_id === input.tenantId);
  const accepted = await input.db.rows(
    `SELECT payment_link_id AS link, COUNT(*) AS n FROM payment_events WHERE type = 'payment.accepted' GROUP BY payment_link_id`,
  );
  const refundRows = await input.db.rows(`SELECT platform_refund_ref AS ref, state FROM refunds`);
  let expectedMessages = 0;

  for (const { order, paymentId, refunds } of input.payments) {
    const atAlma = almaPayments.filter(
      (p) => (p.custom_data as { order_reference?: string }).order_reference === order,
    );
    if (atAlma.length === 0) flag("lost", `no Alma payment for checkout ${order}`);
    if (atAlma.length > 1) flag("doubled", `${atAlma.length} Alma payments for checkout ${order}`);
    const transitions = Number(accepted.find((r) => r.link === paymentId)?.n ?? 0);
    if (transitions === 0) flag("lost", `order ${order} never moved to paid`);
    if (transitions > 1) flag("doubled", `order ${order} moved to paid ${transitions} times`);
    expectedMessages += 1 + refunds.length;
    checkMessages("payment.accepted", paymentId);
    for (const reference of refunds) {
      const made = atAlma.flatMap((p) => p.refunds).filter((r) => r.merchant_reference === reference);
      if (made.length === 0) flag("lost", `no Alma refund for ${reference}`);
      if (made.length > 1) flag("doubled", `${made.length} Alma refunds for ${reference}`);
      const recorded = refundRows.find((r) => r.ref === reference);
      if (recorded?.state !== "succeeded")
        flag("lost", `refund ${reference} recorded as ${String(recorded?.state)}`);
      checkMessages("payment.refunded", reference);
    }
  }

  function checkMessages(type: string, subject: string) {
    const ids = new Set(
      input.deliveries.filter((d) => d.type === type && d.subject === subject).map((d) => d.webhookId),
    );
    if (ids.size === 0) flag("lost", `no ${type} message for ${subject}`);
    if (ids.size > 1) flag("doubled", `${ids.size} different ${type} messages for ${subject}`);
  }

  const mine = input.deliveries.filter((d) =>
    input.payments.some((p) => p.paymentId === d.subject || p.refunds.includes(d.subject)),
  );
  const redelivered = mine.length - new Set(mine.map((d) => d.webhookId)).size;
  return {
    checkouts: input.payments.length,
    refunds: input.payments.reduce((n, p) => n + p.refunds.length, 0),
    messages: expectedMessages,
    lost,
    doubled,
    redelivered,
    problems,
  };
}
