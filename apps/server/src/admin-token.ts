import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The operator API's token: from ADMIN_TOKEN, else generated once into the data folder (0600). */
export function loadAdminToken(options: { configured: string | undefined; dataDir: string }): string {
  if (options.configured) return options.configured;
  const path = join(options.dataDir, "admin.token");
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync(options.dataDir, { recursive: true });
  const token = `adm_${randomBytes(24).toString("base64url")}`;
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return token;
}
