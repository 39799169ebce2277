import { enqueueDuePaymentChecks } from "@alma-suite/core/flows";
import type { Storage } from "@alma-suite/core/storage";

/**
 * Every `intervalMs`, queues the durable checks of the open payments that are due (see core's
 * payment-watch.ts). A timer rather than a self-rescheduling job: an idle suite then has nothing
 * pending in its queue, and the keyed jobs make several instances sweeping at once harmless.
 * 0 turns it off.
 */
export function startPaymentWatchSweep(options: {
  storage: Storage;
  intervalMs: number;
  now: () => number;
  onError: (error: unknown) => void;
}): { stop(): void } {
  if (options.intervalMs <= 0) return { stop() {} };
  const every = setInterval(() => {
    enqueueDuePaymentChecks(options).catch(options.onError);
  }, options.intervalMs);
  // unref: a pending sweep never keeps the process alive.
  every.unref();
  return { stop: () => clearInterval(every) };
}
