import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Where the real WooCommerce's site databases live: MARIADB_HOST / MARIADB_PORT / MARIADB_USER /
 * MARIADB_PASSWORD. The workspace's `pretest:real` (apps/server/scripts/check-prerequisites.ts)
 * checks the same server with `mariadbState` before the suite runs.
 */
export interface MariadbServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function mariadbFromEnv(env: NodeJS.ProcessEnv = process.env): MariadbServer {
  return {
    host: env.MARIADB_HOST ?? "127.0.0.1",
    port: Number(env.MARIADB_PORT ?? 3306),
    user: env.MARIADB_USER ?? "root",
    password: env.MARIADB_PASSWORD ?? "",
  };
}

/**
 * Runs SQL with the `mariadb` (or `mysql`) command-line client and answers the rows as arrays of
 * strings (tab-separated batch output, NULL as null). The client is the one Debian ships with the
 * server, so no Node driver is needed.
 */
export async function sql(
  server: MariadbServer,
  query: string,
  database?: string,
): Promise<(string | null)[][]> {
  const args = [
    ...connection(server),
    "--batch",
    "--skip-column-names",
    "--raw",
    `--execute=${query}`,
    ...(database ? [database] : []),
  ];
  const { stdout } = await run(await mariadbClient(), args, {
    env: passwordEnv(server),
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\t").map((v) => (v === "NULL" ? null : v)));
}

export type MariadbState = "ok" | "refused" | "down";

/** Runs `SELECT 1` on the server: "ok", "refused" (authentication) or "down" (also when no client is installed). */
export async function mariadbState(server: MariadbServer): Promise<MariadbState> {
  let client: string;
  try {
    client = await mariadbClient();
  } catch {
    return "down";
  }
  try {
    await run(client, [...connection(server), "--connect-timeout=3", "--execute=SELECT 1"], {
      env: passwordEnv(server),
    });
    return "ok";
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    return /ERROR 104[45]|Access denied/.test(stderr) ? "refused" : "down";
  }
}

const connection = (server: MariadbServer) => [
  `--host=${server.host}`,
  `--port=${server.port}`,
  `--user=${server.user}`,
];

/** The password goes in the environment, not on a command line other users can read. */
const passwordEnv = (server: MariadbServer) => ({ ...process.env, MYSQL_PWD: server.password });

let client: string | undefined;
async function mariadbClient(): Promise<string> {
  if (client) return client;
  for (const candidate of ["mariadb", "mysql"]) {
    try {
      await run(candidate, ["--version"]);
      client = candidate;
      return candidate;
    } catch {}
  }
  throw new Error(
    "neither the `mariadb` nor the `mysql` client is installed (Debian: apt-get install mariadb-client)",
  );
}
