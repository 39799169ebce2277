import { execFileSync } from "node:child_process";
import { type MariadbServer, sql } from "./mariadb.ts";

const PHP_EXTENSIONS = ["curl", "mbstring", "xml", "mysqli", "gd", "intl", "zip", "bcmath"];

/**
 * Checks what the suite needs besides the tree and says exactly what is missing: PHP 8.x with
 * WooCommerce's extensions, unzip, and a MariaDB (or MySQL) server the user can create databases on.
 */
export async function checkPrerequisites(mariadb: MariadbServer): Promise<void> {
  const missing: string[] = [];
  let modules = "";
  try {
    modules = execFileSync("php", ["-m"], { encoding: "utf8" }).toLowerCase();
  } catch {
    missing.push("php (Debian: apt-get install php8.2-cli and its extensions, see README)");
  }
  if (modules) {
    const absent = PHP_EXTENSIONS.filter((ext) => !modules.split("\n").includes(ext));
    if (absent.length)
      missing.push(`PHP extensions ${absent.join(", ")} (Debian: php8.2-${absent.join(" php8.2-")})`);
  }
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
  } catch {
    missing.push("unzip");
  }
  try {
    await sql(mariadb, "SELECT 1");
  } catch (error) {
    missing.push(
      `a MariaDB/MySQL server at ${mariadb.host}:${mariadb.port} as ${mariadb.user} (MARIADB_HOST/PORT/USER/PASSWORD): ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (missing.length)
    throw new Error(`the real-WooCommerce suite cannot run; missing:\n - ${missing.join("\n - ")}`);
}
