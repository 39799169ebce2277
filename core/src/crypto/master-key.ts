import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SecretBox } from "./secret-box.ts";

/**
 * The master key comes from configuration (`MASTER_KEY`). The embedded default has no
 * configuration, so on first run it generates one into the data folder, readable by the
 * owner only; losing that file means re-entering every secret, which the README says.
 */
export function loadMasterKey(options: { encodedKey?: string | undefined; dataDir: string }): {
  box: SecretBox;
  source: "environment" | "file" | "generated";
} {
  if (options.encodedKey) return { box: SecretBox.fromEncodedKey(options.encodedKey), source: "environment" };
  const path = join(options.dataDir, "master.key");
  if (existsSync(path)) return { box: SecretBox.fromEncodedKey(readFileSync(path, "utf8")), source: "file" };
  mkdirSync(options.dataDir, { recursive: true });
  const key = SecretBox.generateKey();
  writeFileSync(path, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
  return { box: new SecretBox(key), source: "generated" };
}
