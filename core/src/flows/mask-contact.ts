/**
 * What logs, events and API answers may show of a customer's e-mail or phone: enough for staff to
 * recognise it ("ca***@example.com", "+33 ******78"), not enough to contact the person.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email.slice(0, Math.min(2, at - 1) || 1)}***${email.slice(at)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  if (digits.length < 6) return "***";
  const prefix = digits.startsWith("+") ? digits.slice(0, 3) : "";
  return `${prefix}${"*".repeat(Math.max(3, digits.length - prefix.length - 2))}${digits.slice(-2)}`;
}
