import type { SandboxClock } from "../clock/sandbox-clock.ts";
import { nextEventAt } from "../lifecycle/next-event-at.ts";
import type { DocumentTable } from "../store/document-table.ts";
import type { PaymentState } from "./alma-payment.ts";
import type { PaymentRecord } from "./payment-record.ts";

/** Payments as stored, with the scheduler index (`dueAt`) kept in step on every save. */
export class PaymentRepository {
  readonly #table: DocumentTable<PaymentRecord>;
  readonly #clock: SandboxClock;

  constructor(table: DocumentTable<PaymentRecord>, clock: SandboxClock) {
    this.#table = table;
    this.#clock = clock;
  }

  get(id: string): PaymentRecord | undefined {
    return this.#table.get(id);
  }

  /** A merchant only ever sees its own payments; anyone else's is "not found". */
  getOwned(merchantId: string, id: string): PaymentRecord | undefined {
    const record = this.#table.get(id);
    return record && record.internal.merchantId === merchantId ? record : undefined;
  }

  save(record: PaymentRecord): void {
    record.payment.updated = this.#clock.nowSeconds();
    this.#table.put(record.payment.id, record, {
      owner: record.internal.merchantId,
      dueAt: nextEventAt(record),
    });
  }

  list(
    merchantId: string,
    options: { limit: number; startingAfter?: string; states?: readonly PaymentState[] },
  ): { items: PaymentRecord[]; hasMore: boolean } {
    const states = options.states ? new Set<string>(options.states) : undefined;
    return this.#table.list({
      owner: merchantId,
      beforeId: options.startingAfter,
      limit: options.limit,
      filter: states ? (doc) => states.has((doc as PaymentRecord).payment.state) : undefined,
    });
  }

  dueIds(now: number): string[] {
    return this.#table.dueIds(now);
  }
}
