import { parseArgs } from "node:util";
import type { Storage } from "@alma-suite/core/storage";
import { runWoocommerceCli, WOOCOMMERCE_USAGE } from "@alma-suite/woocommerce";
import { loadAdminToken } from "../admin-token.ts";
import { ConfigError, loadConfig } from "../config/load-config.ts";
import { startServer } from "../create-server.ts";
import { loginLinks } from "../dashboard/login-links.ts";
import { describeClientCertificates } from "../http/client-certificate-guard.ts";
import { createLogger } from "../observability/create-logger.ts";
import type { CliIo } from "./cli-io.ts";
import { cliPluginDeps } from "./cli-plugin-deps.ts";
import { jobsCommand } from "./jobs-command.ts";
import { MASTER_KEY_USAGE, masterKeyCommand } from "./master-key-command.ts";
import { openConfiguredStorage } from "./open-configured-storage.ts";
import { paymentsCommand } from "./payments-command.ts";
import { readStdin } from "./read-stdin.ts";
import { SANDBOX_USAGE, sandboxCommand } from "./sandbox-command.ts";
import { tenantsCommand } from "./tenants-command.ts";

const USAGE = `usage: alma-suite <command>
  start                         run the server (and its job worker)
  migrate                       apply pending database migrations
  jobs list [--state S] [--type T] [--limit N]
  jobs retry <job id>           run a failed or dead job again
  jobs purge-dead               delete dead jobs
  payments checks [--limit N]   open payments and when each is next checked at Alma
  payments check <tenant id> <payment id>   check one at Alma now (the server's worker runs it)
  tenants list [--platform P]
  tenants add --platform shopify|woocommerce|bridge --external-id X --name N [--alma-mode test|live]
  tenants rotate-secret <tenant id> <secret name>   (reads the new value from stdin)
  tenants login-link <tenant id>   (a merchant's single-use dashboard login link, valid 15 minutes)
  tenants forget-customer <tenant id> --email E | --phone P   (GDPR: redact what was sent to them)
${MASTER_KEY_USAGE}
${SANDBOX_USAGE}
  woocommerce stores | connect <store url> | reconcile <store id or url>   (see below)
Configuration comes from the environment (see README).

${WOOCOMMERCE_USAGE}`;

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  fail: (message) => {
    process.stderr.write(`${message}\n`);
    return 1;
  },
  readSecret: readStdin,
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
};

export async function runCli(argv: string[], io: CliIo = defaultIo, env = process.env): Promise<number> {
  // A plugin's command parses its own flags.
  if (argv[0] === "sandbox") {
    try {
      return await sandboxCommand(argv.slice(1), loadConfig(env), io);
    } catch (error) {
      if (error instanceof ConfigError) return io.fail(error.message);
      throw error;
    }
  }
  if (argv[0] === "woocommerce") {
    return withStorage(io, env, (config, storage) =>
      runWoocommerceCli(argv.slice(1), io, cliPluginDeps(config, storage, env)),
    );
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return io.fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const [command, ...rest] = parsed.positionals;
  if (!command || parsed.values.help) {
    io.out(USAGE);
    return command ? 0 : 1;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return io.fail(error.message);
    throw error;
  }
  if (command === "start") return start(config, io);
  // Opens the database with the keys a rotation needs, not with the configured one alone.
  if (command === "master-key") return masterKeyCommand(config, rest, io);
  if (!["migrate", "jobs", "payments", "tenants"].includes(command))
    return io.fail(`unknown command "${command}"\n${USAGE}`);

  const storage = await openConfiguredStorage(config);
  try {
    if (command === "migrate") {
      io.out(`migrating ${storage.dialect} database…`);
      const report = await storage.migrate({ onApplied: (m) => io.out(`  applied ${m.version} ${m.name}`) });
      io.out(
        report.applied.length ? `done: ${report.applied.length} migration(s) applied` : "already up to date",
      );
      return 0;
    }
    await storage.migrate();
    const flags = parsed.values as Record<string, string | undefined>;
    if (command === "payments") return await paymentsCommand(storage, rest, flags, io);
    return command === "jobs"
      ? await jobsCommand(storage, rest, flags, io)
      : await tenantsCommand(storage, rest, flags, io, (tenantId) =>
          loginLinks({
            secret: loadAdminToken({ configured: config.adminToken, dataDir: config.dataDir }),
            storage,
            publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
            now: Date.now,
          }).mint(tenantId),
        );
  } finally {
    await storage.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      state: { type: "string" },
      type: { type: "string" },
      limit: { type: "string" },
      platform: { type: "string" },
      "external-id": { type: "string" },
      name: { type: "string" },
      "alma-mode": { type: "string" },
      email: { type: "string" },
      phone: { type: "string" },
    },
  });
}

async function start(config: ReturnType<typeof loadConfig>, io: CliIo): Promise<number> {
  const logger = createLogger({ level: config.logLevel });
  const running = await startServer(config, logger);
  io.out(`alma-suite is running at ${running.url}`);
  if (config.alma.mode === "sandbox" && !config.alma.baseUrl) {
    io.out(
      `  Alma sandbox (no account needed): ${running.almaBaseUrl}  — hosted payment page under /alma-sandbox/checkout/`,
    );
    io.out(`  demo store: ${running.url}/demo  — buy something, pay with a test card, refund it`);
    const merchant = running.sandboxMerchant;
    if (merchant) {
      io.out(
        `  sandbox merchant (keys kept in ${config.dataDir}): test ${merchant.test.merchant_id} ${merchant.test.api_key} · live ${merchant.live.merchant_id} ${merchant.live.api_key}`,
      );
      io.out("  more sandbox merchants: alma-suite sandbox merchants create --help");
    }
  }
  io.out(`  dashboard ${running.url}/dashboard/ (sign in with the operator token below)`);
  io.out(
    `  health ${running.url}/healthz · readiness ${running.url}/readyz · metrics ${running.url}/metrics`,
  );
  io.out(
    `  operator API ${running.url}/admin/api (Bearer token in ${config.dataDir}/admin.token or ADMIN_TOKEN)`,
  );
  io.out(`  ${describeClientCertificates(config.clientCertificates)}`);
  io.out(`  data: ${config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`} · Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "shutting down: finishing in-flight requests and jobs");
      running.stop().then(resolve, (error) => {
        logger.error({ err: error }, "shutdown failed");
        resolve();
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  return 0;
}

async function withStorage(
  io: CliIo,
  env: NodeJS.ProcessEnv,
  fn: (config: ReturnType<typeof loadConfig>, storage: Storage) => Promise<number>,
): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return io.fail(error.message);
    throw error;
  }
  const storage = await openConfiguredStorage(config);
  try {
    await storage.migrate();
    return await fn(config, storage);
  } finally {
    await storage.close();
  }
}
