import { splitInstalments } from "./split-instalments.ts";

export interface ScheduledInstalment {
  /** Unix seconds, as Alma's `due_date`. */
  dueDate: number;
  purchaseAmount: number;
  customerFee: number;
  customerInterest: number;
  totalAmount: number;
}

export interface ScheduleInput {
  totalCents: number;
  installmentsCount: number;
  deferredDays?: number;
  deferredMonths?: number;
  /** Charged entirely on the first instalment, as Alma does. */
  customerFeeCents?: number;
  /** Total interest of a credit plan (> 4 instalments), spread like the principal. */
  customerInterestCents?: number;
  start: Date;
}

/**
 * The customer's schedule: the first instalment is due at `start` plus the deferral,
 * the following ones on the same day of the following months (clamped to the month's end,
 * so a 31 January start falls due on 28/29 February).
 */
export function buildSchedule(input: ScheduleInput): ScheduledInstalment[] {
  const principal = splitInstalments(input.totalCents, input.installmentsCount);
  const interest =
    input.customerInterestCents && input.customerInterestCents > 0
      ? spreadAllowingZero(input.customerInterestCents, input.installmentsCount)
      : principal.map(() => 0);
  const first = addDays(input.start, input.deferredDays ?? 0);
  const firstDue = addMonthsClamped(first, input.deferredMonths ?? 0);
  return principal.map((purchaseAmount, index) => {
    const customerFee = index === 0 ? (input.customerFeeCents ?? 0) : 0;
    const customerInterest = interest[index] ?? 0;
    return {
      dueDate: Math.floor(addMonthsClamped(firstDue, index).getTime() / 1000),
      purchaseAmount,
      customerFee,
      customerInterest,
      totalAmount: purchaseAmount + customerFee + customerInterest,
    };
  });
}

function spreadAllowingZero(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => (i === 0 ? total - base * (count - 1) : base));
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function addMonthsClamped(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
