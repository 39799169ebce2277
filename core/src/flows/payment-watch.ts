import { z } from "zod";
import type { AlmaClient } from "../alma/alma-client.ts";
import { type JobDefinition, jobType } from "../jobs/job-type.ts";
import type { AlmaCallOptions, PluginLogger } from "../platform/plugin-deps.ts";
import { nextCheckAt } from "../storage/check-schedule.ts";
import { OPEN_PAYMENT_STATES, type PaymentLink } from "../storage/records.ts";
import type { Storage } from "../storage/storage.ts";
import { type ConfirmOutcome, confirmPayment } from "./confirm-payment.ts";

/** Job type of one check of one open payment at Alma. */
export const CHECK_PAYMENT_JOB = "core:check-payment";

/** How long a queued check holds its link before a sweep may queue another (its job died, say). */
export const CHECK_CLAIM_MS = 15 * 60_000;
/** Links a sweep queues at most; the rest are the next sweep's (most overdue first). */
const SWEEP_LIMIT = 500;

export const checkPaymentJob = jobType(
  CHECK_PAYMENT_JOB,
  z.object({ tenantId: z.string(), paymentLinkId: z.string() }),
);
export type CheckPaymentPayload = z.infer<typeof checkPaymentJob.payload>;

/**
 * The sweep, run every interval by each instance that runs jobs: one durable check job per link
 * whose next check is due (every platform's links and PoS links alike). The link's next check moves
 * ahead by CHECK_CLAIM_MS in the same transaction, so sweeps do not queue it again while its job
 * waits; the job sets the real next check. Keyed by link and due time, so instances sweeping
 * together queue it once. Returns how many links were queued.
 */
export async function enqueueDuePaymentChecks(deps: {
  storage: Storage;
  now: () => number;
}): Promise<number> {
  const now = deps.now();
  const due = await deps.storage.listDuePaymentChecks(now, SWEEP_LIMIT);
  for (const link of due) {
    await deps.storage.transaction(async (tx) => {
      await checkPaymentJob.enqueue(tx, {
        key: `${CHECK_PAYMENT_JOB}:${link.id}:${link.nextCheckAt}`,
        payload: { tenantId: link.tenantId, paymentLinkId: link.id },
      });
      await tx.schedulePaymentCheck(link.tenantId, link.id, { nextCheckAt: now + CHECK_CLAIM_MS });
    });
  }
  return due.length;
}

export interface PaymentCheckReport {
  /** What Alma's answer did to the link; `no_payment` when no Alma payment exists yet. */
  outcome: ConfirmOutcome["status"] | "no_payment" | "final" | "alma_unreachable";
  /** The link's next check; null when it is final or no longer watched. */
  nextCheckAt: number | null;
  checkAttempts: number;
}

/**
 * One check of one link: asks Alma (the account of the payment's own mode) through the same
 * confirmation as an IPN, so whichever of a notification and a check comes first moves the link and
 * the other changes nothing; then schedules the next check while the link stays open. Alma being
 * unreachable counts as a check: the schedule itself is the retry.
 */
export async function checkPayment(
  deps: {
    storage: Storage;
    almaFor: (tenantId: string, call?: AlmaCallOptions) => Promise<AlmaClient>;
    logger: PluginLogger;
    now: () => number;
  },
  input: CheckPaymentPayload,
): Promise<PaymentCheckReport | null> {
  const link = await deps.storage.getPaymentLink(input.tenantId, input.paymentLinkId);
  if (!link) return null;
  if (!OPEN_PAYMENT_STATES.includes(link.state)) {
    return { outcome: "final", nextCheckAt: null, checkAttempts: link.checkAttempts };
  }
  let outcome: PaymentCheckReport["outcome"] = "no_payment";
  if (link.almaPaymentId) {
    try {
      const alma = await deps.almaFor(link.tenantId, { mode: link.almaMode });
      outcome = (
        await confirmPayment(
          { storage: deps.storage, alma },
          { tenantId: link.tenantId, almaPaymentId: link.almaPaymentId, source: "watch" },
        )
      ).status;
    } catch (error) {
      outcome = "alma_unreachable";
      deps.logger.warn(
        { tenantId: link.tenantId, paymentLinkId: link.id, err: String(error) },
        "payment check at Alma failed",
      );
    }
  }
  return schedule(deps, link, outcome);
}

async function schedule(
  deps: { storage: Storage; now: () => number },
  link: PaymentLink,
  outcome: PaymentCheckReport["outcome"],
): Promise<PaymentCheckReport> {
  const checkAttempts = link.checkAttempts + 1;
  const next = nextCheckAt(checkAttempts, deps.now(), link.createdAt);
  // False when the confirmation just made the link final: its watch is over.
  const open = await deps.storage.schedulePaymentCheck(link.tenantId, link.id, {
    nextCheckAt: next,
    checkAttempts,
  });
  return {
    outcome,
    nextCheckAt: open ? next : null,
    checkAttempts: open ? checkAttempts : link.checkAttempts,
  };
}

/** The job the sweep queues (and an operator's forced check runs inline). */
export function paymentWatchJobs(deps: {
  storage: Storage;
  almaFor: (tenantId: string, call?: AlmaCallOptions) => Promise<AlmaClient>;
  logger: PluginLogger;
  now: () => number;
}): Record<string, JobDefinition> {
  return {
    [CHECK_PAYMENT_JOB]: checkPaymentJob.define(async (input) => {
      const report = await checkPayment(deps, input);
      if (report && report.outcome !== "not_decided" && report.outcome !== "no_payment")
        deps.logger.info({ ...input, ...report }, "payment checked at Alma");
    }),
    // The PoS-only sweep this watch replaced may have left its jobs queued: they have nothing to do.
    "core:pos-reconcile": { payload: z.unknown(), run: async () => {} },
  };
}
