import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Reads `.env` in the working folder (or the file ENV_FILE names) into the environment, once, at
 * the start of every command: `npm start` and `npx alma-suite tenants login-link` then see the
 * same settings (the same PORT, so the links point where the server listens). A variable already
 * set in the environment wins over the file. Returns the file read, if any.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const named = env.ENV_FILE?.trim();
  const path = resolve(cwd, named || ".env");
  if (!existsSync(path)) {
    if (named) throw new Error(`ENV_FILE: no file at ${path}`);
    return undefined;
  }
  process.loadEnvFile(path);
  return path;
}
