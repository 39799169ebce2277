import { forgetPosCustomer, maskEmail, maskPhone } from "@alma-suite/core/flows";
import type { Storage } from "@alma-suite/core/storage";
import type { CliIo } from "./cli-io.ts";
import type { CliFlags } from "./jobs-command.ts";

const USAGE = "usage: alma-suite tenants forget-customer <tenant id> --email <e-mail> | --phone <phone>";

/**
 * `tenants forget-customer`: the GDPR erasure a merchant asks the operator for when its platform
 * sends no compliance webhooks of its own. Redacts the PoS payment links' messages to that
 * customer; prints the contact masked, since terminals and CI logs are kept.
 */
export async function forgetCustomerCommand(
  storage: Storage,
  tenantId: string | undefined,
  flags: CliFlags,
  io: CliIo,
): Promise<number> {
  const email = flags.email?.trim() || undefined;
  const phone = flags.phone?.trim() || undefined;
  if (!tenantId || (!email && !phone)) return io.fail(USAGE);
  if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) return io.fail("--email is not an e-mail address");
  if (phone && (phone.replace(/\D/g, "").length < 6 || !/^\+?[0-9 ().-]+$/.test(phone)))
    return io.fail("--phone is not a phone number");
  const tenant = await storage.getTenant(tenantId);
  if (!tenant) return io.fail(`no tenant ${tenantId}`);
  const { messages, paymentLinkIds } = await forgetPosCustomer(storage, tenant.id, { email, phone });
  const who = [email && maskEmail(email), phone && maskPhone(phone)].filter(Boolean).join(", ");
  io.out(`redacted ${messages} outbox message(s) to ${who} for ${tenant.id}`);
  if (paymentLinkIds.length > 0) io.out(`payment links concerned: ${paymentLinkIds.join(", ")}`);
  return 0;
}
