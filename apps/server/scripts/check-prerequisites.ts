import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import {
  type MariadbServer,
  type MariadbState,
  mariadbFromEnv,
  mariadbState,
} from "@alma-suite/woocommerce/mariadb";

export type { MariadbState } from "@alma-suite/woocommerce/mariadb";

/**
 * What the README's test commands need from the machine besides node_modules, checked before any
 * suite runs: `npm test` (the root `pretest`) checks the "test" list, `npm run test:woocommerce-real`
 * (the WooCommerce workspace's `pretest:real`) the "woocommerce-real" list. Where it can (root, with
 * apt-get, as in CI) it installs what is missing and starts the local database servers, saying so;
 * otherwise it stops at once with the one command to run.
 */
export type Suite = "test" | "woocommerce-real";

export interface Prerequisite {
  /** What the suites use it for, printed when it is missing. */
  what: string;
  /** Debian's package providing it. */
  aptPackage: string;
  /** The suites that need it. */
  suites: readonly Suite[];
  present(probe: Probe, env: NodeJS.ProcessEnv): boolean;
}

/** WooCommerce's PHP extensions, as `php -m` names them, and the Debian package providing each. */
const WOOCOMMERCE_PHP_EXTENSIONS: readonly [extension: string, aptPackage: string][] = [
  ["curl", "php-curl"],
  ["mbstring", "php-mbstring"],
  ["xml", "php-xml"],
  ["mysqli", "php-mysql"],
  ["gd", "php-gd"],
  ["intl", "php-intl"],
  ["zip", "php-zip"],
  ["bcmath", "php-bcmath"],
];

export const PREREQUISITES: readonly Prerequisite[] = [
  {
    what: "Chromium at /usr/bin/chromium (the browser tests drive it through playwright-core)",
    aptPackage: "chromium",
    suites: ["test", "woocommerce-real"],
    present: (p, env) => p.exists(env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
  },
  {
    what: "php-cli (the WordPress gateway's tests run our PHP; the real WooCommerce runs on it)",
    aptPackage: "php-cli",
    suites: ["test", "woocommerce-real"],
    present: (p) => p.onPath("php"),
  },
  {
    what: "the openssl CLI (throwaway TLS certificates for https test servers)",
    aptPackage: "openssl",
    suites: ["test"],
    present: (p) => p.onPath("openssl"),
  },
  {
    what: "nginx at /usr/sbin/nginx (the deployment test puts it in front of two instances)",
    aptPackage: "nginx",
    suites: ["test"],
    present: (p) => p.exists("/usr/sbin/nginx"),
  },
  {
    what: "systemd-analyze (the deployment test verifies the systemd unit with it)",
    aptPackage: "systemd",
    suites: ["test"],
    present: (p) => p.onPath("systemd-analyze"),
  },
  {
    what: "the PostgreSQL server's initdb and pg_ctl (tests that stop and restart a private cluster)",
    aptPackage: "postgresql",
    suites: ["test"],
    present: (p) => postgresBinDir(p) !== undefined,
  },
  ...WOOCOMMERCE_PHP_EXTENSIONS.map(
    ([extension, aptPackage]): Prerequisite => ({
      what: `PHP's ${extension} extension (WooCommerce needs it)`,
      aptPackage,
      suites: ["woocommerce-real"],
      present: (p) => p.phpModules().includes(extension),
    }),
  ),
  {
    what: "unzip (our gateway's zip is installed as WordPress would)",
    aptPackage: "unzip",
    suites: ["woocommerce-real"],
    present: (p) => p.onPath("unzip"),
  },
  {
    what: "the MariaDB client (one database per WordPress site)",
    aptPackage: "mariadb-client",
    suites: ["woocommerce-real"],
    present: (p) => p.onPath("mariadb") || p.onPath("mysql"),
  },
  {
    what: "a local MariaDB server (WordPress keeps its sites in it; MARIADB_HOST picks another machine)",
    aptPackage: "mariadb-server",
    suites: ["woocommerce-real"],
    present: (p, env) =>
      !isLocalHost(env.MARIADB_HOST) || p.exists("/usr/sbin/mariadbd") || p.exists("/usr/sbin/mysqld"),
  },
];

export const prerequisitesOf = (suite: Suite): Prerequisite[] =>
  PREREQUISITES.filter((p) => p.suites.includes(suite));

const COMMAND: Record<Suite, string> = {
  test: "npm test",
  "woocommerce-real": "npm run test:woocommerce-real",
};

/** The machine as the check sees it; tests hand in a made-up one. */
export interface Probe {
  exists(path: string): boolean;
  onPath(command: string): boolean;
  listDir(path: string): string[];
  /** The modules `php -m` lists, lowercased (none without php). */
  phpModules(): string[];
  isRoot: boolean;
  /** Runs a command with its output shown; returns its exit status. */
  run(command: string, args: string[]): number;
  /** Connects to the test database: "ok", "no-database" (server up, database missing), "refused" (authentication) or "down". */
  postgres(url: string): Promise<PostgresState>;
  /** Runs `SELECT 1` on the MariaDB server: "ok", "refused" (authentication) or "down". */
  mariadb(server: MariadbServer): Promise<MariadbState>;
  sleep(ms: number): Promise<void>;
  log(line: string): void;
}

export type PostgresState = "ok" | "no-database" | "refused" | "down";
const isLocalHost = (host: string | undefined) =>
  host === undefined || host === "127.0.0.1" || host === "localhost" || host === "::1";

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

export async function checkPrerequisites(
  probe: Probe,
  env: NodeJS.ProcessEnv = {},
  suite: Suite = "test",
): Promise<number> {
  const canApt = probe.isRoot && probe.onPath("apt-get");
  const needed = prerequisitesOf(suite);
  let missing = needed.filter((p) => !p.present(probe, env));
  if (missing.length > 0) {
    const packages = missing.map((p) => p.aptPackage);
    for (const p of missing) probe.log(`missing: ${p.what}`);
    if (!canApt) {
      probe.log(
        `run this once, then \`${COMMAND[suite]}\` again:\n  sudo apt-get install -y ${packages.join(" ")}`,
      );
      return 1;
    }
    probe.log(`installing ${packages.join(" ")} with apt-get`);
    const installed =
      probe.run("apt-get", ["update", "-qq"]) === 0 &&
      probe.run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages]) === 0;
    missing = needed.filter((p) => !p.present(probe, env));
    if (!installed || missing.length > 0) {
      probe.log(
        `apt-get could not install ${missing.map((p) => p.aptPackage).join(" ") || packages.join(" ")}`,
      );
      return 1;
    }
  }
  if (suite === "woocommerce-real") return checkMariadb(probe, mariadbFromEnv(env));
  return checkPostgres(probe, env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL, env.TEST_DATABASE_URL);
}

/** The real WooCommerce keeps one database per site: the MariaDB server must answer and let the user in. */
async function checkMariadb(probe: Probe, server: MariadbServer): Promise<number> {
  const where = `${server.host}:${server.port} as ${server.user}`;
  let state = await probe.mariadb(server);
  const local = isLocalHost(server.host);
  if (state === "down" && local && probe.isRoot) {
    probe.log(`MariaDB is not answering at ${where}; starting it`);
    if (probe.run("service", ["mariadb", "start"]) !== 0) probe.run("service", ["mysql", "start"]);
    for (let i = 0; i < 30 && state === "down"; i++) {
      await probe.sleep(1000);
      state = await probe.mariadb(server);
    }
  }
  if (state === "ok") return 0;
  if (state === "refused")
    probe.log(
      `MariaDB refused ${where}: the suite creates databases as that user (MARIADB_USER / MARIADB_PASSWORD pick another)`,
    );
  else
    probe.log(
      `MariaDB does not answer at ${where} (MARIADB_HOST / MARIADB_PORT pick another): run\n  ${
        local ? "sudo service mariadb start" : `start the MariaDB server at ${server.host}`
      }`,
    );
  return 1;
}

/** The storage and job suites run on a real PostgreSQL: it must answer, with the test database. */
async function checkPostgres(probe: Probe, url: string, configured: string | undefined): Promise<number> {
  let state = await probe.postgres(url);
  const local = /@(127\.0\.0\.1|localhost)(:5432)?\//.test(url) || !configured;
  const cluster = local ? localCluster(probe) : undefined;
  if (state === "down" && cluster && probe.isRoot) {
    probe.log(`PostgreSQL is not answering at ${redact(url)}; starting cluster ${cluster} main`);
    probe.run("pg_ctlcluster", ["--skip-systemctl-redirect", cluster, "main", "start"]);
    for (let i = 0; i < 30 && state === "down"; i++) {
      await probe.sleep(1000);
      state = await probe.postgres(url);
    }
  }
  const database = new URL(url).pathname.slice(1) || "postgres";
  if (state === "no-database" && local && probe.isRoot) {
    probe.log(`creating the database ${database}`);
    probe.run("runuser", ["-u", "postgres", "--", "createdb", database]);
    state = await probe.postgres(url);
  }
  if (state === "ok") return 0;
  if (state === "refused")
    probe.log(
      `PostgreSQL refused ${redact(url)}: the suites connect without a password (trust for 127.0.0.1 in pg_hba.conf), or set TEST_DATABASE_URL with one`,
    );
  else if (state === "no-database")
    probe.log(
      `PostgreSQL answers but has no database ${database}: run\n  sudo -u postgres createdb ${database}`,
    );
  else
    probe.log(
      `PostgreSQL does not answer at ${redact(url)} (trust auth, database ${database}; TEST_DATABASE_URL picks another): run\n  ${
        cluster ? `sudo pg_ctlcluster ${cluster} main start` : "sudo apt-get install -y postgresql"
      }`,
    );
  return 1;
}

/** The version of the machine's PostgreSQL cluster (Debian's /etc/postgresql/<version>). */
function localCluster(probe: Probe): string | undefined {
  if (!probe.onPath("pg_ctlcluster")) return undefined;
  return probe.listDir("/etc/postgresql").sort((a, b) => Number(b) - Number(a))[0];
}

export function postgresBinDir(probe: Pick<Probe, "exists" | "listDir">): string | undefined {
  for (const dir of ["/usr/local/bin", "/usr/bin"]) {
    if (probe.exists(join(dir, "initdb")) && probe.exists(join(dir, "pg_ctl"))) return dir;
  }
  const root = "/usr/lib/postgresql";
  const version = probe
    .listDir(root)
    .filter((v) => probe.exists(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  return version ? join(root, version, "bin") : undefined;
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:****@");

/** This machine. */
export function systemProbe(): Probe {
  return {
    exists: existsSync,
    onPath: (command) =>
      (process.env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, command))),
    listDir: (path) => {
      try {
        return readdirSync(path);
      } catch {
        return [];
      }
    },
    phpModules: () => {
      const php = spawnSync("php", ["-m"], { encoding: "utf8" });
      return php.status === 0
        ? php.stdout
            .toLowerCase()
            .split("\n")
            .map((m) => m.trim())
        : [];
    },
    isRoot: process.getuid?.() === 0,
    run: (command, args) =>
      spawnSync(command, args, {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      }).status ?? 1,
    async postgres(url) {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
      try {
        await client.connect();
        await client.query("select 1");
        return "ok";
      } catch (error) {
        const code = (error as { code?: string }).code ?? "";
        return code === "3D000" ? "no-database" : code.startsWith("28") ? "refused" : "down";
      } finally {
        await client.end().catch(() => {});
      }
    },
    mariadb: mariadbState,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: (line) => process.stderr.write(`prerequisites: ${line}\n`),
  };
}

if (import.meta.main) {
  const suite = (process.argv[2] ?? "test") as Suite;
  if (!(suite in COMMAND)) {
    process.stderr.write(`prerequisites: unknown suite ${suite} (test or woocommerce-real)\n`);
    process.exitCode = 2;
  } else process.exitCode = await checkPrerequisites(systemProbe(), process.env, suite);
}
