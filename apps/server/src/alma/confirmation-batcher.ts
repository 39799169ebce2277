import { CONFIRM_PAYMENT_JOB, type ConfirmPaymentPayload } from "@alma-suite/core/flows";
import { type AlmaMode, CallBatcher, type StorageTransaction } from "@alma-suite/core/storage";

/** A notified payment, as the IPN intake found it: our link and the Alma mode it was made in. */
export interface NotifiedPayment {
  tenantId: string;
  pid: string;
  paymentLinkId: string;
  almaMode: AlmaMode;
}

/**
 * Writes confirmation jobs for incoming notifications in groups: every notification that
 * arrives while a write is in progress joins the next transaction, so a burst costs one
 * commit instead of one per notification (group commit). Each caller's promise settles only
 * once its job is committed, so Alma is never told "received" for something not yet durable.
 */
export class ConfirmationBatcher {
  readonly #batcher: CallBatcher<NotifiedPayment, void>;

  constructor(storage: StorageTransaction) {
    this.#batcher = new CallBatcher({
      maxBatch: 500,
      // node:sqlite is synchronous: writing right away would finish before the next request is
      // even parsed, one commit each. Waiting for the end of this event-loop turn lets every
      // request read in the same turn join the group.
      gatherTurn: true,
      // Reads inside the transaction skip the per-statement lock, which is most of their cost.
      run: (items) =>
        storage.transaction(async (tx) => {
          for (const item of items) await enqueueConfirmation(tx, item);
          return items.map(() => undefined);
        }),
    });
  }

  /** Queues the confirmation of a payment the tenant knows. */
  enqueue(payment: NotifiedPayment): Promise<void> {
    return this.#batcher.call(payment);
  }
}

/**
 * Confirmation jobs for one payment are numbered. A notification joins the first one that has
 * not started yet (it fetches the payment from Alma when it runs, so it sees whatever this
 * notification announces); when every numbered job has already run or is running, it adds the
 * next. Two notifications racing for the same number make one job, by the queue's key.
 * The key names our payment link, not Alma's id: link ids grow with time while Alma's are random,
 * and a random key would land each insert on a different page of the key index.
 */
export async function enqueueConfirmation(
  tx: StorageTransaction,
  { tenantId, pid, paymentLinkId, almaMode }: NotifiedPayment,
): Promise<void> {
  for (let seq = 0; seq < 1000; seq++) {
    // Insert-or-get by key: the first notification of a payment (the common case) costs one
    // statement; a later one gets the existing job back and joins it if it has not started.
    const job = await tx.enqueue({
      type: CONFIRM_PAYMENT_JOB,
      key: `alma:confirm:${paymentLinkId}:${seq}`,
      // The link id files the job under its payment (the dashboard's timeline); the mode says
      // which of the tenant's Alma accounts knows the payment.
      payload: { tenantId, almaPaymentId: pid, paymentLinkId, almaMode } satisfies ConfirmPaymentPayload,
    });
    // Only a job about this very payment: a retry may have put a new payment on the link, and
    // a job still waiting with the old one would fetch that one and miss this notification.
    const samePayment = (job.payload as ConfirmPaymentPayload).almaPaymentId === pid;
    if (samePayment && (job.state === "pending" || job.state === "failed")) return;
  }
}
