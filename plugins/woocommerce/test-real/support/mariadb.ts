import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where the site databases live: MARIADB_HOST / MARIADB_PORT / MARIADB_USER / MARIADB_PASSWORD. */
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
    `--host=${server.host}`,
    `--port=${server.port}`,
    `--user=${server.user}`,
    "--batch",
    "--skip-column-names",
    "--raw",
    `--execute=${query}`,
    ...(database ? [database] : []),
  ];
  const env = { ...process.env, MYSQL_PWD: server.password };
  const { stdout } = await run(await mariadbClient(), args, { env, maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\t").map((v) => (v === "NULL" ? null : v)));
}

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
