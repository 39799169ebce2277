import { confirmPaymentJob } from "@alma-suite/core/flows";
import { type AlmaMode, CallBatcher, type StorageTransaction } from "@alma-suite/core/storage";

/** A signed notification: the Alma modes whose key signed it (see TenantKeyCache). */
export interface SignedNotification {
  tenantId: string;
  pid: string;
  signedBy: readonly AlmaMode[];
}

/** A notified payment: our link and the Alma mode it was made in. */
export interface NotifiedPayment {
  tenantId: string;
  pid: string;
  paymentLinkId: string;
  almaMode: AlmaMode;
}

/**
 * `wrong_mode`: the payment was made in an Alma environment whose key did not sign the
 * notification (the other account signed it), so it is not trusted.
 */
export type Ingested = "queued" | "unknown_payment" | "wrong_mode";

/**
 * Writes confirmation jobs for incoming notifications in groups: every notification that
 * arrives while a write is in progress joins the next transaction, so a burst costs one
 * commit instead of one per notification (group commit). Each caller's promise settles only
 * once its job is committed, so Alma is never told "received" for something not yet durable.
 */
export class ConfirmationBatcher {
  readonly #batcher: CallBatcher<SignedNotification, Ingested>;

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
          const out: Ingested[] = [];
          for (const item of items) {
            // Only the link's id and mode: the whole row (its JSON `custom` decoded) is not needed here.
            const link = await tx.findPaymentModeByAlmaId(item.tenantId, item.pid);
            if (!link) out.push("unknown_payment");
            else if (!item.signedBy.includes(link.almaMode)) out.push("wrong_mode");
            else {
              await enqueueConfirmation(tx, { ...item, paymentLinkId: link.id, almaMode: link.almaMode });
              out.push("queued");
            }
          }
          return out;
        }),
    });
  }

  /**
   * Queues the confirmation of a payment the tenant knows, made in an Alma mode whose key signed
   * the notification; says why not otherwise.
   */
  enqueue(notification: SignedNotification): Promise<Ingested> {
    return this.#batcher.call(notification);
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
    const job = await confirmPaymentJob.enqueue(tx, {
      key: `alma:confirm:${paymentLinkId}:${seq}`,
      // The link id files the job under its payment (the dashboard's timeline); the mode says
      // which of the tenant's Alma accounts knows the payment.
      payload: { tenantId, almaPaymentId: pid, paymentLinkId, almaMode },
    });
    // Only a job about this very payment: a retry may have put a new payment on the link, and
    // a job still waiting with the old one would fetch that one and miss this notification.
    const samePayment = confirmPaymentJob.read(job)?.almaPaymentId === pid;
    if (samePayment && (job.state === "pending" || job.state === "failed")) return;
  }
}
