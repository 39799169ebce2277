import { describe, expect, it } from "vitest";
import {
  checkPrerequisites,
  type MariadbState,
  type PostgresState,
  type Probe,
  systemProbe,
} from "./check-prerequisites.ts";

/** A machine with `files` on disk, `commands` on PATH, and apt-get installing into it. */
function machine(options: {
  files?: string[];
  commands?: string[];
  isRoot?: boolean;
  postgres?: PostgresState[];
  mariadb?: MariadbState[];
  phpModules?: string[];
  aptFails?: boolean;
}) {
  const phpModules = new Set(options.phpModules ?? []);
  const mariadb = [...(options.mariadb ?? ["ok"])];
  const files = new Set(options.files ?? []);
  const commands = new Set(options.commands ?? []);
  const postgres = [...(options.postgres ?? ["ok"])];
  const ran: string[] = [];
  const log: string[] = [];
  const aptProvides: Record<string, () => void> = {
    chromium: () => files.add("/usr/bin/chromium"),
    "php-cli": () => commands.add("php"),
    openssl: () => commands.add("openssl"),
    nginx: () => files.add("/usr/sbin/nginx"),
    systemd: () => commands.add("systemd-analyze"),
    "php-curl": () => phpModules.add("curl"),
    "php-mbstring": () => phpModules.add("mbstring"),
    "php-xml": () => phpModules.add("xml"),
    "php-mysql": () => phpModules.add("mysqli"),
    "php-gd": () => phpModules.add("gd"),
    "php-intl": () => phpModules.add("intl"),
    "php-zip": () => phpModules.add("zip"),
    "php-bcmath": () => phpModules.add("bcmath"),
    unzip: () => commands.add("unzip"),
    "mariadb-client": () => commands.add("mariadb"),
    "mariadb-server": () => files.add("/usr/sbin/mariadbd"),
    postgresql: () => {
      files.add("/usr/lib/postgresql/15/bin/initdb");
      commands.add("pg_ctlcluster");
    },
  };
  const probe: Probe = {
    exists: (path) => files.has(path),
    onPath: (command) => commands.has(command),
    listDir: (path) =>
      path === "/usr/lib/postgresql" && files.has("/usr/lib/postgresql/15/bin/initdb")
        ? ["15"]
        : path === "/etc/postgresql" && commands.has("pg_ctlcluster")
          ? ["15"]
          : [],
    phpModules: () => (commands.has("php") ? [...phpModules] : []),
    isRoot: options.isRoot ?? false,
    run: (command, args) => {
      ran.push([command, ...args].join(" "));
      if (command === "apt-get" && args[0] === "install" && !options.aptFails)
        for (const name of args.filter((a) => !a.startsWith("-")).slice(1)) aptProvides[name]?.();
      return options.aptFails && command === "apt-get" && args[0] === "install" ? 100 : 0;
    },
    postgres: async () => (postgres.length > 1 ? (postgres.shift() as "ok") : (postgres[0] ?? "ok")),
    mariadb: async () => (mariadb.length > 1 ? (mariadb.shift() as "ok") : (mariadb[0] ?? "ok")),
    sleep: async () => {},
    log: (line) => log.push(line),
  };
  return { probe, ran, log };
}

const EVERYTHING = {
  files: ["/usr/bin/chromium", "/usr/sbin/nginx", "/usr/lib/postgresql/15/bin/initdb"],
  commands: ["php", "openssl", "apt-get", "pg_ctlcluster", "systemd-analyze"],
};

describe("npm test's prerequisite check", () => {
  it("passes quietly when everything is there", async () => {
    const m = machine({ ...EVERYTHING, isRoot: true });
    expect(await checkPrerequisites(m.probe)).toBe(0);
    expect(m.log).toEqual([]);
    expect(m.ran).toEqual([]);
  });

  it("as root with apt-get, installs what is missing and says so", async () => {
    const m = machine({
      files: ["/usr/lib/postgresql/15/bin/initdb"],
      commands: ["apt-get", "openssl", "systemd-analyze"],
      isRoot: true,
    });
    expect(await checkPrerequisites(m.probe)).toBe(0);
    expect(m.log).toContain("installing chromium php-cli nginx with apt-get");
    expect(m.ran).toEqual([
      "apt-get update -qq",
      "apt-get install -y -qq --no-install-recommends chromium php-cli nginx",
    ]);
  });

  it("otherwise stops at once with the one command to run", async () => {
    const m = machine({
      commands: ["apt-get", "php", "openssl", "systemd-analyze"],
      files: ["/usr/sbin/nginx"],
    });
    expect(await checkPrerequisites(m.probe)).toBe(1);
    expect(m.ran).toEqual([]);
    expect(m.log.at(-1)).toBe(
      "run this once, then `npm test` again:\n  sudo apt-get install -y chromium postgresql",
    );
    expect(m.log[0]).toMatch(/^missing: Chromium at \/usr\/bin\/chromium/);
  });

  it("fails when apt-get cannot install", async () => {
    const m = machine({ commands: ["apt-get"], isRoot: true, aptFails: true });
    expect(await checkPrerequisites(m.probe)).toBe(1);
    expect(m.log.at(-1)).toMatch(
      /^apt-get could not install chromium php-cli openssl nginx systemd postgresql/,
    );
  });

  it("starts the local PostgreSQL as root and creates the test database", async () => {
    const m = machine({ ...EVERYTHING, isRoot: true, postgres: ["down", "down", "no-database", "ok"] });
    expect(await checkPrerequisites(m.probe)).toBe(0);
    expect(m.ran).toEqual([
      "pg_ctlcluster --skip-systemctl-redirect 15 main start",
      "runuser -u postgres -- createdb test",
    ]);
  });

  it("says how to start PostgreSQL when it cannot", async () => {
    const m = machine({ ...EVERYTHING, isRoot: false, postgres: ["down"] });
    expect(await checkPrerequisites(m.probe)).toBe(1);
    expect(m.log.at(-1)).toMatch(
      /PostgreSQL does not answer at postgres:\/\/postgres@127\.0\.0\.1:5432\/test/,
    );
    expect(m.log.at(-1)).toMatch(/\n {2}sudo pg_ctlcluster 15 main start$/);
    const refused = machine({ ...EVERYTHING, isRoot: true, postgres: ["refused"] });
    expect(await checkPrerequisites(refused.probe)).toBe(1);
    expect(refused.log.at(-1)).toMatch(/trust for 127\.0\.0\.1 in pg_hba\.conf/);
    expect(refused.ran).toEqual([]);
    const secret = machine({ ...EVERYTHING, postgres: ["down"] });
    await checkPrerequisites(secret.probe, { TEST_DATABASE_URL: "postgres://u:hunter2@db.internal:5432/t" });
    expect(secret.log.join("\n")).not.toContain("hunter2");
    expect(secret.ran).toEqual([]);
  });

  it("checks the real-WooCommerce suite's own list: PHP's extensions, unzip, MariaDB", async () => {
    const m = machine({
      ...EVERYTHING,
      phpModules: ["curl", "mbstring", "xml", "gd", "zip"],
      isRoot: false,
    });
    expect(await checkPrerequisites(m.probe, {}, "woocommerce-real")).toBe(1);
    expect(m.log.at(-1)).toBe(
      "run this once, then `npm run test:woocommerce-real` again:\n  sudo apt-get install -y php-mysql php-intl php-bcmath unzip mariadb-client mariadb-server",
    );
    // nginx, openssl and PostgreSQL are `npm test`'s, not this suite's.
    const everything = machine({
      files: ["/usr/bin/chromium", "/usr/sbin/mariadbd"],
      commands: ["php", "unzip", "mariadb"],
      phpModules: ["curl", "mbstring", "xml", "mysqli", "gd", "intl", "zip", "bcmath"],
    });
    expect(await checkPrerequisites(everything.probe, {}, "woocommerce-real")).toBe(0);
    expect(everything.log).toEqual([]);
    // A MariaDB on another machine needs no local server.
    const remote = machine({
      files: ["/usr/bin/chromium"],
      commands: ["php", "unzip", "mariadb"],
      phpModules: ["curl", "mbstring", "xml", "mysqli", "gd", "intl", "zip", "bcmath"],
    });
    expect(await checkPrerequisites(remote.probe, { MARIADB_HOST: "db.internal" }, "woocommerce-real")).toBe(
      0,
    );
  });

  it("as root, installs the real suite's packages and starts the local MariaDB", async () => {
    const m = machine({ commands: ["apt-get"], isRoot: true, mariadb: ["down", "down", "ok"] });
    expect(await checkPrerequisites(m.probe, {}, "woocommerce-real")).toBe(0);
    expect(m.ran).toEqual([
      "apt-get update -qq",
      "apt-get install -y -qq --no-install-recommends chromium php-cli php-curl php-mbstring php-xml php-mysql php-gd php-intl php-zip php-bcmath unzip mariadb-client mariadb-server",
      "service mariadb start",
    ]);
    expect(m.log).toContain("MariaDB is not answering at 127.0.0.1:3306 as root; starting it");
  });

  it("says how to start MariaDB when it cannot, and what a refusal means", async () => {
    const ready = {
      files: ["/usr/bin/chromium", "/usr/sbin/mariadbd"],
      commands: ["php", "unzip", "mariadb"],
      phpModules: ["curl", "mbstring", "xml", "mysqli", "gd", "intl", "zip", "bcmath"],
    };
    const down = machine({ ...ready, mariadb: ["down"] });
    expect(await checkPrerequisites(down.probe, {}, "woocommerce-real")).toBe(1);
    expect(down.ran).toEqual([]);
    expect(down.log.at(-1)).toMatch(
      /^MariaDB does not answer at 127\.0\.0\.1:3306 .*\n {2}sudo service mariadb start$/s,
    );
    const refused = machine({ ...ready, isRoot: true, mariadb: ["refused"] });
    expect(await checkPrerequisites(refused.probe, { MARIADB_USER: "wp" }, "woocommerce-real")).toBe(1);
    expect(refused.log.at(-1)).toMatch(/^MariaDB refused 127\.0\.0\.1:3306 as wp/);
    expect(refused.ran).toEqual([]);
  });

  it("sees this machine as it is: the real probe reaches the test database", async () => {
    expect(
      await systemProbe().postgres(
        process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
      ),
    ).toBe("ok");
    expect(await systemProbe().postgres("postgres://postgres@127.0.0.1:5432/no_such_database_here")).toBe(
      "no-database",
    );
    expect(await systemProbe().postgres("postgres://postgres@127.0.0.1:1/test")).toBe("down");
    expect(await systemProbe().mariadb({ host: "127.0.0.1", port: 1, user: "root", password: "" })).toBe(
      "down",
    );
  });
});
