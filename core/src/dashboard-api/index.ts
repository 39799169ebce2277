export { dashboardApiDocument } from "./dashboard-openapi.ts";
export { DASHBOARD_OPERATIONS, type DashboardOperation } from "./dashboard-operations.ts";
export * from "./dashboard-schemas.ts";
export { JOB_STATES, PAYMENT_STATES, REFUNDABLE_STATES } from "./dashboard-states.ts";
