import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Storage } from "@alma-suite/core/storage";
import { loadAdminToken } from "../admin-token.ts";
import { ConfigError, loadConfig } from "../config/load-config.ts";
import { loadPluginConfigs } from "../config/plugin-configs.ts";
import { startServer } from "../create-server.ts";
import { loginLinks } from "../dashboard/login-links.ts";
import { createLogger } from "../observability/create-logger.ts";
import { pluginMigrations } from "../plugin-migrations.ts";
import { registeredPlugins, type ServerPlugin } from "../plugins.ts";
import { backupCommand } from "./backup-command.ts";
import {
  CLI_COMMANDS,
  CLI_GROUPS,
  type CliCommand,
  commandUsage,
  groupUsage,
  PLATFORM_PLACEHOLDER,
} from "./cli-commands.ts";
import type { CliIo } from "./cli-io.ts";
import { cliPluginDeps } from "./cli-plugin-deps.ts";
import { type CliFlags, jobsCommand } from "./jobs-command.ts";
import { masterKeyCommand } from "./master-key-command.ts";
import { openConfiguredStorage } from "./open-configured-storage.ts";
import { paymentsCommand } from "./payments-command.ts";
import { readStdin } from "./read-stdin.ts";
import { SANDBOX_USAGE, sandboxCommand } from "./sandbox-command.ts";
import { startBanner } from "./start-banner.ts";
import { tenantsCommand } from "./tenants-command.ts";

/** The whole usage, the plugins' commands included (each with its own usage below). */
function usageOf(plugins: readonly ServerPlugin[]): string {
  const commands = plugins.flatMap((plugin) => (plugin.cli ? [plugin.cli] : []));
  return `usage: alma-suite <command> [options]
${Object.values(CLI_COMMANDS)
  .map((command) => `  ${command.usage}`)
  .join("\n")}
${SANDBOX_USAGE}
${commands.map((cli) => `  ${cli.command} …`.padEnd(32) + "(see below)").join("\n")}
  help [command]                print this, or one command's usage
  --version                     print the version
Configuration comes from the environment, or a .env file in the working folder (see README).
${commands.map((cli) => `\n${cli.usage}`).join("\n")}`;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  fail: (message) => {
    process.stderr.write(`${message}\n`);
    return 1;
  },
  readSecret: readStdin,
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
};

const HELP = new Set(["help", "--help", "-h"]);

export async function runCli(
  argv: string[],
  cliIo: CliIo = defaultIo,
  env = process.env,
  /** Default: the registered plugins (see plugins.ts). */
  pluginList?: ServerPlugin[],
): Promise<number> {
  const plugins = pluginList ?? (await registeredPlugins());
  // Usage lines name the platforms this CLI has registered.
  const names = (line: string) => line.replaceAll(PLATFORM_PLACEHOLDER, plugins.map((p) => p.name).join("|"));
  const io: CliIo = {
    ...cliIo,
    out: (line) => cliIo.out(names(line)),
    fail: (message) => cliIo.fail(names(message)),
  };
  const USAGE = usageOf(plugins);
  const [first, ...afterFirst] = argv;
  const pluginCommand = plugins.find((plugin) => plugin.cli?.command === first);
  if (first === undefined) return io.fail(USAGE);
  if (first === "--version" || first === "-v") {
    io.out(serverVersion());
    return 0;
  }
  if (HELP.has(first)) {
    const topic = afterFirst.join(" ");
    if (!topic) io.out(USAGE);
    else if (CLI_COMMANDS[topic]) io.out(commandUsage(topic));
    else if (topic in CLI_GROUPS) io.out(groupUsage(topic));
    else if (plugins.some((plugin) => plugin.cli?.command === topic))
      io.out(plugins.find((plugin) => plugin.cli?.command === topic)?.cli?.usage ?? "");
    else return io.fail(`unknown command "${topic}"\n${USAGE}`);
    return 0;
  }
  // A plugin's command parses its own flags.
  if (first === "sandbox") {
    try {
      return await sandboxCommand(afterFirst, loadConfig(env), io);
    } catch (error) {
      if (error instanceof ConfigError) return io.fail(error.message);
      throw error;
    }
  }
  const cli = pluginCommand?.cli;
  if (pluginCommand && cli) {
    if (afterFirst.length === 0) return io.fail(cli.usage);
    if (afterFirst.some((arg) => HELP.has(arg))) {
      io.out(cli.usage);
      return 0;
    }
    return withStorage(io, env, plugins, (config, storage) =>
      cli.run(afterFirst, io, cliPluginDeps(config, storage, env, pluginCommand)),
    );
  }

  if (first in CLI_GROUPS && afterFirst[0] !== undefined && HELP.has(afterFirst[0])) {
    io.out(groupUsage(first));
    return 0;
  }
  const found = findCommand(argv, USAGE);
  if (!found.ok) return io.fail(found.error);
  const { name, rest } = found;
  const command = CLI_COMMANDS[name] as CliCommand;
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(command, rest);
  } catch (error) {
    return io.fail(`${error instanceof Error ? error.message : String(error)}\n${commandUsage(name)}`);
  }
  if (parsed.values.help) {
    io.out(commandUsage(name));
    return 0;
  }
  if (parsed.positionals.length > command.maxArgs)
    return io.fail(`unexpected argument "${parsed.positionals[command.maxArgs]}"\n${commandUsage(name)}`);

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
    // The plugins' settings too, so a bad value stops here, before anything is opened.
    loadPluginConfigs(plugins, env);
  } catch (error) {
    if (error instanceof ConfigError) return io.fail(error.message);
    throw error;
  }
  const [group, action] = name.split(" ");
  const args = action ? [action, ...parsed.positionals] : parsed.positionals;
  const flags = parsed.values as CliFlags;
  if (name === "start") return start(config, io, plugins, env);
  if (name === "backup") return backupCommand(config, parsed.positionals[0], io);
  // Opens the database with the keys a rotation needs, not with the configured one alone.
  if (group === "master-key") return masterKeyCommand(config, args, io);

  const storage = await openConfiguredStorage(config);
  try {
    if (name === "migrate") {
      io.out(`migrating ${storage.dialect} database…`);
      const report = await storage.migrate({
        plugins: pluginMigrations(plugins),
        onApplied: (m) => io.out(`  applied ${m.plugin ? `${m.plugin} ` : ""}${m.version} ${m.name}`),
      });
      io.out(
        report.applied.length ? `done: ${report.applied.length} migration(s) applied` : "already up to date",
      );
      return 0;
    }
    await storage.migrate({ plugins: pluginMigrations(plugins) });
    if (group === "payments") return await paymentsCommand(storage, args, flags, io);
    return group === "jobs"
      ? await jobsCommand(storage, args, flags, io)
      : await tenantsCommand(
          storage,
          args,
          flags,
          io,
          (tenantId) =>
            loginLinks({
              secret: loadAdminToken({ configured: config.adminToken, dataDir: config.dataDir }),
              storage,
              publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
              now: Date.now,
            }).mint(tenantId),
          plugins.map((plugin) => plugin.name),
        );
  } finally {
    await storage.close();
  }
}

/** The command named by the first word(s) of `argv`, and what follows its name. */
function findCommand(
  argv: string[],
  USAGE: string,
): { ok: true; name: string; rest: string[] } | { ok: false; error: string } {
  const [first = "", second, ...more] = argv;
  if (CLI_COMMANDS[first]) return { ok: true, name: first, rest: argv.slice(1) };
  if (!(first in CLI_GROUPS)) return { ok: false, error: `unknown command "${first}"\n${USAGE}` };
  if (second === undefined || second.startsWith("-")) {
    const fallback = CLI_GROUPS[first];
    if (fallback) return { ok: true, name: `${first} ${fallback}`, rest: argv.slice(1) };
    return { ok: false, error: `${first} needs an action\n${groupUsage(first)}` };
  }
  const name = `${first} ${second}`;
  if (!CLI_COMMANDS[name])
    return { ok: false, error: `unknown ${first} action "${second}"\n${groupUsage(first)}` };
  return { ok: true, name, rest: more };
}

function parseCommand(command: CliCommand, args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...command.options, help: { type: "boolean", short: "h" } },
  });
}

/** The version of this package, the one `npm start` and `npx alma-suite` run. */
function serverVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return `alma-suite ${manifest.version}`;
}

async function start(
  config: ReturnType<typeof loadConfig>,
  io: CliIo,
  plugins: ServerPlugin[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const logger = createLogger({ level: config.logLevel });
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(config, logger, { plugins, lazyPlugins: true, env });
  } catch (error) {
    if (error instanceof ConfigError) return io.fail(error.message);
    throw error;
  }
  for (const line of startBanner(config, running)) io.out(line);
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
  plugins: readonly ServerPlugin[],
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
    await storage.migrate({ plugins: pluginMigrations(plugins) });
    return await fn(config, storage);
  } finally {
    await storage.close();
  }
}
