import type { TimelineEntry } from "@alma-suite/core/dashboard-api";
import { CONFIRM_PAYMENT_JOB } from "@alma-suite/core/flows";
import type { Job, PaymentEvent } from "@alma-suite/core/storage";

/**
 * Everything that happened to one payment, oldest first: its events, the jobs filed under it, and
 * Alma's notifications (each IPN is recorded as a confirmation job).
 */
export function paymentTimeline(events: readonly PaymentEvent[], jobs: readonly Job[]): TimelineEntry[] {
  const entries: TimelineEntry[] = events.map((e) => ({
    at: e.at,
    kind: "event",
    type: e.type,
    detail: describe(e.data),
    data: e.data,
  }));
  for (const job of jobs) {
    const notification = job.type === CONFIRM_PAYMENT_JOB;
    entries.push({
      at: job.createdAt,
      kind: notification ? "notification" : "job",
      type: notification ? "alma.ipn" : job.type,
      detail: job.lastError ?? `${job.attempts} of ${job.maxAttempts} attempts`,
      state: job.state,
      data: { attempts: job.attempts, maxAttempts: job.maxAttempts, error: job.lastError },
    });
  }
  // Stable: same-millisecond entries keep events before the jobs they caused.
  return entries.sort((a, b) => a.at - b.at);
}

/** `key=value` pairs of an event's data, nested values as JSON, capped for the page. */
function describe(data: Record<string, unknown>): string {
  const parts = Object.entries(data).map(
    ([key, value]) =>
      `${key}=${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`,
  );
  const text = parts.join(", ");
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
