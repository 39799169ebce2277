/** The events an agency can subscribe to; names are stable, data only ever gains fields. */
export const EVENT_TYPES = {
  "payment.accepted":
    "Alma accepted the payment: the order can be fulfilled (authorised only for payment upon trigger)",
  "payment.paid": "The customer has nothing left to pay",
  "payment.refused": "Alma refused the payment, or its amount did not match the order",
  "payment.cancelled": "The payment was cancelled before the customer paid",
  "payment.expired": "The customer did not pay in time",
  "payment.refunded": "A refund succeeded; `data.refund.kind` is `partial` or `full`",
  "payment.instalment_paid": "One instalment was collected",
  "payment.late": "An instalment could not be collected on its due date",
} as const;

export type EventType = keyof typeof EVENT_TYPES;

/** Sent only by the test button, to one endpoint, whatever its filter. */
export const TEST_EVENT_TYPE = "webhook.test";

export const eventTypeNames = Object.keys(EVENT_TYPES) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_TYPES, value);
}
