import { maskSecret } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import type { CliIo } from "./cli-io.ts";
import { forgetCustomerCommand } from "./forget-customer-command.ts";
import type { CliFlags } from "./jobs-command.ts";

export async function tenantsCommand(
  storage: Storage,
  args: string[],
  flags: CliFlags,
  io: CliIo,
  /** Mints a merchant's single-use dashboard login link (the server's secret and public URL). */
  loginLink?: (tenantId: string) => { url: string; expiresAt: number },
  /** The registered plugins' names: the platforms a tenant may have. */
  platforms: readonly string[] = [],
): Promise<number> {
  const [action, tenantId, secretName] = args;
  const isPlatform = (p: string | undefined): p is string => p !== undefined && platforms.includes(p);
  switch (action) {
    case "list":
    case undefined: {
      const platform = flags.platform;
      if (platform !== undefined && !isPlatform(platform))
        return io.fail(`--platform must be one of ${platforms.join(", ")}`);
      const tenants = await storage.listTenants(platform ? { platform } : {});
      for (const t of tenants)
        io.out(`${t.id}  ${t.platform.padEnd(11)}  ${t.status.padEnd(11)}  ${t.externalId}  ${t.name}`);
      io.out(`${tenants.length} tenant(s)`);
      return 0;
    }
    case "add": {
      const platform = flags.platform;
      if (!isPlatform(platform) || !flags["external-id"] || !flags.name) {
        return io.fail(
          `usage: alma-suite tenants add --platform ${platforms.join("|")} --external-id X --name N`,
        );
      }
      const { tenant, created } = await storage.createTenant({
        platform,
        externalId: flags["external-id"],
        name: flags.name,
        almaMode: flags["alma-mode"] === "live" ? "live" : "test",
      });
      io.out(`${created ? "created" : "already exists:"} ${tenant.id}`);
      return 0;
    }
    case "rotate-secret": {
      if (!tenantId || !secretName)
        return io.fail("usage: alma-suite tenants rotate-secret <tenant id> <secret name> < secret");
      if (!(await storage.getTenant(tenantId))) return io.fail(`no tenant ${tenantId}`);
      const value = await io.readSecret();
      if (!value) return io.fail("no secret given on standard input");
      await storage.setSecret(tenantId, secretName as never, value);
      io.out(`${secretName} of ${tenantId} set to ${maskSecret(value)}`);
      return 0;
    }
    case "login-link": {
      if (!tenantId || !loginLink) return io.fail("usage: alma-suite tenants login-link <tenant id>");
      const tenant = await storage.getTenant(tenantId);
      if (tenant?.status !== "active") return io.fail(`no active tenant ${tenantId}`);
      const link = loginLink(tenant.id);
      io.out(link.url);
      io.out(`single use, valid until ${new Date(link.expiresAt).toISOString()}`);
      return 0;
    }
    case "forget-customer":
      return forgetCustomerCommand(storage, tenantId, flags, io);
    default:
      return io.fail(
        `unknown tenants action "${action}" (list, add, rotate-secret, login-link, forget-customer)`,
      );
  }
}
