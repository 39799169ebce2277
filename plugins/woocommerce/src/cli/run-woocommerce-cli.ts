import { parseArgs } from "node:util";
import type { PluginDeps } from "@alma-suite/core";
import { createWooAdapter } from "../adapter/woo-adapter.ts";
import type { WoocommerceConfig } from "../config/woocommerce-config.ts";
import { connectStore } from "../connect-store/connect-store.ts";
import { reconcileStore } from "../reconcile/reconcile-store.ts";
import { createWooDeps } from "../store/create-woo-deps.ts";
import { renderProgress } from "./progress-bar.ts";
import { readConnectSecrets } from "./read-connect-secrets.ts";
import { WOOCOMMERCE_USAGE } from "./woocommerce-usage.ts";

export { WOOCOMMERCE_USAGE } from "./woocommerce-usage.ts";

export interface WoocommerceCliIo {
  out(line: string): void;
  /** Prints to stderr and returns exit code 1. */
  fail(message: string): number;
  /** Standard input, where secrets come from (never the command line, which `ps` shows). */
  readSecret(): Promise<string>;
  /** Rewrites the current status line (a terminal); absent = progress is not shown. */
  progress?(line: string): void;
}

/**
 * `alma-suite woocommerce …`, for the server's CLI to delegate to. `deps` are the server's plugin
 * deps (storage, Alma clients, public URL); returns the exit code.
 */
export async function runWoocommerceCli(
  args: string[],
  io: WoocommerceCliIo,
  pluginDeps: PluginDeps & { config?: WoocommerceConfig },
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    return io.fail(`${(error as Error).message}\n${WOOCOMMERCE_USAGE}`);
  }
  const [command, target] = parsed.positionals;
  const deps = createWooDeps(pluginDeps, pluginDeps.config);
  switch (command) {
    case "stores": {
      const stores = await deps.storage.listTenants({ platform: "woocommerce" });
      for (const s of stores)
        io.out(`${s.id}  ${s.status.padEnd(11)}  ${s.almaMode.padEnd(4)}  ${s.externalId}  ${s.name}`);
      io.out(`${stores.length} store(s)`);
      return 0;
    }
    case "connect": {
      if (!target) return io.fail(`connect needs the store URL\n${WOOCOMMERCE_USAGE}`);
      const secrets = readConnectSecrets(await io.readSecret());
      if (!secrets.ok) return io.fail(secrets.error);
      const v = parsed.values;
      const mode = v["alma-mode"] ?? "test";
      if (mode !== "test" && mode !== "live") return io.fail("--alma-mode must be test or live");
      const result = await connectStore(deps, {
        storeUrl: target,
        ...secrets.value,
        almaMode: mode,
        ...(v.name ? { name: v.name } : {}),
        ...(v.plan ? { planKey: v.plan } : {}),
        ...(v["pay-by-link"] !== undefined
          ? { payByLinkMethods: v["pay-by-link"].split(",").filter(Boolean) }
          : {}),
      });
      if (!result.ok) return io.fail(`could not connect ${target}: ${result.error}`);
      io.out(`${result.created ? "connected" : "updated"} ${result.storeId}`);
      io.out(`  webhooks: ${result.webhooks.map((w) => `${w.topic} #${w.id}`).join(", ")}`);
      io.out(
        `  WordPress gateway settings: connector ${deps.publicUrl}, store id ${result.storeId}, signing secret ${result.gatewaySecret}`,
      );
      return 0;
    }
    case "reconcile": {
      if (!target) return io.fail(`reconcile needs a store\n${WOOCOMMERCE_USAGE}`);
      const tenant =
        (await deps.storage.getTenant(target)) ??
        (await deps.storage.findTenantByExternalId("woocommerce", target.replace(/\/+$/, "")));
      if (tenant?.platform !== "woocommerce") return io.fail(`no WooCommerce store ${target}`);
      const perPage = parsed.values["per-page"] ? Number(parsed.values["per-page"]) : 100;
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
        return io.fail("--per-page must be 1 to 100");
      const result = await reconcileStore(deps, createWooAdapter(deps), tenant.id, {
        perPage,
        ...(io.progress ? { onProgress: (p) => io.progress?.(renderProgress(p)) } : {}),
      });
      if (result.resumedAfterPage !== null)
        io.out(`resumed an interrupted run after page ${result.resumedAfterPage}`);
      io.out(
        `${tenant.externalId}: ${result.ordersSeen} orders modified since ${result.modifiedAfter ?? "the beginning"}, ` +
          `${result.almaOrders} with Alma, ${result.repairs} repairs, ${result.failures} failures`,
      );
      for (const [kind, count] of Object.entries(result.actions)) io.out(`  ${kind}: ${count}`);
      if (result.repairs > 0) io.out("  follow-up jobs (order updates, refunds) run on the server's worker");
      return result.failures > 0 ? 2 : 0;
    }
    default:
      return io.fail(`${command ? `unknown command "${command}"\n` : ""}${WOOCOMMERCE_USAGE}`);
  }
}

const text = { type: "string" } as const;

/** Each command's own options: a flag of another command is refused, not ignored. */
const OPTIONS = {
  connect: { name: text, "alma-mode": text, plan: text, "pay-by-link": text },
  reconcile: { "per-page": text },
  stores: {},
} as const;

function parse(args: string[]) {
  const command = args.find((arg) => !arg.startsWith("-"));
  const own = command && command in OPTIONS ? OPTIONS[command as keyof typeof OPTIONS] : {};
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: own });
  return { positionals, values: values as Partial<Record<string, string>> };
}
