/**
 * A fee in basis points plus a fixed part, rounded half up to the cent.
 * Integer arithmetic only: amounts stay far below 2^53 / 10_000.
 */
export function feeFromBasisPoints(amountCents: number, basisPoints: number, fixedCents = 0): number {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0)
    throw new RangeError("amount must be integer cents");
  if (!Number.isInteger(basisPoints) || basisPoints < 0)
    throw new RangeError("basis points must be an integer");
  return Math.floor((amountCents * basisPoints + 5000) / 10000) + fixedCents;
}
