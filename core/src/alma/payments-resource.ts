import { z } from "zod";
import { parseInput } from "./check-schema.ts";
import { pathSegment } from "./path-segment.ts";
import type { RequestSender } from "./request-sender.ts";
import { type Payment, paymentSchema } from "./schemas/payment.ts";
import {
  type PaymentEditInput,
  type PaymentListFilter,
  paymentEditInputSchema,
  paymentListFilterSchema,
  type RefundInput,
  refundInputSchema,
} from "./schemas/payment-action-input.ts";
import { type PaymentCreateInput, paymentCreateInputSchema } from "./schemas/payment-create-input.ts";
import { type PaymentList, paymentListSchema } from "./schemas/payment-list.ts";

/** `/v1/payments` and the actions on one payment. */
export class PaymentsResource {
  readonly #sender: RequestSender;

  constructor(sender: RequestSender) {
    this.#sender = sender;
  }

  /**
   * Not idempotent and Alma has no idempotency key, so it is resent only when the request provably
   * never left (connection refused, DNS) or on a 429; after a timeout or 5xx the caller gets the
   * error and decides (a duplicate would be a second payment link for the same order).
   */
  async create(input: PaymentCreateInput): Promise<Payment> {
    const body = parseInput(paymentCreateInputSchema, input, "payment creation");
    return this.#sender.send({
      method: "POST",
      path: "/v1/payments",
      body,
      schema: paymentSchema,
      label: "payment",
    });
  }

  async fetch(id: string): Promise<Payment> {
    return this.#sender.send({
      method: "GET",
      path: paymentPath(id),
      schema: paymentSchema,
      label: "payment",
    });
  }

  async list(filter: PaymentListFilter = {}): Promise<PaymentList> {
    const { limit, startingAfter, states } = parseInput(
      paymentListFilterSchema,
      filter,
      "payment list filter",
    );
    return this.#sender.send({
      method: "GET",
      path: "/v1/payments",
      query: {
        limit: limit?.toString(),
        starting_after: startingAfter,
        state: states && states.length > 0 ? states.join(",") : undefined,
      },
      schema: paymentListSchema,
      label: "payments",
    });
  }

  /** Every payment matching `filter`, page after page, starting after `filter.startingAfter`. */
  async *listAll(filter: PaymentListFilter = {}): AsyncGenerator<Payment, void, undefined> {
    let startingAfter = filter.startingAfter;
    for (;;) {
      const page = await this.list({ ...filter, startingAfter });
      yield* page.data;
      const last = page.data.at(-1);
      if (!page.has_more || !last) return;
      startingAfter = last.id;
    }
  }

  /** Setting the same custom_data twice gives the same payment, hence idempotent. */
  async edit(id: string, input: PaymentEditInput): Promise<Payment> {
    const payment = parseInput(paymentEditInputSchema, input, "payment edit");
    return this.#sender.send({
      method: "POST",
      path: paymentPath(id),
      body: { payment },
      schema: paymentSchema,
      label: "payment",
      idempotent: true,
    });
  }

  async cancel(id: string): Promise<void> {
    await this.#sender.send({
      method: "PUT",
      path: `${paymentPath(id)}/cancel`,
      schema: z.unknown(),
      label: "cancel",
    });
  }

  /**
   * After a lost response, the payment is fetched and the refund looked up by merchant_reference
   * before anything is resent, so one call never refunds twice. Unique references per refund
   * (the platform's refund id) also make a repeated call return the first refund's payment.
   */
  async refund(id: string, input: RefundInput): Promise<Payment> {
    const { amount, merchantReference, comment } = parseInput(refundInputSchema, input, "refund");
    return this.#sender.send({
      method: "POST",
      path: `${paymentPath(id)}/refund`,
      body: { amount, merchant_reference: merchantReference, comment },
      schema: paymentSchema,
      label: "payment",
      recover: async () => {
        const payment = await this.fetch(id);
        return payment.refunds.some((r) => r.merchant_reference === merchantReference) ? payment : undefined;
      },
    });
  }

  /** Payment upon trigger: charges the first instalment. Recovered via `deferred_trigger_applied`. */
  async trigger(id: string): Promise<Payment> {
    return this.#sender.send({
      method: "POST",
      path: `${paymentPath(id)}/trigger`,
      schema: paymentSchema,
      label: "payment",
      recover: async () => {
        const payment = await this.fetch(id);
        return payment.deferred_trigger_applied != null ? payment : undefined;
      },
    });
  }

  /** Sets a flag on the payment; flagging twice changes nothing more, hence idempotent. */
  async flagPotentialFraud(id: string, reason: string): Promise<void> {
    await this.#sender.send({
      method: "POST",
      path: `${paymentPath(id)}/potential-fraud`,
      body: { reason },
      schema: z.unknown(),
      label: "potential fraud",
      idempotent: true,
    });
  }

  /** Each call texts the customer, so it is not resent after an ambiguous failure. 403 unless enabled. */
  async sendSms(id: string): Promise<void> {
    await this.#sender.send({
      method: "POST",
      path: `${paymentPath(id)}/send-sms`,
      schema: z.unknown(),
      label: "send sms",
    });
  }
}

function paymentPath(id: string): string {
  return `/v1/payments/${pathSegment(id, "paymentId")}`;
}
