export { type CreditTerms, creditTerms, type PlanPrice } from "./credit-terms.ts";
export {
  classifyPlan,
  describePlan,
  formatPlanKey,
  type PlanCategory,
  type PlanIdentity,
  type PlanKind,
  parsePlanKey,
  planShortName,
} from "./plan-key.ts";
export { type PlanLimits, type PreCheckResult, preCheckPayment } from "./pre-check.ts";
