import { join } from "node:path";
import type { loadConfig } from "../config/load-config.ts";
import type { RunningServer } from "../create-server.ts";
import { describeClientCertificates } from "../http/client-certificate-guard.ts";

type Config = ReturnType<typeof loadConfig>;

/**
 * The lines `npm start` prints. Every link is on one origin, the one browsers are sent back to
 * (PUBLIC_URL, else the server's own URL): a shopper who opens the demo on one host and comes back
 * from the hosted page on another would lose the demo's cookies. Each link answers 200 on that
 * origin. The operator token itself is never printed; the banner says how to read it.
 */
export function startBanner(
  config: Config,
  running: Pick<RunningServer, "url" | "almaBaseUrl" | "sandboxMerchant" | "clientCertificates">,
): string[] {
  const base = (config.publicUrl ?? running.url).replace(/\/+$/, "");
  const tokenFile = join(config.dataDir, "admin.token");
  const readToken = config.adminToken
    ? "the ADMIN_TOKEN this server was started with"
    : `the operator token, printed by: cat ${tokenFile}`;
  const lines = [`alma-suite is running at ${base}`];
  if (config.alma.mode === "sandbox" && !config.alma.baseUrl) {
    lines.push(
      `  Alma sandbox (no account needed): ${base}/alma-sandbox  — its hosted payment page opens from the demo store's checkout`,
    );
    lines.push(`  demo store: ${base}/demo  — buy something, pay with a test card, refund it`);
    const merchant = running.sandboxMerchant;
    if (merchant) {
      lines.push(
        `  sandbox merchant (keys kept in ${config.dataDir}): test ${merchant.test.merchant_id} ${merchant.test.api_key} · live ${merchant.live.merchant_id} ${merchant.live.api_key}`,
      );
      lines.push("  more sandbox merchants: alma-suite sandbox merchants create --help");
    }
  } else {
    lines.push(`  Alma API: ${running.almaBaseUrl}`);
  }
  lines.push(`  dashboard ${base}/dashboard/  — sign in with ${readToken}`);
  lines.push(`  health ${base}/healthz · readiness ${base}/readyz · metrics ${base}/metrics`);
  lines.push(
    `  operator API ${base}/admin/api  — Authorization: Bearer <operator token> (${config.adminToken ? "ADMIN_TOKEN" : `cat ${tokenFile}`})`,
  );
  // One line per platform that calls with a client certificate: mTLS on, off, or required but missing.
  for (const certificates of running.clientCertificates)
    lines.push(`  ${describeClientCertificates(certificates)}`);
  if (running.clientCertificates.length === 0)
    lines.push("  mTLS off: no platform served here calls with a client certificate");
  lines.push(`  data: ${config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`} · Ctrl-C to stop`);
  return lines;
}
