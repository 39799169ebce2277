export {
  classifyPlan,
  describePlan,
  formatPlanKey,
  type PlanCategory,
  type PlanIdentity,
  type PlanKind,
  parsePlanKey,
} from "./plan-key.ts";
export { type PlanLimits, type PreCheckResult, preCheckPayment } from "./pre-check.ts";
