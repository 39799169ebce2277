import type { ParseArgsOptionsConfig } from "node:util";

/** One command of `alma-suite`: its usage line and the options it alone accepts. */
export interface CliCommand {
  usage: string;
  options: ParseArgsOptionsConfig;
  /** How many positional arguments follow the command's name, at most. */
  maxArgs: number;
}

const text = { type: "string" } as const;

/**
 * Every command, keyed by its words ("jobs list"). Each parses only its own options, so a flag
 * meant for another command (`jobs list --email x`) fails with this command's usage instead of
 * being silently ignored.
 */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  start: {
    usage: "start                         run the server (and its job worker)",
    options: {},
    maxArgs: 0,
  },
  migrate: {
    usage: "migrate                       apply pending database migrations",
    options: {},
    maxArgs: 0,
  },
  backup: {
    usage:
      "backup <file>                 SQLite: a consistent copy of the live database (PostgreSQL: pg_dump, docs/deploy.md)",
    options: {},
    maxArgs: 1,
  },
  "jobs list": {
    usage: "jobs list [--state S] [--type T] [--limit N]",
    options: { state: text, type: text, limit: text },
    maxArgs: 0,
  },
  "jobs retry": {
    usage: "jobs retry <job id>           run a failed or dead job again",
    options: {},
    maxArgs: 1,
  },
  "jobs purge-dead": { usage: "jobs purge-dead               delete dead jobs", options: {}, maxArgs: 0 },
  "payments checks": {
    usage: "payments checks [--limit N]   open payments and when each is next checked at Alma",
    options: { limit: text },
    maxArgs: 0,
  },
  "payments check": {
    usage: "payments check <tenant id> <payment id>   check one at Alma now (the server's worker runs it)",
    options: {},
    maxArgs: 2,
  },
  "tenants list": { usage: "tenants list [--platform P]", options: { platform: text }, maxArgs: 0 },
  "tenants add": {
    usage: "tenants add --platform <platform> --external-id X --name N [--alma-mode test|live]",
    options: { platform: text, "external-id": text, name: text, "alma-mode": text },
    maxArgs: 0,
  },
  "tenants rotate-secret": {
    usage: "tenants rotate-secret <tenant id> <secret name>   (reads the new value from stdin)",
    options: {},
    maxArgs: 2,
  },
  "tenants login-link": {
    usage:
      "tenants login-link <tenant id>   (a merchant's single-use dashboard login link, valid 15 minutes)",
    options: {},
    maxArgs: 1,
  },
  "tenants forget-customer": {
    usage: "tenants forget-customer <tenant id> --email E | --phone P   (GDPR: redact what was sent to them)",
    options: { email: text, phone: text },
    maxArgs: 1,
  },
  "master-key generate": {
    usage: "master-key generate           print a new random master key (for MASTER_KEY)",
    options: {},
    maxArgs: 0,
  },
  "master-key rotate": {
    usage:
      "master-key rotate             embedded key file: a new master.key, every secret sealed again (server stopped)",
    options: {},
    maxArgs: 0,
  },
  "master-key reseal": {
    usage: `master-key reseal             MASTER_KEY from the environment: seal every secret again with it,
                                opening the old ones with MASTER_KEY_PREVIOUS (docs/operations.md)`,
    options: {},
    maxArgs: 0,
  },
};

/** Commands made of two words, and the action run when only the first is given. */
export const CLI_GROUPS: Record<string, string | undefined> = {
  jobs: "list",
  payments: "checks",
  tenants: "list",
  "master-key": undefined,
};

/** Stands in usage lines for the registered platforms, which only the running CLI knows. */
export const PLATFORM_PLACEHOLDER = "<platform>";

export const commandUsage = (name: string): string =>
  `usage: alma-suite ${CLI_COMMANDS[name]?.usage ?? name}`;

export const groupUsage = (group: string): string =>
  `usage: alma-suite ${group} <action>\n${Object.entries(CLI_COMMANDS)
    .filter(([name]) => name.startsWith(`${group} `))
    .map(([, command]) => `  ${command.usage}`)
    .join("\n")}`;
