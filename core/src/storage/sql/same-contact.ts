/**
 * Whether an outbox recipient is the customer named in an erasure request. Staff type phones as they
 * come ("06 12 34 56 78", "+33612345678", "0033 6…"), so phones compare by their digits with the
 * French national prefix folded into +33; e-mail addresses compare without case.
 */
export function sameContact(
  channel: "email" | "sms",
  recipient: string,
  who: { email?: string; phone?: string },
): boolean {
  if (channel === "email")
    return !!who.email && recipient.trim().toLowerCase() === who.email.trim().toLowerCase();
  return !!who.phone && phoneDigits(recipient) !== "" && phoneDigits(recipient) === phoneDigits(who.phone);
}

export function phoneDigits(phone: string): string {
  let digits = phone.replace(/\D/g, "");
  if (digits.startsWith("00")) digits = digits.slice(2);
  if (digits.length === 10 && digits.startsWith("0")) digits = `33${digits.slice(1)}`;
  return digits;
}
