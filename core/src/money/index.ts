export {
  addMonthsClamped,
  buildSchedule,
  type ScheduledInstalment,
  type ScheduleInput,
} from "./build-schedule.ts";
export { feeFromBasisPoints } from "./fees.ts";
export {
  formatBasisPoints,
  formatDateTime,
  formatDay,
  formatMoney,
  formatTypedAmount,
} from "./format-money.ts";
export {
  type AmountParseOptions,
  type AmountParseResult,
  formatCents,
  InvalidAmountError,
  parseAmountToCents,
  tryParseAmountToCents,
} from "./parse-amount.ts";
export { splitInstalments } from "./split-instalments.ts";
