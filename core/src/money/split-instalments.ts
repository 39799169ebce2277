/**
 * Rounding rule: every instalment gets floor(total / count) cents and the remainder
 * (fewer than `count` cents) goes to the FIRST instalment.
 * Why the first: it is collected at acceptance (or at the deferral date), so the customer
 * never owes a rounding cent later than needed, later instalments are all equal (what the
 * customer sees on the schedule), and Alma also puts the customer fee on instalment 1.
 */
export function splitInstalments(totalCents: number, count: number): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents <= 0) {
    throw new RangeError(`total must be a positive integer of cents, got ${totalCents}`);
  }
  if (!Number.isInteger(count) || count < 1 || count > 12) {
    throw new RangeError(`instalment count must be between 1 and 12, got ${count}`);
  }
  if (totalCents < count) {
    throw new RangeError(`cannot split ${totalCents} cents into ${count} non-zero instalments`);
  }
  const base = Math.floor(totalCents / count);
  const remainder = totalCents - base * count;
  return Array.from({ length: count }, (_, index) => (index === 0 ? base + remainder : base));
}
