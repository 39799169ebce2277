import { enqueueDuePaymentChecks } from "@alma-suite/core/flows";
import { type PeriodicTask, periodicTask, type Storage } from "@alma-suite/core/storage";

/** Job type of the sweep that queues the due checks of open payments. */
export const PAYMENT_WATCH_SWEEP_JOB = "core:payment-watch-sweep";

/**
 * Every `intervalMs`, queues the durable checks of the open payments that are due (see core's
 * payment-watch.ts), as a periodic task: one sweep per interval however many instances run jobs,
 * and none lost to a restart. Timer mode (the server starts it): an idle suite then has nothing
 * pending in its queue between sweeps. 0 turns it off.
 */
export function paymentWatchSweep(options: {
  storage: Storage;
  intervalMs: number;
  /** The server's clock, which decides which checks are due. */
  now: () => number;
}): PeriodicTask {
  return periodicTask({
    type: PAYMENT_WATCH_SWEEP_JOB,
    everyMs: options.intervalMs,
    queue: options.storage,
    mode: "timer",
    run: async () => {
      await enqueueDuePaymentChecks(options);
    },
  });
}
