import type { AlmaClient, Payment, PluginDeps } from "@alma-suite/core";
import { AlmaInvalidRequestError } from "@alma-suite/core";
import { confirmPayment } from "@alma-suite/core/flows";
import { almaModeOf, readSession } from "../payment-session/session-record.ts";
import { mutationJob, mutationKey } from "../session-mutations/mutation-job.ts";
import type { CapturePayload } from "./accept-capture.ts";

type Verdict =
  | { ok: true }
  | { ok: false; code: "AUTHORIZATION_EXPIRED" | "PROCESSING_ERROR"; message: string };

/**
 * The `shopify:capture` job. An authorization is an Alma payment upon trigger; capturing it is
 * Alma's trigger, which charges the first instalment. Alma cannot capture part of a payment, so a
 * partial capture is refused. Then `captureSessionResolve` or `captureSessionReject` is queued and
 * the payment confirmed, which moves our record from authorized to paid.
 */
export async function processCapture(
  deps: Pick<PluginDeps, "storage" | "almaFor" | "logger">,
  p: CapturePayload,
): Promise<void> {
  const link = await deps.storage.getPaymentLink(p.tenantId, p.paymentLinkId);
  const session = link && readSession(link);
  if (!link || !session) throw new Error(`payment link ${p.paymentLinkId} is missing`);
  const alma = await deps.almaFor(p.tenantId, almaModeOf(session));
  const verdict = await capture(
    alma,
    link.almaPaymentId,
    link.state,
    session.kind,
    link.amountCents,
    p.amountCents,
  );
  const name = verdict.ok ? "captureSessionResolve" : "captureSessionReject";
  const variables = verdict.ok
    ? { id: p.gid }
    : { id: p.gid, reason: { code: verdict.code, merchantMessage: verdict.message.slice(0, 255) } };
  await deps.storage.transaction(async (tx) => {
    await tx.appendPaymentEvent({
      tenantId: p.tenantId,
      paymentLinkId: link.id,
      type: verdict.ok ? "capture.succeeded" : "capture.refused",
      data: { gid: p.gid, amountCents: p.amountCents, ...(verdict.ok ? {} : { reason: verdict.message }) },
    });
    await tx.enqueue(
      mutationJob(mutationKey(name, p.gid), {
        tenantId: p.tenantId,
        paymentLinkId: link.id,
        name,
        variables,
      }),
    );
  });
  if (verdict.ok && link.almaPaymentId) {
    await confirmPayment(
      { storage: deps.storage, alma },
      { tenantId: p.tenantId, almaPaymentId: link.almaPaymentId, source: "reconciliation" },
    );
  }
}

async function capture(
  alma: AlmaClient,
  almaPaymentId: string | null,
  state: string,
  kind: string,
  amountCents: number,
  captureCents: number,
): Promise<Verdict> {
  if (!almaPaymentId || kind !== "authorization" || !["authorized", "paid"].includes(state))
    return {
      ok: false,
      code: "PROCESSING_ERROR",
      message: `nothing authorised to capture (payment ${state})`,
    };
  if (captureCents !== amountCents)
    return { ok: false, code: "PROCESSING_ERROR", message: "Alma captures the whole authorised amount only" };
  let payment: Payment;
  try {
    payment = await alma.payments.trigger(almaPaymentId);
  } catch (error) {
    if (!(error instanceof AlmaInvalidRequestError)) throw error;
    payment = await alma.payments.fetch(almaPaymentId);
    // Triggered by an earlier attempt of this job, or by Alma itself at the end of its limit.
    if (payment.deferred_trigger_applied != null) return { ok: true };
    const expired = payment.state === "stopped" || payment.expired_at != null;
    return {
      ok: false,
      code: expired ? "AUTHORIZATION_EXPIRED" : "PROCESSING_ERROR",
      message: `Alma: ${error.message}`,
    };
  }
  return payment.deferred_trigger_applied != null
    ? { ok: true }
    : { ok: false, code: "PROCESSING_ERROR", message: "Alma did not apply the trigger" };
}
