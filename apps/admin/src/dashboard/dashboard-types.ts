// The dashboard API's types, inferred from the server's own zod schemas (core's dashboard-api, which
// the server's routes read and answer with): no copy here to drift. Type-only, so none of the schema
// code reaches the bundle; the state lists are plain values from a module without zod.

export type {
  DeliveryRow,
  Instalment,
  JobList,
  JobRow,
  JobState,
  OutboxMessage,
  PaymentDetail,
  PaymentLinkInput,
  PaymentLinkResult,
  PaymentRow,
  RefundRow,
  Role,
  Session,
  TenantHealth,
  TenantRow,
  TimelineEntry,
} from "@alma-suite/core/dashboard-api";
export { JOB_STATES, PAYMENT_STATES, REFUNDABLE_STATES } from "@alma-suite/core/dashboard-api/states";
