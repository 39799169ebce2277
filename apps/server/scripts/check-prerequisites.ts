import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * What `npm test` needs from the machine besides node_modules, checked before any suite runs
 * (the root `pretest`). Where it can (root, with apt-get, as in CI) it installs what is missing
 * and says so; otherwise it stops at once with the one command to run.
 */
export interface Prerequisite {
  /** What the suites use it for, printed when it is missing. */
  what: string;
  /** Debian's package providing it. */
  aptPackage: string;
  present(probe: Probe): boolean;
}

export const PREREQUISITES: readonly Prerequisite[] = [
  {
    what: "Chromium at /usr/bin/chromium (the browser tests drive it through playwright-core)",
    aptPackage: "chromium",
    present: (p) => p.exists("/usr/bin/chromium"),
  },
  {
    what: "php-cli (the WordPress gateway's tests run our PHP)",
    aptPackage: "php-cli",
    present: (p) => p.onPath("php"),
  },
  {
    what: "the openssl CLI (throwaway TLS certificates for https test servers)",
    aptPackage: "openssl",
    present: (p) => p.onPath("openssl"),
  },
  {
    what: "nginx at /usr/sbin/nginx (the deployment test puts it in front of two instances)",
    aptPackage: "nginx",
    present: (p) => p.exists("/usr/sbin/nginx"),
  },
  {
    what: "systemd-analyze (the deployment test verifies the systemd unit with it)",
    aptPackage: "systemd",
    present: (p) => p.onPath("systemd-analyze"),
  },
  {
    what: "the PostgreSQL server's initdb and pg_ctl (tests that stop and restart a private cluster)",
    aptPackage: "postgresql",
    present: (p) => postgresBinDir(p) !== undefined,
  },
];

/** The machine as the check sees it; tests hand in a made-up one. */
export interface Probe {
  exists(path: string): boolean;
  onPath(command: string): boolean;
  listDir(path: string): string[];
  isRoot: boolean;
  /** Runs a command with its output shown; returns its exit status. */
  run(command: string, args: string[]): number;
  /** Connects to the test database: "ok", "no-database" (server up, database missing), "refused" (authentication) or "down". */
  postgres(url: string): Promise<PostgresState>;
  sleep(ms: number): Promise<void>;
  log(line: string): void;
}

export type PostgresState = "ok" | "no-database" | "refused" | "down";

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

export async function checkPrerequisites(probe: Probe, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const canApt = probe.isRoot && probe.onPath("apt-get");
  let missing = PREREQUISITES.filter((p) => !p.present(probe));
  if (missing.length > 0) {
    const packages = missing.map((p) => p.aptPackage);
    for (const p of missing) probe.log(`missing: ${p.what}`);
    if (!canApt) {
      probe.log(`run this once, then \`npm test\` again:\n  sudo apt-get install -y ${packages.join(" ")}`);
      return 1;
    }
    probe.log(`installing ${packages.join(" ")} with apt-get`);
    const installed =
      probe.run("apt-get", ["update", "-qq"]) === 0 &&
      probe.run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages]) === 0;
    missing = PREREQUISITES.filter((p) => !p.present(probe));
    if (!installed || missing.length > 0) {
      probe.log(
        `apt-get could not install ${missing.map((p) => p.aptPackage).join(" ") || packages.join(" ")}`,
      );
      return 1;
    }
  }
  return checkPostgres(probe, env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL, env.TEST_DATABASE_URL);
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
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: (line) => process.stderr.write(`prerequisites: ${line}\n`),
  };
}

if (import.meta.main) process.exitCode = await checkPrerequisites(systemProbe(), process.env);
