export {
  addMonthsClamped,
  buildSchedule,
  type ScheduledInstalment,
  type ScheduleInput,
} from "./build-schedule.ts";
export { feeFromBasisPoints } from "./fees.ts";
export {
  type AmountParseResult,
  formatCents,
  formatEuros,
  InvalidAmountError,
  parseAmountToCents,
  tryParseAmountToCents,
} from "./parse-amount.ts";
export { splitInstalments } from "./split-instalments.ts";
